module.exports = { hideConsole() {}, showConsole() {} };
