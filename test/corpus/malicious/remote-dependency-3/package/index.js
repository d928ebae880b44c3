module.exports = require('acme-logger-core');
