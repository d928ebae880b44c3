import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseTree, type Node as JsonNode } from 'jsonc-parser';
import { indexMembers, NO_DEEPER, type MemberSpan, type SpanSelector } from '../../../src/engine/deps/jsonSpans';
import type { DependencyEntry, DependencyFile, ManifestDeclarations, SourceRange } from '../../../src/engine/deps/model';
import { InstallTree, installedFolderName } from '../../../src/engine/deps/npmInstallTree';
import { parseNpmLock } from '../../../src/engine/deps/npmLock';

const fixtures = path.join(__dirname, '../../fixtures/deps/npm');
const read = (rel: string) => readFileSync(path.join(fixtures, rel), 'utf8');
const lock = (project: string) => read(`${project}/package-lock.json`);

function byPath(file: DependencyFile): Map<string, DependencyEntry> {
  return new Map(file.entries.map((e) => [e.installPath!, e]));
}

function entry(file: DependencyFile, installPath: string): DependencyEntry {
  const found = byPath(file).get(installPath);
  assert.ok(found, `entry ${installPath}`);
  return found;
}

/** A key range on one line: [line, startColumn, endColumn], zero-based. */
function keyAt(line: number, start: number, end: number): SourceRange {
  return { start: { line, column: start }, end: { line, column: end } };
}

/** The manifests the fixture package.json files declare, as a caller would pass them. */
function manifestsOf(project: string, folders: string[] = ['']): Map<string, ManifestDeclarations> {
  return new Map(folders.map((folder) => [folder, JSON.parse(read(path.join(project, folder, 'package.json'))) as ManifestDeclarations]));
}

const INTEGRITY = {
  debug434: 'sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==',
  ms212: 'sha512-sGkPx+VjMtmA6MX27oA4FBFELFCZZ4S4XqeGOXCv68tT+jb3vk/RyaKWP0PTKyWtmLSM0b+adUTEvbs1PEaH2w==',
  ms213: 'sha512-6FlzubTLZG3J2a/NVCAleEhjzq5oxgHyaCU9yYXvcLsvoVaHJq/s5xXI6/XXP6tz7R9xAOtHnSO/tXtF3WRTlA==',
  leftPad130: 'sha512-XI5MPzVNApjAyhQzphX8BkmKsKUxD4LdyK24iZeQGinBN9yTQT3bFlCBy/aVx2HrNcqQGsdot8ghrjyrvMCoEA==',
  isNumber700: 'sha512-41Cifkg6e8TylSpdtTpeLVMqvSBEVzTttHvERD741+pnZ8ANv0004MRL43QKPDlK9cGvNp6NZWZUBlbGXYxxng==',
  isNumber300: 'sha512-4cboCqIpliH+mAvFNegjZQ4kgKc3ZUhQVr3HvWbSh5q3WH2v82ct+T2Y1hdU5Gdtorx/cLifQjqCbL7bpznLTg==',
  typesMs: 'sha512-nG96G3Wp6acyAgJqGasjODb+acrI7KltPiRxzHPXnP3NgI28bpQDRv53olbqGXbfcgF5aiiHmO3xpwEpS5Ld9g==',
};

const BASIC_PATHS = [
  'node_modules/@types/ms', 'node_modules/ansi-styles', 'node_modules/chalk', 'node_modules/color-convert', 'node_modules/color-name',
  'node_modules/debug', 'node_modules/has-flag', 'node_modules/is-buffer', 'node_modules/is-even', 'node_modules/is-number',
  'node_modules/is-odd', 'node_modules/is-odd/node_modules/is-number', 'node_modules/js-tokens', 'node_modules/kind-of',
  'node_modules/left-pad', 'node_modules/loose-envify', 'node_modules/ms', 'node_modules/my-ms', 'node_modules/react',
  'node_modules/react-dom', 'node_modules/scheduler', 'node_modules/supports-color',
];

