'use strict';
const IPC = require('./lib/ipc');
require('./dao/ssl-geo');
module.exports = new IPC();
