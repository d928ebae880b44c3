import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseBunLock } from '../../../src/engine/deps/bunLock';
import type { DependencyEntry, DependencyFile, SourceRange } from '../../../src/engine/deps/model';

const fixtures = path.join(__dirname, '../../fixtures/deps/bun');

function fixtureText(project: string): string {
  return readFileSync(path.join(fixtures, project, 'bun.lock'), 'utf8');
}

function parseFixture(project: string): DependencyFile {
  return parseBunLock(fixtureText(project));
}

function entry(file: DependencyFile, id: string): DependencyEntry {
  const found = file.entries.find((e) => `${e.name}@${e.version}` === id);
  assert.ok(found, `${id} in ${file.entries.map((e) => `${e.name}@${e.version}`).join(', ')}`);
  return found;
}

function range(line: number, start: number, end: number): SourceRange {
  return { start: { line, column: start }, end: { line, column: end } };
}

function flags(e: DependencyEntry) {
  return { dev: e.dev, optional: e.optional, peer: e.peer, direct: e.direct, workspaces: e.workspaces };
}

const DEBUG_INTEGRITY = 'sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==';
const LEFT_PAD_INTEGRITY = 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==';
const LEFT_PAD_URL = 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz';

const BASIC_IDS = [
  '@types/ms@0.7.34', 'ansi-styles@4.3.0', 'chalk@4.1.2', 'color-convert@2.0.1', 'color-name@1.1.4', 'debug@4.3.4', 'has-flag@4.0.0',
  'is-buffer@1.1.6', 'is-even@1.0.0', 'is-number@3.0.0', 'is-number@7.0.0', 'is-odd@0.1.2', 'js-tokens@4.0.0', 'kind-of@3.2.2',
  'left-pad@undefined', 'loose-envify@1.4.0', 'ms@2.1.2', 'ms@2.1.3', 'react-dom@18.3.1', 'react@18.3.1', 'scheduler@0.23.2', 'supports-color@7.2.0',
];