test('v3 basic (npm 11): every install path is one entry, in file order, with its key range', () => {
  const file = parseNpmLock(lock('basic-v3'));
  assert.equal(file.fatal, false);
  assert.deepEqual(file.problems, []);
  assert.equal(file.kind, 'npm-lock');
  assert.equal(file.formatVersion, '3');
  assert.equal(file.name, 'fixture-basic');
  assert.equal(file.version, '1.0.0');
  assert.deepEqual(file.workspaces, [{ path: '', name: 'fixture-basic', version: '1.0.0' }]);
  assert.deepEqual(file.entries.map((e) => e.installPath), BASIC_PATHS);

  assert.deepEqual(entry(file, 'node_modules/debug'), {
    name: 'debug',
    specKind: 'version',
    spec: '4.3.4',
    version: '4.3.4',
    resolved: 'https://registry.npmjs.org/debug/-/debug-4.3.4.tgz',
    integrity: INTEGRITY.debug434,
    dev: false,
    optional: false,
    peer: false,
    direct: true,
    workspaces: [''],
    installPath: 'node_modules/debug',
    range: keyAt(80, 4, 24),
  });
  // debug's own ms is transitive: no spec, not direct.
  assert.deepEqual(entry(file, 'node_modules/ms'), {
    name: 'ms',
    specKind: 'version',
    version: '2.1.2',
    resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.2.tgz',
    integrity: INTEGRITY.ms212,
    dev: false,
    optional: false,
    peer: false,
    direct: false,
    workspaces: [],
    installPath: 'node_modules/ms',
    range: keyAt(199, 4, 21),
  });
});

