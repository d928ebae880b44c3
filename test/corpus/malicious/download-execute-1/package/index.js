module.exports = { executablePath: () => require('path').join(__dirname, '.local-chromium', 'chrome') };
