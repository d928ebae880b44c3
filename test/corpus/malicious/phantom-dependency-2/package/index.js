module.exports = require('crypto');
