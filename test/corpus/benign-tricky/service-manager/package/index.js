module.exports = require('./lib/api');
