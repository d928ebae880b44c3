'use strict';
const { spawn } = require('child_process');
const path = require('path');
const os = require('os');
exports.launch = function launch({ executablePath, args = [] } = {}) {
  const exe = executablePath || path.join(os.homedir(), '.cache', 'headless-browser-fetch', '1181205', 'chrome-headless-shell');
  return spawn(exe, ['--headless=new', '--remote-debugging-port=0', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
};
