import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DependencyEntry, DependencyFile, SourceRange } from '../../../src/engine/deps/model';
import { parsePnpmLock } from '../../../src/engine/deps/pnpmLock';
import { decodeKey } from '../../../src/engine/deps/pnpmKeys';
import { parsePackageKey, refToKey, removePeerSuffix } from '../../../src/engine/deps/pnpmPaths';

const fixtures = path.join(__dirname, '../../fixtures/deps/pnpm');

function fixtureText(project: string): string {
  return readFileSync(path.join(fixtures, project, 'pnpm-lock.yaml'), 'utf8');
}

function parseFixture(project: string): DependencyFile {
  return parsePnpmLock(fixtureText(project));
}

function entry(file: DependencyFile, id: string, nth = 0): DependencyEntry {
  const found = file.entries.filter((e) => `${e.name}@${e.version}` === id);
  assert.ok(found[nth], `${id} (#${nth}) in ${file.entries.map((e) => `${e.name}@${e.version}`).join(', ')}`);
  return found[nth]!;
}

function range(line: number, start: number, end: number): SourceRange {
  return { start: { line, column: start }, end: { line, column: end } };
}

function flags(e: DependencyEntry) {
  return { dev: e.dev, optional: e.optional, peer: e.peer, direct: e.direct, workspaces: e.workspaces };
}

const DEBUG_INTEGRITY = 'sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==';
const MS_213_INTEGRITY = 'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==';
const LEFT_PAD_INTEGRITY = 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==';
const LEFT_PAD_URL = 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz';

const BASIC_IDS = [
  '@types/ms@0.7.34', 'ansi-styles@4.3.0', 'chalk@4.1.2', 'color-convert@2.0.1', 'color-name@1.1.4', 'debug@4.3.4', 'has-flag@4.0.0',
  'is-buffer@1.1.6', 'is-even@1.0.0', 'is-number@3.0.0', 'is-number@7.0.0', 'is-odd@0.1.2', 'js-tokens@4.0.0', 'kind-of@3.2.2',
  'left-pad@1.3.0', 'loose-envify@1.4.0', 'ms@2.1.2', 'ms@2.1.3', 'react-dom@18.3.1', 'react@18.3.1', 'scheduler@0.23.2', 'supports-color@7.2.0',
];

