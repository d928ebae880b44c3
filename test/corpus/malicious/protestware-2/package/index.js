module.exports = (s) => String(s).toLocaleUpperCase();
