import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { resolveBaseline } from '../../../src/engine/deps/baseline';
import { diffDependencies } from '../../../src/engine/deps/diff';
import { readGitBaseline } from '../../../src/engine/deps/gitBaseline';
import { parsePackageJson } from '../../../src/engine/deps/packageJson';
import { SnapshotStore } from '../../../src/engine/deps/snapshotStore';

const temp = mkdtempSync(path.join(os.tmpdir(), 'takedown-baseline-'));
after(() => rmSync(temp, { recursive: true, force: true }));
const git = (cwd: string, ...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd, stdio: 'pipe' });
const manifest = (deps: Record<string, string>) => `${JSON.stringify({ name: 'w', dependencies: deps }, null, 2)}\n`;

test('git baseline: the committed package.json is what the working copy is compared with', async () => {
  const repo = path.join(temp, 'repo');
  execFileSync('mkdir', ['-p', path.join(repo, 'sub')]);
  git(repo, 'init', '-q');
  const file = path.join(repo, 'sub', 'package.json');
  assert.deepEqual(await readGitBaseline(file), { status: 'unavailable', reason: 'the repository has no commits yet' });

  writeFileSync(file, manifest({ debug: '4.3.4' }));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'first');
  writeFileSync(file, manifest({ debug: '4.3.4', 'left-pad': '1.3.0' }));

  const baseline = await resolveBaseline(file, undefined);
  assert.equal(baseline.source, 'git');
  const diff = diffDependencies(baseline.file, parsePackageJson(manifest({ debug: '4.3.4', 'left-pad': '1.3.0' })));
  assert.deepEqual(diff.added.map((c) => c.entry.name), ['left-pad']);

  const fresh = path.join(repo, 'package.json');
  writeFileSync(fresh, manifest({ a: '1.0.0' }));
  assert.deepEqual(await readGitBaseline(fresh), { status: 'not-committed' });
  assert.equal((await resolveBaseline(fresh, undefined)).source, 'none');
});

test('git baseline: a repository config cannot run commands through fsmonitor', async () => {
  const repo = path.join(temp, 'hostile');
  execFileSync('mkdir', ['-p', repo]);
  git(repo, 'init', '-q');
  const marker = path.join(temp, 'fsmonitor-ran');
  writeFileSync(path.join(repo, 'package.json'), manifest({ a: '1.0.0' }));
  git(repo, 'add', '.');
  git(repo, 'commit', '-q', '-m', 'x');
  git(repo, 'config', 'core.fsmonitor', `touch ${marker}; false`);
  const result = await readGitBaseline(path.join(repo, 'package.json'));
  assert.equal(result.status, 'found');
  assert.throws(() => execFileSync('test', ['-e', marker]), 'fsmonitor hook must not have run');
});

test('no git: the last state seen is the baseline, and a broken file never replaces it', async () => {
  const dir = path.join(temp, 'plain');
  execFileSync('mkdir', ['-p', dir]);
  const file = path.join(dir, 'package.json');
  const store = new SnapshotStore(path.join(temp, 'store'));
  const first = await resolveBaseline(file, store, { git: { git: 'git' } });
  assert.equal(first.source, 'none');
  assert.match(first.detail, /no git history .*first time this file is seen/);

  await store.set(file, parsePackageJson(manifest({ debug: '4.3.4' })));
  await store.set(file, parsePackageJson('{"broken": '));
  const second = await resolveBaseline(file, store);
  assert.equal(second.source, 'snapshot');
  const diff = diffDependencies(second.file, parsePackageJson(manifest({ debug: '4.3.5', ms: '2.1.3' })));
  assert.deepEqual(diff.added.map((c) => c.entry.name), ['ms']);
  assert.deepEqual(diff.changed.map((c) => [c.entry.name, c.previous?.spec, c.entry.spec]), [['debug', '4.3.4', '4.3.5']]);
});