test('v3 basic: alias, remote tarball, both is-number versions and the flags npm recorded', () => {
  const file = parseNpmLock(lock('basic-v3'));
  const alias = entry(file, 'node_modules/my-ms');
  assert.deepEqual(
    [alias.name, alias.alias, alias.specKind, alias.spec, alias.version, alias.resolved, alias.integrity, alias.direct, alias.range],
    ['ms', 'my-ms', 'alias', 'npm:ms@2.1.3', '2.1.3', 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz', INTEGRITY.ms213, true, keyAt(205, 4, 24)],
  );

  // npm rewrites the tarball URL's `resolved`; only the root's spec shows it was asked for by URL.
  const leftPad = entry(file, 'node_modules/left-pad');
  assert.deepEqual(
    [leftPad.name, leftPad.specKind, leftPad.spec, leftPad.version, leftPad.resolved, leftPad.integrity, leftPad.range],
    ['left-pad', 'remote', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', '1.3.0', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', INTEGRITY.leftPad130, keyAt(181, 4, 27)],
  );

  const isNumbers = file.entries.filter((e) => e.name === 'is-number');
  assert.deepEqual(
    isNumbers.map((e) => [e.installPath, e.version, e.integrity, e.dev, e.optional, e.direct, e.workspaces, e.range]),
    [
      ['node_modules/is-number', '7.0.0', INTEGRITY.isNumber700, true, false, true, [''], keyAt(126, 4, 28)],
      ['node_modules/is-odd/node_modules/is-number', '3.0.0', INTEGRITY.isNumber300, false, true, false, [], keyAt(149, 4, 48)],
    ],
  );

  const flags = (p: string) => {
    const e = entry(file, p);
    return [e.dev, e.optional, e.peer, e.direct];
  };
  assert.deepEqual(flags('node_modules/@types/ms'), [true, false, false, true]);
  assert.deepEqual(flags('node_modules/is-even'), [false, true, false, true]);
  assert.deepEqual(flags('node_modules/kind-of'), [false, true, false, false]);
  // react-dom's peer on react: installed by npm 7+, flagged peer.
  assert.deepEqual(flags('node_modules/react'), [false, false, true, false]);
  assert.deepEqual(flags('node_modules/react-dom'), [false, false, false, true]);
  assert.deepEqual(flags('node_modules/chalk'), [false, false, false, true]);
  assert.deepEqual(
    file.entries.filter((e) => e.direct).map((e) => e.alias ?? e.name).sort(),
    ['@types/ms', 'chalk', 'debug', 'is-even', 'is-number', 'left-pad', 'my-ms', 'react-dom'],
  );
});

test('v2 basic (npm 8): only `packages` is read, giving exactly what v3 gives', () => {
  const v2 = parseNpmLock(lock('basic-v2'));
  const v3 = parseNpmLock(lock('basic-v3'));
  assert.equal(v2.formatVersion, '2');
  assert.deepEqual(v2.problems, []);
  // The v1-style `dependencies` copy further down would add 21 more entries if it were read.
  assert.equal(v2.entries.length, 22);
  assert.deepEqual(v2.entries, v3.entries);
});

test('npm-shrinkwrap.json (npm 11 shrinkwrap) reads like the lockfile and keeps its kind', () => {
  const file = parseNpmLock(read('basic-shrinkwrap/npm-shrinkwrap.json'), undefined, 'npm-shrinkwrap');
  assert.equal(file.kind, 'npm-shrinkwrap');
  assert.equal(file.formatVersion, '3');
  assert.deepEqual(file.entries, parseNpmLock(lock('basic-v3')).entries);
});

test('v1 basic (npm 6): install paths rebuilt from nesting, alias and URL read from `version`', () => {
  const file = parseNpmLock(lock('basic-v1'));
  assert.equal(file.fatal, false);
  assert.deepEqual(file.problems, []);
  assert.equal(file.formatVersion, '1');
  assert.deepEqual(file.workspaces, [{ path: '', name: 'fixture-basic', version: '1.0.0' }]);
  // npm 6 never installed peers: no react.
  assert.deepEqual(file.entries.map((e) => e.installPath), BASIC_PATHS.filter((p) => p !== 'node_modules/react'));

  assert.deepEqual(entry(file, 'node_modules/my-ms'), {
    name: 'ms',
    alias: 'my-ms',
    specKind: 'alias',
    version: '2.1.3',
    resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz',
    integrity: INTEGRITY.ms213,
    dev: false,
    optional: false,
    peer: false,
    direct: false,
    workspaces: [],
    installPath: 'node_modules/my-ms',
    range: keyAt(127, 4, 11),
  });
  // v1 records a URL dependency's location in place of its version.
  const leftPad = entry(file, 'node_modules/left-pad');
  assert.deepEqual(
    [leftPad.specKind, leftPad.version, leftPad.resolved, leftPad.integrity, leftPad.range],
    ['remote', undefined, 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', INTEGRITY.leftPad130, keyAt(110, 4, 14)],
  );
  const nested = entry(file, 'node_modules/is-odd/node_modules/is-number');
  assert.deepEqual([nested.version, nested.optional, nested.dev, nested.range], ['3.0.0', true, false, keyAt(85, 8, 19)]);
  assert.deepEqual([entry(file, 'node_modules/is-number').dev, entry(file, 'node_modules/is-number').version], [true, '7.0.0']);
  // Without the root manifest, v1 cannot say what is direct.
  assert.ok(file.entries.every((e) => !e.direct && e.workspaces.length === 0 && e.spec === undefined));
});

test('v1 basic with the root manifest: direct entries, their specs and the root as requester', () => {
  const file = parseNpmLock(lock('basic-v1'), { manifests: manifestsOf('basic-v1') });
  const direct = file.entries.filter((e) => e.direct);
  assert.deepEqual(
    direct.map((e) => [e.installPath, e.spec, e.workspaces]),
    [
      ['node_modules/@types/ms', '0.7.34', ['']],
      ['node_modules/chalk', '^4.1.2', ['']],
      ['node_modules/debug', '4.3.4', ['']],
      ['node_modules/is-even', '1.0.0', ['']],
      ['node_modules/is-number', '^7.0.0', ['']],
      ['node_modules/left-pad', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', ['']],
      ['node_modules/my-ms', 'npm:ms@2.1.3', ['']],
      ['node_modules/react-dom', '18.3.1', ['']],
    ],
  );
  assert.equal(entry(file, 'node_modules/is-odd/node_modules/is-number').direct, false);
});

for (const version of ['v2', 'v3'] as const) {
  test(`workspaces ${version}: workspace folders and links are listed, not entries; direct deps per workspace`, () => {
    const file = parseNpmLock(lock(`workspaces-${version}`));
    assert.deepEqual(file.problems, []);
    assert.equal(file.name, 'fixture-monorepo');
    assert.equal(file.version, undefined);
    assert.deepEqual(file.workspaces, [
      { path: '', name: 'fixture-monorepo' },
      { path: 'packages/app', name: 'app', version: '1.0.0' },
      { path: 'packages/lib', name: 'lib', version: '1.0.0' },
    ]);
    assert.deepEqual(
      file.entries.map((e) => [e.installPath, e.version, e.dev, e.direct, e.workspaces, e.spec]),
      [
        ['node_modules/debug', '4.4.3', false, true, ['packages/app'], '^4.3.4'],
        ['node_modules/debug/node_modules/ms', '2.1.3', false, false, [], undefined],
        ['node_modules/is-number', '7.0.0', true, true, [''], '7.0.0'],
        ['node_modules/ms', '2.1.2', false, true, ['packages/lib'], '2.1.2'],
      ],
    );
    assert.deepEqual(entry(file, 'node_modules/debug').range, keyAt(18, 4, 24));
    assert.deepEqual(entry(file, 'node_modules/ms').integrity, INTEGRITY.ms212);
  });
}

test('workspaces v1 (npm 8 --lockfile-version 1): links become workspaces; their `requires` give direct deps', () => {
  const file = parseNpmLock(lock('workspaces-v1'));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-monorepo' },
    { path: 'packages/app', name: 'app' },
    { path: 'packages/lib', name: 'lib' },
  ]);
  assert.deepEqual(
    file.entries.map((e) => [e.installPath, e.version, e.direct, e.workspaces]),
    [
      ['node_modules/debug', '4.4.3', true, ['packages/app']],
      ['node_modules/debug/node_modules/ms', '2.1.3', false, []],
      ['node_modules/is-number', '7.0.0', false, []],
      ['node_modules/ms', '2.1.2', true, ['packages/lib']],
    ],
  );
  assert.deepEqual(entry(file, 'node_modules/debug/node_modules/ms').range, keyAt(20, 8, 12));

  // The root's devDependencies are only known from its manifest.
  const withRoot = parseNpmLock(lock('workspaces-v1'), { manifests: manifestsOf('workspaces-v1') });
  assert.deepEqual([entry(withRoot, 'node_modules/is-number').direct, entry(withRoot, 'node_modules/is-number').workspaces], [true, ['']]);
  assert.deepEqual(entry(withRoot, 'node_modules/debug').workspaces, ['packages/app']);
});

test('edge sources v3 (npm 11): URL spec with a port, scoped alias, file: directory as a local folder', () => {
  const file = parseNpmLock(lock('edge-sources-v3'));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-edge-sources', version: '1.0.0' },
    { path: 'vendor/local-dir', name: 'local-dir', version: '0.1.0' },
  ]);
  assert.deepEqual(file.entries.map((e) => e.installPath), ['node_modules/is-number', 'node_modules/is-odd', 'node_modules/left-pad', 'node_modules/ms-types']);
  const leftPad = entry(file, 'node_modules/left-pad');
  assert.deepEqual([leftPad.specKind, leftPad.spec, leftPad.resolved], ['remote', 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz', 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz']);
  const alias = entry(file, 'node_modules/ms-types');
  assert.deepEqual([alias.name, alias.alias, alias.specKind, alias.version, alias.integrity], ['@types/ms', 'ms-types', 'alias', '0.7.34', INTEGRITY.typesMs]);
  // is-odd is requested by the linked folder, not by the root.
  const isOdd = entry(file, 'node_modules/is-odd');
  assert.deepEqual([isOdd.direct, isOdd.workspaces, isOdd.spec], [true, ['vendor/local-dir'], '3.0.1']);
});