for (const [project, formatVersion, line] of [['basic', '2', 33], ['basic-lockfile-v1', '1', 32]] as const) {
  test(`bun ${project}: every package with integrity, spec and key range`, () => {
    const file = parseFixture(project);
    assert.equal(file.kind, 'bun');
    assert.equal(file.fatal, false);
    assert.equal(file.formatVersion, formatVersion);
    assert.equal(file.name, 'fixture-basic');
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.workspaces, [{ path: '', name: 'fixture-basic' }]);
    assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`).sort(), BASIC_IDS);

    const debug = entry(file, 'debug@4.3.4');
    assert.equal(debug.integrity, DEBUG_INTEGRITY);
    assert.equal(debug.spec, '4.3.4');
    assert.equal(debug.specKind, 'version');
    assert.equal(debug.resolved, undefined, 'the default registry is recorded as ""');
    assert.deepEqual(debug.range, range(line, 4, 11));
    assert.deepEqual(flags(debug), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });
  });

  test(`bun ${project}: alias, nested second is-number, remote tarball, peer and optional`, () => {
    const file = parseFixture(project);
    const alias = entry(file, 'ms@2.1.3');
    assert.deepEqual([alias.alias, alias.specKind, alias.spec], ['my-ms', 'alias', 'npm:ms@2.1.3']);
    assert.deepEqual(alias.range, range(line + 22, 4, 11));

    const nested = entry(file, 'is-number@3.0.0');
    assert.deepEqual(nested.range, range(line + 32, 4, 22));
    assert.equal(nested.alias, undefined);
    assert.deepEqual(flags(nested), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
    assert.deepEqual(flags(entry(file, 'is-number@7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
    assert.equal(entry(file, 'is-number@7.0.0').spec, '^7.0.0');
    assert.deepEqual(flags(entry(file, 'is-even@1.0.0')), { dev: false, optional: true, peer: false, direct: true, workspaces: [''] });
    assert.deepEqual(flags(entry(file, '@types/ms@0.7.34')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
    assert.deepEqual(flags(entry(file, 'react@18.3.1')), { dev: false, optional: false, peer: true, direct: false, workspaces: [] });

    const tarball = file.entries.find((e) => e.name === 'left-pad')!;
    assert.equal(tarball.specKind, 'remote');
    assert.equal(tarball.resolved, LEFT_PAD_URL);
    assert.equal(tarball.version, undefined, 'bun records no version for a tarball');
    assert.equal(tarball.spec, LEFT_PAD_URL);
    // bun 1.2 wrote no integrity for tarballs; bun 1.4 does.
    assert.equal(tarball.integrity, project === 'basic' ? LEFT_PAD_INTEGRITY : undefined);
  });
}

test('bun: lockfileVersion 1 and 2 files of one project give the same entries and flags', () => {
  const summary = (file: DependencyFile) =>
    file.entries.map((e) => ({ id: `${e.name}@${e.version}`, alias: e.alias, spec: e.spec, ...flags(e) })).sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(summary(parseFixture('basic-lockfile-v1')), summary(parseFixture('basic')));
});

test('bun workspaces: workspace packages are listed with names, not entries', () => {
  const file = parseFixture('workspaces');
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-monorepo' },
    { path: 'packages/app', name: 'app', version: '1.0.0' },
    { path: 'packages/lib', name: 'lib', version: '1.0.0' },
  ]);
  assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['debug@4.4.3', 'is-number@7.0.0', 'ms@2.1.2', 'ms@2.1.3']);
  assert.deepEqual(flags(entry(file, 'debug@4.4.3')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/app'] });
  assert.equal(entry(file, 'debug@4.4.3').spec, '^4.3.4');
  assert.deepEqual(flags(entry(file, 'ms@2.1.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/lib'] });
  // "debug/ms" is debug's own copy: reached through debug, so prod and not direct.
  assert.deepEqual(entry(file, 'ms@2.1.3').range, range(37, 4, 14));
  assert.deepEqual(flags(entry(file, 'ms@2.1.3')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(entry(file, 'is-number@7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
});

test('bun: a key under a workspace name ("b/react") is what that workspace resolves', () => {
  const file = parseFixture('peers');
  assert.deepEqual(file.problems, []);
  const react18 = entry(file, 'react@18.3.1');
  assert.deepEqual(react18.range, range(39, 4, 13));
  assert.deepEqual(flags(react18), { dev: true, optional: false, peer: false, direct: true, workspaces: ['packages/b'] });
  assert.deepEqual(flags(entry(file, 'react@17.0.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/a'] });
  assert.deepEqual(flags(entry(file, 'use-sync-external-store@1.2.0')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/a', 'packages/b'] });
  // object-assign is only react 17's, which packages/a uses in production.
  assert.equal(entry(file, 'object-assign@4.1.1').dev, false);
});

test('bun: nested scoped keys resolve from their scoped parent', () => {
  const text = fixtureText('scoped-nested');
  const file = parseBunLock(text);
  assert.deepEqual(file.problems, []);
  const nested = entry(file, '@babel/helper-validator-identifier@7.29.7');
  assert.deepEqual(nested.range, range(21, 4, 53));
  assert.equal(nested.alias, undefined);
  assert.deepEqual(flags(nested), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });

  // Make @babel/types a dev dependency: only its nested copy follows it into dev.
  const dev = parseBunLock(text.replace('"dependencies": {\n        "@babel/helper-validator-identifier": "7.10.4",\n        "@babel/types": "7.24.0",\n      }',
    '"dependencies": {\n        "@babel/helper-validator-identifier": "7.10.4",\n      },\n      "devDependencies": {\n        "@babel/types": "7.24.0",\n      }'));
  assert.deepEqual(dev.problems, []);
  assert.equal(entry(dev, '@babel/helper-validator-identifier@7.29.7').dev, true);
  assert.equal(entry(dev, '@babel/helper-validator-identifier@7.10.4').dev, false);
  assert.equal(entry(dev, 'to-fast-properties@2.0.0').dev, true);
});

test('bun: remote tarball, folder, link and scoped alias', () => {
  const file = parseFixture('edge-sources');
  assert.deepEqual(file.problems, []);
  const byName = new Map(file.entries.map((e) => [e.name, e]));
  assert.deepEqual([...byName.keys()].sort(), ['@types/ms', 'left-pad', 'linked', 'local-dir', 'ms']);
  const tarball = byName.get('left-pad')!;
  assert.deepEqual([tarball.specKind, tarball.resolved, tarball.integrity], ['remote', 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz', LEFT_PAD_INTEGRITY]);
  assert.deepEqual(tarball.range, range(15, 4, 14));
  assert.deepEqual([byName.get('linked')!.specKind, byName.get('linked')!.resolved], ['link', 'link:./vendor/linked']);
  assert.deepEqual([byName.get('local-dir')!.specKind, byName.get('local-dir')!.resolved], ['directory', 'file:vendor/local-dir']);
  const scoped = byName.get('@types/ms')!;
  assert.deepEqual([scoped.alias, scoped.specKind, scoped.version, scoped.spec], ['ms-types', 'alias', '0.7.34', 'npm:@types/ms@0.7.34']);
  // ms is the folder dependency's own dependency.
  assert.deepEqual(flags(byName.get('ms')!), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
});

test('bun: git and github dependencies (hand-cut from real output)', () => {
  const file = parseFixture('edge/git');
  assert.deepEqual(file.problems, []);
  const git = file.entries.find((e) => e.name === 'gitdep')!;
  assert.deepEqual([git.specKind, git.resolved, git.version], ['git', 'git+https://example.com/gitdep.git#7b1d3b172ab3b1cfb0aaeeccedee649cf170edbf', undefined]);
  const github = file.entries.find((e) => e.name === 'is-number')!;
  assert.deepEqual([github.specKind, github.resolved, github.direct], ['git', 'github:jonschlinkert/is-number#98e8ff1', true]);
  assert.equal(entry(file, 'ms@2.1.3').dev, false, 'reached through the git dependency');
});

test('bun: an empty project has no entries', () => {
  const file = parseFixture('edge/empty');
  assert.deepEqual([file.fatal, file.entries, file.problems, file.formatVersion, file.name], [false, [], [], '1', 'fixture-empty']);
});

test('bun: truncated file is fatal with the position of the syntax error', () => {
  const text = fixtureText('basic');
  const file = parseBunLock(text.slice(0, text.indexOf('"debug": ["debug@4.3.4"') + 15));
  assert.equal(file.fatal, true);
  assert.deepEqual(file.entries, []);
  assert.equal(file.problems[0]!.code, 'E_PARSE');
  assert.equal(file.problems[0]!.range.start.line, 33);
});

test('bun: conflict markers are fatal at the marker line', () => {
  const text = fixtureText('basic').replace('    "debug": [', '<<<<<<< HEAD\n    "debug": [');
  const file = parseBunLock(text);
  assert.deepEqual([file.fatal, file.problems[0]!.code, file.problems[0]!.range.start.line], [true, 'E_CONFLICT', 33]);
});

test('bun: wrong types are E_SCHEMA problems at the offending node, the rest is read', () => {
  const packagesNotObject = parseBunLock('{\n  "lockfileVersion": 1,\n  "packages": 5,\n}\n');
  assert.equal(packagesNotObject.fatal, false);
  assert.deepEqual(packagesNotObject.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'error', range(2, 14, 15)]]);

  const text = fixtureText('basic');
  const notArray = parseBunLock(text.replace(/"debug": \[[^\n]*\],/, '"debug": 5,'));
  assert.equal(notArray.fatal, false);
  assert.equal(notArray.entries.length, BASIC_IDS.length - 1);
  // The root still asks for debug: that dangling request is reported too.
  assert.deepEqual(notArray.problems.map((p) => [p.code, p.severity, p.range.start.line]), [['E_SCHEMA', 'error', 33], ['E_SCHEMA', 'warning', 8]]);
  assert.deepEqual(notArray.problems[0]!.range, range(33, 4, 11));

  const badId = parseBunLock(text.replace('["debug@4.3.4", ""', '[{}, ""'));
  assert.equal(badId.entries.some((e) => e.name === 'debug'), false);
  assert.equal(badId.problems[0]!.code, 'E_SCHEMA');

  const badIntegrity = parseBunLock(text.replace(`"${DEBUG_INTEGRITY}"`, '{}'));
  assert.equal(entry(badIntegrity, 'debug@4.3.4').integrity, undefined);
  assert.deepEqual(badIntegrity.problems.map((p) => [p.code, p.severity, p.range.start.line]), [['E_SCHEMA', 'warning', 33]]);

  const badDeps = parseBunLock(text.replace('{ "dependencies": { "ms": "2.1.2" }, "peerDependencies"', '{ "dependencies": 5, "peerDependencies"'));
  assert.deepEqual(badDeps.problems.map((p) => [p.code, p.severity]), [['E_SCHEMA', 'warning']]);
  // ms@2.1.2 was only debug's: now nothing reaches it.
  assert.equal(entry(badDeps, 'ms@2.1.2').direct, false);

  const badVersion = parseBunLock(text.replace('"debug@4.3.4"', '"debug@latest"'));
  assert.equal(entry(badVersion, 'debug@latest').specKind, 'invalid');
  assert.equal(badVersion.problems[0]!.code, 'E_SCHEMA');
});

test('bun: duplicate keys, unknown versions and non-object roots', () => {
  const text = fixtureText('basic');
  const dupe = parseBunLock(text.replace('    "has-flag":', '    "debug": ["debug@4.3.5", "", {}, "sha512-x"],\n\n    "has-flag":'));
  assert.deepEqual(dupe.entries.filter((e) => e.name === 'debug').map((e) => e.version), ['4.3.4', '4.3.5']);
  assert.deepEqual(dupe.problems.map((p) => [p.code, p.range.start.line]), [['E_DUPLICATE_KEY', 35]]);

  const future = parseBunLock(text.replace('"lockfileVersion": 2', '"lockfileVersion": 99'));
  assert.deepEqual(future.problems.map((p) => [p.code, p.severity]), [['E_UNSUPPORTED', 'warning']]);
  assert.equal(future.entries.length, BASIC_IDS.length);

  assert.equal(parseBunLock('[1, 2]').fatal, true);
  assert.equal(parseBunLock('').fatal, true);
  assert.equal(parseBunLock('{"packages": {"a": ["a@1.0.0", "", {}, "sha512-x"]}}').entries.length, 1);
});
