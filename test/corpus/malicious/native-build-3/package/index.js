module.exports = require('bindings')('bson');
