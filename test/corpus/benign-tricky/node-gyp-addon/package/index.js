module.exports = require('bindings')('crc32c');
