import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffDependencies } from '../../../src/engine/deps/diff';
import type { DependencyEntry, DependencyFile } from '../../../src/engine/deps/model';
import { parsePackageJson } from '../../../src/engine/deps/packageJson';
import { selectForScan } from '../../../src/engine/deps/select';

const manifest = (deps: Record<string, string>, dev: Record<string, string> = {}) =>
  parsePackageJson(JSON.stringify({ name: 'x', dependencies: deps, devDependencies: dev }, null, 2));

let line = 0;
function locked(name: string, version: string, extra: Partial<DependencyEntry> = {}): DependencyEntry {
  const l = line++;
  return { name, version, specKind: 'version', dev: false, optional: false, peer: false, direct: false, workspaces: [], range: { start: { line: l, column: 2 }, end: { line: l, column: 10 } }, ...extra };
}
const lock = (entries: DependencyEntry[]): DependencyFile => ({ kind: 'npm-lock', workspaces: [], entries, problems: [], fatal: false });

test('manifest diff: added, spec changed, removed, unchanged', () => {
  const before = manifest({ debug: '^4.3.4', chalk: '^4.1.2', ms: '2.1.3' }, { typescript: '5.9.3' });
  const after = manifest({ debug: '^4.3.4', chalk: '^5.0.0', 'left-pad': '1.3.0' }, { typescript: '5.9.3', 'ms': '2.1.3' });
  const diff = diffDependencies(before, after);
  assert.equal(diff.hasBaseline, true);
  assert.deepEqual(diff.added.map((c) => [c.entry.group, c.entry.name, c.entry.range.start.line]), [
    ['dependencies', 'left-pad', 5],
    ['devDependencies', 'ms', 9],
  ]);
  assert.deepEqual(diff.changed.map((c) => [c.entry.name, c.previous?.spec, c.entry.spec, c.reasons]), [['chalk', '^4.1.2', '^5.0.0', ['spec']]]);
  assert.deepEqual(diff.removed.map((c) => [c.entry.group, c.entry.name]), [['dependencies', 'ms']]);
  assert.equal(diff.unchanged, 2);
});

test('manifest diff: an alias that now points at another package is a change', () => {
  const diff = diffDependencies(manifest({ util: 'npm:util@1.0.0' }), manifest({ util: 'npm:uti1@1.0.0' }));
  assert.deepEqual(diff.changed.map((c) => [c.entry.alias, c.entry.name, c.previous?.name]), [['util', 'uti1', 'util']]);
});

test('lock diff: new name is added, new version of a known name is a bump from the nearest lower version', () => {
  const before = lock([locked('debug', '4.3.4'), locked('ms', '2.1.2'), locked('ms', '2.0.0'), locked('gone', '1.0.0')]);
  const after = lock([locked('debug', '4.3.4'), locked('ms', '2.1.3'), locked('ms', '2.0.0'), locked('evil', '9.9.9'), locked('evil', '9.9.9', { installPath: 'node_modules/a/node_modules/evil' })]);
  const diff = diffDependencies(before, after);
  assert.deepEqual(diff.added.map((c) => [c.entry.name, c.entry.version, c.entry.range.start.line]), [['evil', '9.9.9', 7], ['evil', '9.9.9', 8]]);
  assert.deepEqual(diff.changed.map((c) => [c.entry.name, c.previous?.version, c.entry.version, c.reasons]), [['ms', '2.1.2', '2.1.3', ['version']]]);
  assert.deepEqual(diff.removed.map((c) => [c.entry.name, c.entry.version]), [['gone', '1.0.0']]);
  assert.equal(diff.unchanged, 2);
});

test('lock diff: same version with another tarball or integrity is a change', () => {
  const before = lock([locked('a', '1.0.0', { resolved: 'https://registry.npmjs.org/a/-/a-1.0.0.tgz', integrity: 'sha512-AAA' }), locked('b', '1.0.0', { integrity: 'sha512-BBB' }), locked('c', '1.0.0')]);
  const after = lock([locked('a', '1.0.0', { resolved: 'https://198.51.100.9/a-1.0.0.tgz', integrity: 'sha512-AAA' }), locked('b', '1.0.0', { integrity: 'sha512-EVIL' }), locked('c', '1.0.0', { integrity: 'sha512-NEW' })]);
  const diff = diffDependencies(before, after);
  assert.deepEqual(diff.changed.map((c) => [c.entry.name, c.reasons]), [['a', ['resolved']], ['b', ['integrity']]]);
  assert.equal(diff.unchanged, 1, 'an integrity recorded for the first time is not a change');
});

test('no baseline or a broken one: everything is added; a broken current file yields nothing', () => {
  const current = lock([locked('a', '1.0.0'), locked('b', '2.0.0', { direct: true })]);
  const none = diffDependencies(undefined, current);
  assert.deepEqual([none.hasBaseline, none.added.length, none.added.every((c) => c.reasons[0] === 'new')], [false, 2, true]);
  const broken: DependencyFile = { kind: 'npm-lock', workspaces: [], entries: [], problems: [], fatal: true };
  assert.equal(diffDependencies(broken, current).hasBaseline, false);
  const out = diffDependencies(current, broken);
  assert.deepEqual([out.added.length, out.removed.length], [0, 0]);
});

test('scan selection follows takedown.scan.scope', () => {
  const current = lock([locked('a', '1.0.0'), locked('b', '2.0.0', { direct: true }), locked('b', '2.0.0', { direct: true, installPath: 'x' })]);
  const first = diffDependencies(undefined, current);
  assert.deepEqual(selectForScan(first, current, 'added'), []);
  assert.deepEqual(selectForScan(first, current, 'direct').map((c) => `${c.name}@${c.version}`), ['b@2.0.0']);
  assert.deepEqual(selectForScan(first, current, 'all').map((c) => `${c.name}@${c.version}`), ['a@1.0.0', 'b@2.0.0']);
  const later = lock([...current.entries, locked('c', '3.0.0')]);
  const diff = diffDependencies(current, later);
  assert.deepEqual(selectForScan(diff, later, 'added').map((c) => `${c.name}@${c.version}`), ['c@3.0.0']);
  assert.deepEqual(selectForScan(diff, later, 'all').map((c) => `${c.name}@${c.version}`), ['a@1.0.0', 'b@2.0.0', 'c@3.0.0']);
});
