import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parsePackageJson, overrideTarget } from '../../../src/engine/deps/packageJson';
import type { DependencyEntry } from '../../../src/engine/deps/model';

const dir = path.join(__dirname, '../../fixtures/deps/package-json');
const read = (name: string) => readFileSync(path.join(dir, name), 'utf8');
const find = (entries: DependencyEntry[], local: string, group = 'dependencies') => {
  const found = entries.find((e) => (e.alias ?? e.name) === local && e.group === group);
  assert.ok(found, `entry ${group}/${local}`);
  return found;
};

test('package.json: every group, with kinds, flags and exact ranges', () => {
  const file = parsePackageJson(read('full.json'));
  assert.equal(file.fatal, false);
  assert.deepEqual(file.problems, []);
  assert.equal(file.name, 'fixture-manifest');
  assert.equal(file.version, '2.0.0');
  assert.deepEqual(file.workspaceGlobs, ['packages/*']);

  const debug = find(file.entries, 'debug');
  assert.deepEqual(
    { name: debug.name, spec: debug.spec, specKind: debug.specKind, dev: debug.dev, direct: debug.direct, workspaces: debug.workspaces },
    { name: 'debug', spec: '^4.3.4', specKind: 'range', dev: false, direct: true, workspaces: [''] },
  );
  // Line 5 (0-based), from the opening quote of the key to the end of the value.
  assert.deepEqual(debug.range, { start: { line: 5, column: 4 }, end: { line: 5, column: 21 } });

  const alias = find(file.entries, 'my-ms');
  assert.deepEqual([alias.name, alias.alias, alias.specKind], ['ms', 'my-ms', 'alias']);
  const scopedAlias = find(file.entries, 'scoped-alias');
  assert.deepEqual([scopedAlias.name, scopedAlias.alias], ['@types/ms', 'scoped-alias']);

  const kinds = Object.fromEntries(file.entries.filter((e) => e.group === 'dependencies').map((e) => [e.alias ?? e.name, e.specKind]));
  assert.deepEqual(kinds, {
    debug: 'range', 'scoped-alias': 'alias', 'my-ms': 'alias', 'remote-pad': 'remote', 'from-git': 'git', 'git-url': 'git',
    'local-dir': 'directory', 'local-tgz': 'file', linked: 'link', ws: 'workspace', tagged: 'tag', '@scope/pkg': 'version',
  });

  const ts = find(file.entries, 'typescript', 'devDependencies');
  assert.deepEqual([ts.dev, ts.optional, ts.peer, ts.range.start.line], [true, false, false, 19]);
  const fsevents = find(file.entries, 'fsevents', 'optionalDependencies');
  assert.deepEqual([fsevents.optional, fsevents.dev], [true, false]);
  const react = find(file.entries, 'react', 'peerDependencies');
  assert.deepEqual([react.peer, react.spec], [true, '>=18']);

  const bundled = find(file.entries, 'debug', 'bundleDependencies');
  assert.equal(bundled.spec, '^4.3.4');
  assert.deepEqual(bundled.range.start, { line: 27, column: 25 });
});

test('package.json: overrides and resolutions are entries of the package they force', () => {
  const file = parsePackageJson(read('full.json'));
  const overrides = file.entries.filter((e) => e.group === 'overrides').map((e) => [e.alias ?? e.name, e.name, e.spec, e.range.start.line]);
  assert.deepEqual(overrides, [
    ['semver', 'semver', '7.7.1', 29],
    ['minimatch', 'minimatch', '5.1.6', 30],
    ['foo', 'foo', '1.0.0', 31],
    ['bar', 'baz', 'npm:baz@2.0.0', 31],
    ['qs', 'qs', '6.2.4', 39],
  ]);
  const resolutions = file.entries.filter((e) => e.group === 'resolutions').map((e) => [e.name, e.spec]);
  assert.deepEqual(resolutions, [['lodash', '4.17.21'], ['@babel/core', '7.26.0']]);
  assert.equal(overrideTarget('**/a/@s/b', 'resolutions'), '@s/b');
  assert.equal(overrideTarget('a@^1', 'overrides'), 'a');
});

test('package.json: a duplicate dependency key is an error and the last value wins, as in npm', () => {
  const file = parsePackageJson(read('duplicate-keys.json'));
  assert.equal(file.fatal, false);
  assert.equal(file.problems.length, 1);
  assert.deepEqual(
    { code: file.problems[0]!.code, severity: file.problems[0]!.severity, range: file.problems[0]!.range },
    { code: 'E_DUPLICATE_KEY', severity: 'error', range: { start: { line: 5, column: 4 }, end: { line: 5, column: 12 } } },
  );
  const lodash = file.entries.filter((e) => e.name === 'lodash');
  assert.equal(lodash.length, 1);
  assert.deepEqual([lodash[0]!.spec, lodash[0]!.specKind, lodash[0]!.range.start.line], ['https://203.0.113.7/lodash.tgz', 'remote', 5]);
});

test('package.json: wrong types are reported where they are, the rest is still read', () => {
  const file = parsePackageJson(read('wrong-types.json'));
  assert.equal(file.fatal, false);
  assert.deepEqual(file.entries.map((e) => e.name), ['ok']);
  assert.deepEqual(file.problems.map((p) => [p.code, p.range.start.line, p.range.start.column]), [
    ['E_SCHEMA', 4, 11],
    ['E_SCHEMA', 5, 13],
    ['E_SCHEMA', 7, 21],
  ]);
  assert.match(file.problems[2]!.message, /"devDependencies" must be an object/);
});

test('package.json: conflict markers and truncation are fatal with a position', () => {
  const conflict = parsePackageJson(read('conflict.json'));
  assert.equal(conflict.fatal, true);
  assert.equal(conflict.entries.length, 0);
  assert.deepEqual([conflict.problems[0]!.code, conflict.problems[0]!.range.start.line], ['E_CONFLICT', 3]);
  assert.match(conflict.problems[0]!.message, /merge conflict marker "<<<<<<<" at line 4/);

  const truncated = parsePackageJson(read('truncated.json'));
  assert.equal(truncated.fatal, true);
  assert.equal(truncated.problems[0]!.code, 'E_PARSE');
  assert.equal(truncated.problems[0]!.range.start.line, 4);

  for (const text of ['', '[]', 'null', '"x"', '{"dependencies": null}']) {
    const file = parsePackageJson(text);
    assert.ok(file.problems.length > 0, `problems for ${JSON.stringify(text)}`);
  }
});

test('package.json: a file over the size cap is refused before parsing', () => {
  const big = `{"name":"big","description":"${'x'.repeat(2048)}"}`;
  const file = parsePackageJson(big, { maxBytes: 1024 });
  assert.equal(file.fatal, true);
  assert.equal(file.problems[0]!.code, 'E_TOO_LARGE');
  assert.match(file.problems[0]!.message, /over the 1\.0 KiB limit/);
});
