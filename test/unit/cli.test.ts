import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';

const root = path.join(__dirname, '../..');
const cli = path.join(root, 'dist/cli.js');
const temp = mkdtempSync(path.join(os.tmpdir(), 'takedown-cli-'));
after(() => rmSync(temp, { recursive: true, force: true }));

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr };
}

test('cli deps --changes: what a commit-to-working-copy change added, on the built CLI', () => {
  const ws = path.join(temp, 'ws');
  cpSync(path.join(root, 'test/demo/workspace'), ws, { recursive: true });
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: ws, stdio: 'pipe' });
  git('init', '-q');
  git('add', 'package.json', 'package-lock.json');
  git('commit', '-q', '-m', 'base');
  cpSync(path.join(ws, 'changes/package.json'), path.join(ws, 'package.json'));
  cpSync(path.join(ws, 'changes/package-lock.json'), path.join(ws, 'package-lock.json'));
  rmSync(path.join(ws, 'changes'), { recursive: true });

  const human = run('deps', '--changes', ws);
  assert.equal(human.code, 0, human.err);
  assert.match(human.out, /package-lock\.json \[npm-lock v3\] 8 entries \(3 direct, 0 dev\), 1 not from the registry/);
  assert.match(human.out, /! left-pad@1\.3\.0 is a remote dependency \(line 81\)/);
  assert.match(human.out, /~ debug@4\.3\.7 was 4\.3\.4 \[version\] \(line 16\)/);
  assert.match(human.out, /\+ is-even@1\.0\.0 \(line 37\)/);
  assert.match(human.out, /~ ms@2\.1\.3 was 2\.1\.2 \[version\]/);

  const json = JSON.parse(run('deps', '--changes', '--json', path.join(ws, 'package.json')).out) as { path: string; added: { name: string; line: number }[]; changed: { name: string; previous: string }[] }[];
  assert.equal(json.length, 1);
  assert.deepEqual(json[0]!.added.map((a) => [a.name, a.line]), [['is-even', 7], ['left-pad', 8]]);
  assert.deepEqual(json[0]!.changed.map((c) => [c.name, c.previous]), [['debug', '4.3.4']]);
});

test('cli: a broken file exits 1 with the position; bad usage exits 2', () => {
  const ws = path.join(temp, 'broken');
  cpSync(path.join(root, 'test/fixtures/deps/package-json/conflict.json'), path.join(ws, 'package.json'), { recursive: true });
  const broken = run('deps', ws);
  assert.equal(broken.code, 1);
  assert.match(broken.out, /could not be read\n  error E_CONFLICT line 4: Unresolved merge conflict marker/);
  assert.equal(run('deps').code, 2);
  assert.equal(run('frobnicate').code, 2);
  assert.match(run('help').out, /takedown deps|deps <folder\|file>/);
});
