module.exports = Object.freeze({ ...process.env });