test('edge sources v1 (npm 6): the same project in the v1 shape', () => {
  const file = parseNpmLock(lock('edge-sources-v1'));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-edge-sources', version: '1.0.0' },
    { path: 'vendor/local-dir', name: 'local-dir' },
  ]);
  const leftPad = entry(file, 'node_modules/left-pad');
  assert.deepEqual([leftPad.specKind, leftPad.version, leftPad.resolved], ['remote', undefined, 'https://registry.npmjs.org:443/left-pad/-/left-pad-1.3.0.tgz']);
  const alias = entry(file, 'node_modules/ms-types');
  assert.deepEqual([alias.name, alias.alias, alias.version, alias.range], ['@types/ms', 'ms-types', '0.7.34', keyAt(29, 4, 14)]);
  assert.deepEqual(entry(file, 'node_modules/is-odd').workspaces, ['vendor/local-dir']);
  assert.ok(!byPath(file).has('node_modules/local-dir'));
});

test('empty projects: no entries, no problems, the root still listed', () => {
  for (const [project, formatVersion] of [['empty-v1', '1'], ['empty-v3', '3']] as const) {
    const file = parseNpmLock(lock(project));
    assert.deepEqual(
      [file.fatal, file.formatVersion, file.entries, file.problems, file.workspaces],
      [false, formatVersion, [], [], [{ path: '', name: 'fixture-empty', version: '1.0.0' }]],
    );
  }
});

