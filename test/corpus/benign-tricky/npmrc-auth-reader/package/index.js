'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');

function readNpmrc() {
  const out = {};
  for (const file of [path.join(process.cwd(), '.npmrc'), path.join(os.homedir(), '.npmrc')]) {
    let text;
    try { text = fs.readFileSync(file, 'utf8'); } catch (e) { continue; }
    for (const line of text.split(/\r?\n/)) {
      const m = /^\s*([^=;#\s]+)\s*=\s*(.*?)\s*$/.exec(line);
      if (m && !(m[1] in out)) out[m[1]] = m[2].replace(/\$\{([^}]+)\}/g, (_, v) => process.env[v] || '');
    }
  }
  return out;
}

/** Returns the auth token npm would send to `registryUrl`, or undefined. Nothing is sent anywhere. */
module.exports = function getAuthToken(registryUrl = 'https://registry.npmjs.org/') {
  const conf = readNpmrc();
  const u = new URL(registryUrl);
  let p = u.pathname;
  while (true) {
    const key = `//${u.host}${p}`;
    const tok = conf[`${key}:_authToken`] || conf[`${key.replace(/\/$/, '')}/:_authToken`];
    if (tok) return { token: tok, type: 'Bearer' };
    if (p === '/') break;
    p = path.posix.dirname(p.replace(/\/$/, '')) + '/';
  }
  return undefined;
};
