module.exports = require('./build/Release/registry.node');