test('hand-cut v3: git source, nested scoped packages, file: tarball, devOptional, workspace node_modules', () => {
  const file = parseNpmLock(lock('edge/git-nested-v3'));
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-edge', version: '1.0.0' },
    { path: 'packages/app', name: 'app', version: '1.0.0' },
  ]);
  assert.deepEqual(entry(file, 'node_modules/debug'), {
    name: 'debug',
    specKind: 'git',
    spec: 'github:debug-js/debug#4.3.4',
    version: '4.3.4',
    resolved: 'git+ssh://git@github.com/debug-js/debug.git#da66c86c5fd71ef570f36b5b1edfa4472149f1bc',
    dev: false,
    optional: false,
    peer: false,
    direct: true,
    workspaces: [''],
    installPath: 'node_modules/debug',
    range: keyAt(47, 4, 24),
  });
  const inner = entry(file, 'node_modules/@fixture/outer/node_modules/@fixture/inner');
  assert.deepEqual([inner.name, inner.alias, inner.version, inner.direct, inner.range], ['@fixture/inner', undefined, '2.0.0', false, keyAt(38, 4, 61)]);
  const tgz = entry(file, 'node_modules/local-tgz');
  assert.deepEqual([tgz.specKind, tgz.version, tgz.resolved], ['file', '1.0.0', 'file:vendor/local-tgz-1.0.0.tgz']);
  // devOptional: needed unless both dev and optional deps are omitted, so neither flag alone.
  const shared = entry(file, 'node_modules/shared');
  assert.deepEqual([shared.dev, shared.optional], [false, false]);
  assert.deepEqual([entry(file, 'node_modules/opt-parent').optional, entry(file, 'node_modules/opt-parent').dev], [true, false]);
  // app's ms resolves to its own node_modules first; the root copy stays transitive.
  assert.deepEqual(
    [entry(file, 'packages/app/node_modules/ms').workspaces, entry(file, 'packages/app/node_modules/ms').version, entry(file, 'node_modules/ms').direct],
    [['packages/app'], '2.1.3', false],
  );
  const tarball = entry(file, 'packages/app/node_modules/tarball-dep');
  assert.deepEqual([tarball.specKind, tarball.resolved, tarball.workspaces], ['remote', 'https://example.com/tarball-dep-1.0.0.tgz', ['packages/app']]);
  assert.ok(!file.entries.some((e) => e.name === 'app'));
});

test('hand-cut v1: git and file: sources recorded in `version`, nested scoped package', () => {
  const file = parseNpmLock(lock('edge/git-nested-v1'), { manifests: new Map([['', { dependencies: { debug: 'github:debug-js/debug#4.3.4' }, devDependencies: { '@fixture/inner': '^1.0.0' } }]]) });
  assert.deepEqual(file.problems, []);
  const debug = entry(file, 'node_modules/debug');
  assert.deepEqual(
    [debug.specKind, debug.version, debug.resolved, debug.integrity, debug.direct, debug.spec],
    ['git', undefined, 'git+https://github.com/debug-js/debug.git#da66c86c5fd71ef570f36b5b1edfa4472149f1bc', undefined, true, 'github:debug-js/debug#4.3.4'],
  );
  const tgz = entry(file, 'node_modules/local-tgz');
  assert.deepEqual([tgz.specKind, tgz.version, tgz.resolved], ['file', undefined, 'file:vendor/local-tgz-1.0.0.tgz']);
  const inner = entry(file, 'node_modules/@fixture/outer/node_modules/@fixture/inner');
  assert.deepEqual([inner.version, inner.direct, inner.range], ['2.0.0', false, keyAt(20, 8, 24)]);
  const hoisted = entry(file, 'node_modules/@fixture/inner');
  assert.deepEqual([hoisted.version, hoisted.dev, hoisted.direct], ['1.0.0', true, true]);
});