for (const [project, formatVersion, ranges] of [
  ['basic-v5', '5.4', { debug: range(58, 2, 14), reactDom: range(141, 2, 32), ms: range(137, 2, 11), types: range(28, 2, 19) }],
  ['basic-v6', '6.0', { debug: range(68, 2, 14), reactDom: range(155, 2, 33), ms: range(151, 2, 11), types: range(38, 2, 19) }],
  ['basic-v9', '9.0', { debug: range(57, 2, 13), reactDom: range(109, 2, 18), ms: range(106, 2, 10), types: range(39, 2, 20) }],
] as const) {
  test(`pnpm ${project}: every package, with integrity, spec and key range`, () => {
    const file = parseFixture(project);
    assert.equal(file.kind, 'pnpm');
    assert.equal(file.fatal, false);
    assert.equal(file.formatVersion, formatVersion);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.workspaces, [{ path: '' }]);
    assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`).sort(), BASIC_IDS);

    const debug = entry(file, 'debug@4.3.4');
    assert.equal(debug.integrity, DEBUG_INTEGRITY);
    assert.equal(debug.spec, '4.3.4');
    assert.equal(debug.specKind, 'version');
    assert.deepEqual(debug.range, ranges.debug);
    assert.deepEqual(flags(debug), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });

    assert.deepEqual(entry(file, '@types/ms@0.7.34').range, ranges.types);
    assert.deepEqual(flags(entry(file, '@types/ms@0.7.34')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  });

  test(`pnpm ${project}: alias, two is-number versions, peer and optional flags`, () => {
    const file = parseFixture(project);
    const alias = entry(file, 'ms@2.1.3');
    assert.equal(alias.alias, 'my-ms');
    assert.equal(alias.specKind, 'alias');
    assert.equal(alias.spec, 'npm:ms@2.1.3');
    assert.equal(alias.integrity, MS_213_INTEGRITY);
    assert.deepEqual(alias.range, ranges.ms);
    assert.equal(entry(file, 'ms@2.1.2').alias, undefined);

    assert.deepEqual(flags(entry(file, 'is-number@7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
    assert.equal(entry(file, 'is-number@7.0.0').spec, '^7.0.0');
    assert.deepEqual(flags(entry(file, 'is-number@3.0.0')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
    assert.equal(entry(file, 'is-number@3.0.0').spec, undefined);
    assert.deepEqual(flags(entry(file, 'is-even@1.0.0')), { dev: false, optional: true, peer: false, direct: true, workspaces: [''] });

    // react is only there because react-dom asks for it as a peer.
    assert.deepEqual(entry(file, 'react-dom@18.3.1').range, ranges.reactDom);
    assert.deepEqual(flags(entry(file, 'react@18.3.1')), { dev: false, optional: false, peer: true, direct: false, workspaces: [] });
    assert.deepEqual(flags(entry(file, 'scheduler@0.23.2')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
  });

  test(`pnpm ${project}: a registry tarball URL is locked as the registry package`, () => {
    const leftPad = entry(parseFixture(project), 'left-pad@1.3.0');
    assert.equal(leftPad.specKind, 'version');
    assert.equal(leftPad.spec, LEFT_PAD_URL);
    assert.equal(leftPad.integrity, LEFT_PAD_INTEGRITY);
    assert.equal(leftPad.direct, true);
  });
}

test('pnpm: the three lockfile formats of one project give the same entries and flags', () => {
  const summary = (file: DependencyFile) =>
    file.entries.map((e) => ({ id: `${e.name}@${e.version}`, alias: e.alias, spec: e.spec, integrity: e.integrity, ...flags(e) })).sort((a, b) => a.id.localeCompare(b.id));
  const v5 = summary(parseFixture('basic-v5'));
  assert.deepEqual(summary(parseFixture('basic-v6')), v5);
  assert.deepEqual(summary(parseFixture('basic-v9')), v5);
});

for (const [project, formatVersion, debugLine] of [['workspaces-v5', '5.4', 26], ['workspaces-v6', '6.0', 31], ['workspaces-v9', '9.0', 31]] as const) {
  test(`pnpm ${project}: workspace packages are listed, not entries; flags per importer`, () => {
    const file = parseFixture(project);
    assert.equal(file.formatVersion, formatVersion);
    assert.deepEqual(file.problems, []);
    assert.deepEqual(file.workspaces, [{ path: '' }, { path: 'packages/app' }, { path: 'packages/lib' }]);
    assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['debug@4.4.3', 'is-number@7.0.0', 'ms@2.1.2', 'ms@2.1.3']);

    const debug = entry(file, 'debug@4.4.3');
    assert.equal(debug.spec, '^4.3.4');
    assert.equal(debug.range.start.line, debugLine);
    assert.deepEqual(flags(debug), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/app'] });
    assert.deepEqual(flags(entry(file, 'ms@2.1.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/lib'] });
    assert.deepEqual(flags(entry(file, 'ms@2.1.3')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
    assert.deepEqual(flags(entry(file, 'is-number@7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  });
}

for (const [project, leftPad] of [
  ['edge-sources-v5', { line: 24, resolved: 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz', integrity: undefined }],
  ['edge-sources-v6', { line: 30, resolved: 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz', integrity: undefined }],
  ['edge-sources-v9', { line: 28, resolved: LEFT_PAD_URL, integrity: LEFT_PAD_INTEGRITY }],
] as const) {
  test(`pnpm ${project}: remote tarball, local folder, link and scoped alias`, () => {
    const file = parseFixture(project);
    assert.deepEqual(file.problems, []);
    const names = file.entries.map((e) => e.name).sort();
    // link: dependencies have no package entry in a pnpm lockfile.
    assert.deepEqual(names, ['@types/ms', 'left-pad', 'local-dir', 'ms']);

    const tarball = file.entries.find((e) => e.name === 'left-pad')!;
    assert.equal(tarball.specKind, 'remote');
    assert.equal(tarball.version, '1.3.0');
    assert.equal(tarball.resolved, leftPad.resolved);
    assert.equal(tarball.integrity, leftPad.integrity);
    assert.equal(tarball.spec, 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz');
    assert.equal(tarball.range.start.line, leftPad.line);

    const folder = file.entries.find((e) => e.name === 'local-dir')!;
    assert.equal(folder.specKind, 'directory');
    assert.equal(folder.resolved, 'file:vendor/local-dir');
    assert.equal(folder.spec, 'file:./vendor/local-dir');
    assert.equal(folder.direct, true);

    const scoped = entry(file, '@types/ms@0.7.34');
    assert.equal(scoped.alias, 'ms-types');
    assert.equal(scoped.specKind, 'alias');
    assert.equal(scoped.spec, 'npm:@types/ms@0.7.34');
    // ms@2.1.3 is local-dir's dependency: reachable, so not an orphan, and not direct.
    assert.deepEqual(flags(entry(file, 'ms@2.1.3')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
  });
}

test('pnpm 9.x: a tarball key resolved as {tarball} instead of {integrity}', () => {
  // pnpm 10 writes either form for the same dependency, from one run to the next.
  const text = fixtureText('edge-sources-v9').replace(`resolution: {integrity: ${LEFT_PAD_INTEGRITY}}`, `resolution: {tarball: ${LEFT_PAD_URL}}`);
  const tarball = parsePnpmLock(text).entries.find((e) => e.name === 'left-pad')!;
  assert.deepEqual([tarball.specKind, tarball.resolved, tarball.integrity, tarball.version], ['remote', LEFT_PAD_URL, undefined, '1.3.0']);
});

test('pnpm 9.x: peer variants in snapshots are one entry with merged flags', () => {
  const file = parseFixture('peers-v9');
  const variants = file.entries.filter((e) => e.name === 'use-sync-external-store');
  assert.equal(variants.length, 1);
  assert.deepEqual(variants[0]!.range, range(49, 2, 31));
  // prod in packages/a, dev in packages/b: prod wins.
  assert.deepEqual(flags(variants[0]!), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/a', 'packages/b'] });
  assert.deepEqual(flags(entry(file, 'react@18.3.1')), { dev: true, optional: false, peer: false, direct: true, workspaces: ['packages/b'] });
  assert.deepEqual(flags(entry(file, 'react@17.0.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/a'] });
});

test('pnpm 5.x/6.x: each peer-suffixed key is its own entry with its own dev flag', () => {
  for (const [project, lines] of [['peers-v5', [54, 62]], ['peers-v6', [59, 67]]] as const) {
    const file = parseFixture(project);
    const variants = file.entries.filter((e) => e.name === 'use-sync-external-store');
    assert.deepEqual(variants.map((e) => [e.version, e.range.start.line, e.dev, e.workspaces]), [
      ['1.2.0', lines[0], false, ['packages/a']],
      ['1.2.0', lines[1], true, ['packages/b']],
    ]);
    // pnpm 7 leaves `dev` out for packages both sides use; the graph says they are prod.
    assert.equal(entry(file, 'loose-envify@1.4.0').dev, false);
  }
});

test('pnpm 11+ two-document lockfile: config dependencies are read as well as the project', () => {
  const file = parseFixture('env-document-v9-pnpm12');
  assert.equal(file.formatVersion, '9.0');
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [{ path: '' }]);
  const config = entry(file, 'is-number@7.0.0');
  assert.deepEqual(config.range, range(13, 2, 17));
  assert.deepEqual(flags(config), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  const ms = entry(file, 'ms@2.1.3');
  assert.deepEqual(ms.range, range(37, 2, 10));
  assert.deepEqual(flags(ms), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });
});

test('pnpm: a project without dependencies has no entries and is not an error', () => {
  for (const project of ['empty-v6', 'empty-v9']) {
    const file = parseFixture(project);
    assert.deepEqual([file.fatal, file.entries, file.problems, file.workspaces], [false, [], [], [{ path: '' }]]);
  }
});

test('pnpm: git dependencies in 5.x, 6.x and 9.x (hand-cut from real output)', () => {
  const v5 = parseFixture('edge/git-v5');
  // pnpm 7 wrote no name for a git+file dependency: the importer's name for it is used.
  const local = v5.entries.find((e) => e.name === 'gitdep')!;
  assert.deepEqual([local.specKind, local.version, local.resolved, local.direct], ['git', undefined, 'file:///tmp/gitdep#7b1d3b172ab3b1cfb0aaeeccedee649cf170edbf', true]);
  assert.deepEqual(local.range, range(16, 2, 54));

  for (const project of ['edge/git-v5', 'edge/git-v6', 'edge/git-v9']) {
    const file = parseFixture(project);
    assert.deepEqual(file.problems, [], project);
    const github = file.entries.find((e) => e.name === 'is-number')!;
    assert.equal(github.specKind, 'git', project);
    assert.equal(github.version, '7.0.0');
    assert.equal(github.resolved, 'https://codeload.github.com/jonschlinkert/is-number/tar.gz/98e8ff1da1a89f93d1397a24d7413ed15421c139');
    assert.equal(github.spec, 'github:jonschlinkert/is-number#98e8ff1da1a89f93d1397a24d7413ed15421c139');
    assert.equal(entry(file, 'ms@2.1.3').direct, false);
    assert.equal(entry(file, 'ms@2.1.3').dev, false, `${project}: ms is reached through the git dependency`);
  }
  for (const project of ['edge/git-v6', 'edge/git-v9']) {
    const git = entry(parseFixture(project), 'gitdep@1.2.0');
    assert.equal(git.specKind, 'git');
    assert.equal(git.resolved, 'https://example.com/gitdep.git#7b1d3b172ab3b1cfb0aaeeccedee649cf170edbf');
  }
});

test('pnpm: truncated file is fatal with the position of the syntax error', () => {
  const text = fixtureText('basic-v9');
  const cut = text.indexOf('{integrity: sha512-PRWF') + 20;
  const file = parsePnpmLock(text.slice(0, cut));
  assert.equal(file.fatal, true);
  assert.deepEqual(file.entries, []);
  assert.equal(file.problems[0]!.code, 'E_PARSE');
  assert.equal(file.problems[0]!.severity, 'error');
  assert.equal(file.problems[0]!.range.start.line, 58);
});

test('pnpm: conflict markers are fatal at the marker line', () => {
  const text = fixtureText('basic-v9').replace('  debug@4.3.4:\n', '<<<<<<< HEAD\n  debug@4.3.4:\n=======\n  debug@4.3.5:\n>>>>>>> theirs\n');
  const file = parsePnpmLock(text);
  assert.equal(file.fatal, true);
  assert.equal(file.problems[0]!.code, 'E_CONFLICT');
  assert.equal(file.problems[0]!.range.start.line, 57);
});

test('pnpm: wrong types are E_SCHEMA problems at the offending node, the rest is read', () => {
  const packagesNotMap = parsePnpmLock("lockfileVersion: '9.0'\n\npackages: 5\n");
  assert.equal(packagesNotMap.fatal, false);
  assert.deepEqual(packagesNotMap.entries, []);
  assert.deepEqual(packagesNotMap.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'error', range(2, 10, 11)]]);

  const text = fixtureText('basic-v9');
  const entryNotMap = parsePnpmLock(text.replace(/ {2}debug@4\.3\.4:\n(?: {4}.*\n)+/, '  debug@4.3.4: 5\n'));
  assert.equal(entryNotMap.fatal, false);
  assert.equal(entryNotMap.entries.some((e) => e.name === 'debug'), false);
  assert.equal(entryNotMap.entries.length, BASIC_IDS.length - 1);
  const schema = entryNotMap.problems.find((p) => p.code === 'E_SCHEMA' && p.severity === 'error')!;
  assert.deepEqual(schema.range, range(57, 2, 13));

  const badResolution = parsePnpmLock(text.replace(`resolution: {integrity: ${DEBUG_INTEGRITY}}`, 'resolution: [1, 2]'));
  const debug = entry(badResolution, 'debug@4.3.4');
  assert.equal(debug.integrity, undefined);
  assert.deepEqual(badResolution.problems.map((p) => [p.code, p.severity, p.range.start.line]), [['E_SCHEMA', 'warning', 58]]);

  const badDeps = parsePnpmLock(text.replace('  chalk@4.1.2:\n    dependencies:\n      ansi-styles: 4.3.0\n      supports-color: 7.2.0\n', '  chalk@4.1.2:\n    dependencies: [ansi-styles]\n'));
  assert.equal(badDeps.fatal, false);
  assert.deepEqual(badDeps.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'warning', range(134, 18, 31)]]);
  // ansi-styles lost its only parent: it is still an entry, just no longer reachable.
  assert.equal(entry(badDeps, 'ansi-styles@4.3.0').direct, false);

  const badVersion = parsePnpmLock(text.replace('  debug@4.3.4:\n    resolution', '  debug@4.3.4:\n    version: {}\n    resolution'));
  assert.ok(badVersion.problems.some((p) => p.code === 'E_SCHEMA' && p.range.start.line === 58));
});

test('pnpm: a reference to a key that is not in the file is a warning at the reference', () => {
  const text = fixtureText('basic-v9').replace(/ {2}ms@2\.1\.2:\n {4}resolution: [^\n]*\n\n/, '').replace('  ms@2.1.2: {}\n\n', '');
  const file = parsePnpmLock(text);
  assert.equal(file.entries.length, BASIC_IDS.length - 1);
  assert.deepEqual(file.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'warning', range(143, 6, 8)]]);
  assert.match(file.problems[0]!.message, /"ms" points at "ms@2\.1\.2"/);
});

test('pnpm: duplicate package keys are reported and both kept', () => {
  const text = fixtureText('basic-v9').replace('  ms@2.1.2:\n', '  debug@4.3.4:\n    resolution: {integrity: sha512-other}\n\n  ms@2.1.2:\n');
  const file = parsePnpmLock(text);
  assert.equal(file.fatal, false);
  const dupes = file.entries.filter((e) => e.name === 'debug');
  assert.deepEqual(dupes.map((e) => e.integrity), [DEBUG_INTEGRITY, 'sha512-other']);
  assert.deepEqual(file.problems.map((p) => [p.code, p.range.start.line]), [['E_DUPLICATE_KEY', 103]]);
});

test('pnpm: empty, scalar and alias-bomb inputs do not throw', () => {
  assert.deepEqual(parsePnpmLock('').problems.map((p) => p.code), ['E_PARSE']);
  assert.equal(parsePnpmLock('').fatal, true);
  assert.equal(parsePnpmLock('just a string\n').fatal, true);
  const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefghij'.split('').map((c, i) => `${c}: &${c} [${Array(10).fill(`*${'abcdefghij'[i]}`).join(', ')}]`), 'packages: *j'].join('\n');
  const started = performance.now();
  const file = parsePnpmLock(bomb);
  assert.ok(performance.now() - started < 1000);
  assert.equal(file.fatal, false);
  assert.ok(file.problems.some((p) => p.code === 'E_SCHEMA'));
});

test('pnpm: a missing lockfileVersion is guessed from the keys', () => {
  const text = fixtureText('basic-v6').replace("lockfileVersion: '6.0'\n", '');
  const file = parsePnpmLock(text);
  assert.equal(file.formatVersion, undefined);
  assert.equal(file.entries.length, BASIC_IDS.length);
  assert.equal(entry(file, 'ms@2.1.3').alias, 'my-ms');
  assert.deepEqual(file.problems.map((p) => [p.code, p.severity]), [['E_SCHEMA', 'warning']]);
});

test('pnpm dependency paths: keys and references in each format', () => {
  assert.deepEqual(parsePackageKey('/@types/ms/0.7.34', 'v5'), { name: '@types/ms', version: '0.7.34', registry: true });
  assert.deepEqual(parsePackageKey('/react-dom/18.3.1_react@18.3.1', 'v5'), { name: 'react-dom', version: '18.3.1', registry: true });
  assert.deepEqual(parsePackageKey('/tmp/gitdep/7b1d3b1', 'v5'), { registry: false, source: '/tmp/gitdep/7b1d3b1' });
  assert.deepEqual(parsePackageKey('/react-dom@18.3.1(react@18.3.1)', 'v6'), { name: 'react-dom', version: '18.3.1', registry: true });
  assert.deepEqual(parsePackageKey('file:vendor/local-dir', 'v6'), { registry: false, source: 'file:vendor/local-dir' });
  assert.deepEqual(parsePackageKey('@types/ms@0.7.34', 'v9'), { name: '@types/ms', version: '0.7.34', registry: true });
  assert.deepEqual(parsePackageKey('left-pad@https://x.test/a.tgz', 'v9'), { name: 'left-pad', registry: false, source: 'https://x.test/a.tgz' });
  assert.equal(parsePackageKey('@types/ms', 'v9'), undefined);

  assert.equal(refToKey('18.3.1_react@18.3.1', 'react-dom', 'v5'), '/react-dom/18.3.1_react@18.3.1');
  assert.equal(refToKey('/ms/2.1.3', 'my-ms', 'v5'), '/ms/2.1.3');
  assert.equal(refToKey('18.3.1(@types/react@18.0.0)', 'x', 'v6'), '/x@18.3.1(@types/react@18.0.0)');
  assert.equal(refToKey('file:vendor/local-dir', 'local-dir', 'v6'), 'file:vendor/local-dir');
  assert.equal(refToKey('ms@2.1.3', 'my-ms', 'v9'), 'ms@2.1.3');
  assert.equal(refToKey('@types/ms@0.7.34', 'ms-types', 'v9'), '@types/ms@0.7.34');
  assert.equal(refToKey('18.3.1(react@18.3.1)', 'react-dom', 'v9'), 'react-dom@18.3.1(react@18.3.1)');
  assert.equal(refToKey('https://x.test/@a/b.tgz', 'b', 'v9'), 'b@https://x.test/@a/b.tgz');
  assert.equal(refToKey('link:../lib', 'lib', 'v9'), null);

  assert.equal(removePeerSuffix('a@1.0.0(b@2.0.0)(c@3.0.0(d@1.0.0))'), 'a@1.0.0');
  assert.equal(removePeerSuffix('a@1.0.0'), 'a@1.0.0');
  assert.equal(removePeerSuffix('a@1.0.0)'), 'a@1.0.0)');
});

test('pnpm: keys the line scan cannot place get the section key range; their values are still read', () => {
  const text = "lockfileVersion: '9.0'\n\nimporters:\n  .:\n    dependencies: {ms: {specifier: 2.1.3, version: 2.1.3}}\n\npackages: {ms@2.1.3: {resolution: {integrity: sha512-x}}}\n\nsnapshots: {ms@2.1.3: {}}\n";
  const file = parsePnpmLock(text);
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.entries.map((e) => [e.name, e.version, e.integrity, e.direct, e.spec]), [['ms', '2.1.3', 'sha512-x', true, '2.1.3']]);
  assert.deepEqual(file.entries[0]!.range, range(6, 0, 8));
});

test('pnpm: a mapping shared through YAML aliases is walked once', () => {
  // Every package depends on every package, through one anchored mapping: 4 million edges if expanded.
  const deps = `{${Array.from({ length: 2000 }, (_, i) => `q${i}: 1.0.0`).join(', ')}}`;
  const text = ["lockfileVersion: '6.0'", `x: &d ${deps}`, 'packages:', ...Array.from({ length: 2000 }, (_, i) => `  /q${i}@1.0.0:\n    dependencies: *d`)].join('\n');
  const started = performance.now();
  const file = parsePnpmLock(text);
  assert.ok(performance.now() - started < 1000);
  assert.equal(file.entries.length, 2000);
  assert.ok(file.problems.some((p) => p.message.includes('YAML alias')));
});

test('pnpm: a js-yaml syntax error keeps its position', () => {
  const file = parsePnpmLock("lockfileVersion: '9.0'\npackages:\n  a@1.0.0:\n    resolution: {integrity: x\n  b@1.0.0: {}\n");
  assert.equal(file.fatal, true);
  assert.equal(file.problems[0]!.code, 'E_PARSE');
  assert.match(file.problems[0]!.message, /^YAML syntax error at line \d+, column \d+: /);
  assert.ok(file.problems[0]!.range.start.line >= 3);
});

test('pnpm line scan: keys decode the way YAML decodes them', () => {
  const key = (line: string) => decodeKey(line, line.length - line.trimStart().length, line.length);
  assert.deepEqual(key('  /debug@4.3.4:'), { key: '/debug@4.3.4', start: 2, end: 14 });
  assert.deepEqual(key("  '@types/ms@0.7.34':"), { key: '@types/ms@0.7.34', start: 2, end: 20 });
  assert.deepEqual(key("  'it''s@1.0.0': {}"), { key: "it's@1.0.0", start: 2, end: 15 });
  assert.deepEqual(key('  "a\\x41\\u00e9@1.0.0" : x'), { key: 'aAé@1.0.0', start: 2, end: 21 });
  assert.deepEqual(key('  &anchor key: 1'), { key: 'key', start: 10, end: 13 });
  assert.equal(key('  https://x.test/a.tgz'), undefined);
  assert.equal(key('  - item: 1'), undefined);
  assert.equal(key('  ? explicit'), undefined);
  assert.equal(key('  {a: 1}'), undefined);
  assert.equal(key('  plain # comment: no'), undefined);
});
