module.exports = { rotate: (file) => file + '.1' };