test('malformed: truncated text is fatal with a positioned E_PARSE', () => {
  const text = lock('basic-v3');
  const cut = text.slice(0, text.indexOf('"node_modules/left-pad"') + 10);
  const file = parseNpmLock(cut);
  assert.equal(file.fatal, true);
  assert.deepEqual(file.entries, []);
  assert.equal(file.problems[0]?.code, 'E_PARSE');
  assert.equal(file.problems[0]?.range.start.line, 181);
  for (const bad of ['', '   ', '{', '[', 'null', '{"lockfileVersion": 3,}', '// comment\n{}']) {
    const r = parseNpmLock(bad);
    assert.equal(r.fatal, true, JSON.stringify(bad));
    assert.ok(r.problems.length > 0 && r.problems.every((p) => p.severity === 'error'), JSON.stringify(bad));
  }
});

test('malformed: a wrong-typed version skips that package only, pointing at the value', () => {
  const text = lock('basic-v3').replace('"version": "4.3.4"', '"version": {}');
  const file = parseNpmLock(text);
  assert.equal(file.fatal, false);
  assert.equal(file.entries.length, 21);
  assert.ok(!byPath(file).has('node_modules/debug'));
  assert.deepEqual(file.problems, [
    { code: 'E_SCHEMA', severity: 'error', message: '"version" of "node_modules/debug" should be a string; the package was skipped.', range: keyAt(81, 17, 19) },
  ]);
});

test('malformed: wrong-typed side fields are reported and ignored, the package kept', () => {
  const text = lock('basic-v3')
    .replace('"resolved": "https://registry.npmjs.org/chalk/-/chalk-4.1.2.tgz"', '"resolved": 5')
    .replace(/("node_modules\/@types\/ms": \{[^}]*?)"dev": true/, '$1"dev": "yes"');
  const file = parseNpmLock(text);
  const chalk = entry(file, 'node_modules/chalk');
  assert.deepEqual([chalk.version, chalk.resolved], ['4.1.2', undefined]);
  assert.equal(entry(file, 'node_modules/@types/ms').dev, false);
  assert.deepEqual(
    file.problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.column]),
    [['E_SCHEMA', 'warning', 28, 13], ['E_SCHEMA', 'warning', 48, 18]],
  );
});

test('malformed: `"packages": 5` is fatal in v3, but a v2 falls back to its v1 tree', () => {
  const v3 = parseNpmLock(lock('basic-v3').replace(/"packages": \{[\s\S]*\n {2}\}\n\}/, '"packages": 5\n}'));
  assert.equal(v3.fatal, true);
  assert.deepEqual(v3.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'error', keyAt(5, 14, 15)]]);

  const v2text = lock('basic-v2');
  const start = v2text.indexOf('"packages": {');
  const end = v2text.indexOf('\n  "dependencies": {');
  const v2 = parseNpmLock(`${v2text.slice(0, start)}"packages": null,${v2text.slice(end)}`);
  assert.equal(v2.fatal, false);
  assert.deepEqual(v2.problems.map((p) => [p.code, p.severity]), [['E_SCHEMA', 'warning']]);
  // npm 8 writes its installed peers into the v1 tree too, so react is there.
  assert.deepEqual(v2.entries.map((e) => e.installPath), BASIC_PATHS);
});

test('malformed: conflict markers are fatal, pointing at the marker line', () => {
  const lines = lock('basic-v3').split('\n');
  lines.splice(81, 0, '<<<<<<< HEAD');
  lines.splice(84, 0, '=======', '      "version": "4.3.5",', '>>>>>>> feature');
  const file = parseNpmLock(lines.join('\n'));
  assert.equal(file.fatal, true);
  assert.deepEqual(file.problems.map((p) => [p.code, p.range.start.line]), [['E_CONFLICT', 81]]);
});

