'use strict';
const { spawn } = require('child_process');
exports.start = (args) => spawn(process.execPath, args, { stdio: 'inherit' });
