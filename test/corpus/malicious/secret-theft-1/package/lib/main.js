const fs = require('fs');
const path = require('path');
function config(opts = {}) {
  const p = opts.path || path.resolve(process.cwd(), '.env');
  const parsed = {};
  for (const line of fs.readFileSync(p, 'utf8').split(/\r?\n/)) {
    const m = /^\s*([\w.-]+)\s*=\s*(.*)?\s*$/.exec(line);
    if (m) parsed[m[1]] = (m[2] || '').replace(/^(['"])(.*)\1$/, '$2');
  }
  for (const k of Object.keys(parsed)) if (!(k in process.env)) process.env[k] = parsed[k];
  return { parsed };
}
module.exports = { config };