test('malformed: duplicate install paths keep the last copy, as npm does, with a warning on the first', () => {
  const text = '{\n  "lockfileVersion": 3,\n  "packages": {\n    "node_modules/a": { "version": "1.0.0" },\n    "node_modules/a": { "version": "2.0.0" }\n  }\n}';
  const file = parseNpmLock(text);
  assert.deepEqual(file.entries.map((e) => [e.version, e.range]), [['2.0.0', keyAt(4, 4, 20)]]);
  assert.deepEqual(file.problems.map((p) => [p.code, p.severity, p.range]), [['E_DUPLICATE_KEY', 'warning', keyAt(3, 4, 20)]]);
});

test('odd but readable: missing or future lockfileVersion, null entries, bad paths, prototype-named keys', () => {
  const future = parseNpmLock('{"lockfileVersion": 4, "packages": {"node_modules/a": {"version": "1.0.0"}}}');
  assert.deepEqual([future.formatVersion, future.entries.length, future.problems.map((p) => p.code)], ['4', 1, ['E_UNSUPPORTED']]);
  const shapeless = parseNpmLock('{"packages": {"node_modules/a": {"version": "1.0.0"}, "node_modules/b": null, "node_modules/@scope": {}}}');
  assert.deepEqual(shapeless.entries.map((e) => e.name), ['a']);
  assert.deepEqual(shapeless.problems.map((p) => [p.code, p.severity]), [['E_SCHEMA', 'warning'], ['E_SCHEMA', 'error'], ['E_SCHEMA', 'warning']]);
  const proto = parseNpmLock('{"lockfileVersion": 3, "packages": {"": {"dependencies": {"constructor": "1.0.0", "toString": 5}}, "node_modules/constructor": {"version": "1.0.0"}, "node_modules/__proto__": {"version": "2.0.0"}}}');
  assert.deepEqual(proto.entries.map((e) => [e.name, e.version, e.direct]), [['constructor', '1.0.0', true], ['__proto__', '2.0.0', false]]);
  assert.deepEqual(proto.problems.map((p) => p.message), ['The spec for "toString" in "" should be a string; it was ignored.']);
});

test('hostile: deep nesting, huge files and random mutations never throw', () => {
  const deep = parseNpmLock('['.repeat(200_000));
  assert.deepEqual([deep.fatal, deep.problems[0]?.code], [true, 'E_PARSE']);
  const deepV1 = parseNpmLock(`{"lockfileVersion": 1, "dependencies": ${'{"a": {"version": "1.0.0", "dependencies": '.repeat(400)}{}${'}}'.repeat(400)}}`);
  assert.equal(deepV1.entries.length, 256);
  assert.ok(deepV1.problems.some((p) => p.message.includes('nested more than 256')));
  const big = parseNpmLock(lock('basic-v3'), { maxBytes: 1000 });
  assert.deepEqual([big.fatal, big.problems[0]?.code], [true, 'E_TOO_LARGE']);

  const seeds = [lock('basic-v1'), lock('basic-v3'), lock('workspaces-v2'), lock('edge/git-nested-v3')];
  fc.assert(
    fc.property(fc.constantFrom(...seeds), fc.nat(), fc.constantFrom('5', 'null', '{}', '[]', '"x"', '', '}', '{"a":', '<<<<<<< x\n'), (seed, at, insert) => {
      const text = seed.slice(0, at % seed.length) + insert + seed.slice(at % seed.length);
      const file = parseNpmLock(text);
      assert.equal(typeof file.fatal, 'boolean');
      if (file.fatal) assert.equal(file.entries.length, 0);
      for (const e of file.entries) assert.equal(typeof e.name, 'string');
    }),
    { numRuns: 400, seed: 7 },
  );
});

test('jsonSpans agrees with jsonc-parser on every recorded key and value offset', () => {
  // Records two levels and skips everything deeper, exercising the bracket matcher on strings with brackets and escapes.
  const twoLevels: SpanSelector = () => NO_DEEPER;
  const check = (text: string) => {
    const tree = parseTree(text)!;
    const compare = (spans: MemberSpan[] | undefined, node: JsonNode, depth: number) => {
      const props = node.children ?? [];
      assert.equal(spans?.length, props.length);
      props.forEach((prop, i) => {
        const [key, value] = prop.children as [JsonNode, JsonNode];
        const span = spans![i]!;
        assert.deepEqual([span.key, span.keyStart, span.keyEnd, span.valueStart, span.valueEnd], [key.value, key.offset, key.offset + key.length, value.offset, value.offset + value.length]);
        if (depth < 2 && value.type === 'object') compare(span.members, value, depth + 1);
        else assert.equal(span.members, undefined);
      });
    };
    compare(indexMembers(text, twoLevels), tree, 1);
  };
  for (const project of ['basic-v1', 'basic-v2', 'workspaces-v3', 'edge/git-nested-v3']) check(lock(project));
  fc.assert(
    fc.property(fc.dictionary(fc.string(), fc.jsonValue()), fc.constantFrom(0, 2), (value, indent) => check(JSON.stringify(value, null, indent))),
    { numRuns: 300, seed: 11 },
  );
  assert.equal(indexMembers('[1, {"a": 2}]', twoLevels), undefined);
});

test('install tree: Node lookup walks up folders, skips node_modules/node_modules, stops outside the project', () => {
  const tree = new InstallTree();
  const e = (name: string) => ({ kind: 'link' as const, target: name });
  tree.set('node_modules/x', e('root-x'));
  tree.set('node_modules/a/node_modules/x', e('a-x'));
  tree.set('packages/app/node_modules/x', e('app-x'));
  // Only a crafted file has this; Node would never look there.
  tree.set('node_modules/node_modules/x', e('never'));
  const target = (from: string) => {
    const hit = tree.resolve(from, 'x');
    return hit?.kind === 'link' ? hit.target : undefined;
  };
  assert.equal(target(''), 'root-x');
  assert.equal(target('node_modules/a'), 'a-x');
  assert.equal(target('node_modules/a/node_modules/b'), 'a-x');
  assert.equal(target('node_modules/b'), 'root-x');
  assert.equal(target('packages/app'), 'app-x');
  assert.equal(target('packages/lib'), 'root-x');
  assert.equal(target('../outside'), undefined);
  assert.deepEqual(
    ['node_modules/a', 'node_modules/@s/a', 'x/node_modules/a/node_modules/@s/b', 'packages/app', '', 'node_modules/', 'node_modules/@s', 'node_modules/a/b', 'node_modules/@s/a/b', 'node_modules/@/a'].map(installedFolderName),
    ['a', '@s/a', '@s/b', undefined, undefined, null, null, null, null, null],
  );
});

test('performance: a 5,000-package lockfile parses in one linear pass', () => {
  const packages: Record<string, unknown> = { '': { name: 'big', dependencies: Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`pkg-${i}`, '^1.0.0'])) } };
  for (let i = 0; i < 5000; i++) {
    const key = i % 4 === 0 && i > 0 ? `node_modules/pkg-${i - 1}/node_modules/pkg-${i}` : `node_modules/pkg-${i}`;
    packages[key] = { version: '1.0.0', resolved: `https://registry.npmjs.org/pkg-${i}/-/pkg-${i}-1.0.0.tgz`, integrity: `sha512-${'A'.repeat(86)}==`, license: 'MIT', dependencies: { [`pkg-${(i * 7) % 5000}`]: '^1.0.0' }, engines: { node: '>=8' } };
  }
  const text = JSON.stringify({ name: 'big', lockfileVersion: 3, requires: true, packages }, null, 2);
  parseNpmLock(text);
  const started = performance.now();
  const file = parseNpmLock(text);
  const elapsed = performance.now() - started;
  assert.equal(file.entries.length, 5000);
  // The root asks for pkg-0..299; those nested under a sibling (every fourth) are out of its reach.
  assert.equal(file.entries.filter((e) => e.direct).length, 300 - 74);
  // The budget is ~60 ms; the margin absorbs a loaded CI machine while still catching a quadratic scan.
  assert.ok(elapsed < 400, `${elapsed.toFixed(0)} ms`);
});
