import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DependencyEntry, DependencyFile, ManifestDeclarations } from '../../../src/engine/deps/model';
import { parseYarnBerry } from '../../../src/engine/deps/yarnBerry';
import { parseYarnLock } from '../../../src/engine/deps/yarnLock';

const dir = path.join(__dirname, '../../fixtures/deps/yarn-berry');
const read = (project: string) => readFileSync(path.join(dir, project, 'yarn.lock'), 'utf8');

function manifests(project: string, workspaces: string[] = ['']): Map<string, ManifestDeclarations> {
  const map = new Map<string, ManifestDeclarations>();
  for (const ws of workspaces) {
    const json = JSON.parse(readFileSync(path.join(dir, project, ws, 'package.json'), 'utf8')) as ManifestDeclarations;
    map.set(ws, { dependencies: json.dependencies, devDependencies: json.devDependencies, optionalDependencies: json.optionalDependencies, peerDependencies: json.peerDependencies });
  }
  return map;
}

function find(file: DependencyFile, name: string, version: string, specKind?: string): DependencyEntry {
  const found = file.entries.filter((e) => e.name === name && e.version === version && (specKind === undefined || e.specKind === specKind));
  assert.equal(found.length, 1, `exactly one ${name}@${version}`);
  return found[0]!;
}

const flags = (e: DependencyEntry) => ({ dev: e.dev, optional: e.optional, peer: e.peer, direct: e.direct, workspaces: e.workspaces });
const line = (l: number, from: number, to: number) => ({ start: { line: l, column: from }, end: { line: l, column: to } });
const prodDirect = { dev: false, optional: false, peer: false, direct: true, workspaces: [''] };
const prodTransitive = { dev: false, optional: false, peer: false, direct: false, workspaces: [] };

test('yarn berry basic (yarn 4, lockfile v10): entries, checksums, resolutions and key ranges', () => {
  const file = parseYarnBerry(read('basic'));
  assert.equal(file.kind, 'yarn-berry');
  assert.equal(file.formatVersion, '10');
  assert.equal(file.fatal, false);
  assert.deepEqual(file.problems, []);
  assert.equal(file.name, 'fixture-basic');
  // The root workspace is listed, not counted; its placeholder version 0.0.0-use.local is dropped.
  assert.deepEqual(file.workspaces, [{ path: '', name: 'fixture-basic' }]);
  assert.equal(file.entries.length, 21);
  assert.equal(file.entries.some((e) => e.name === 'fixture-basic'), false);

  const debug = find(file, 'debug', '4.3.4');
  assert.equal(debug.spec, '4.3.4');
  assert.equal(debug.specKind, 'version');
  assert.equal(debug.resolved, 'debug@npm:4.3.4');
  // Berry's checksum (cache key / sha512 hex of yarn's zip) is kept verbatim: it is not SRI.
  assert.equal(debug.integrity, '10c0/cedbec45298dd5c501d01b92b119cd3faebe5438c3917ff11ae1bff86a6c722930ac9c8659792824013168ba6db7c4668225d845c633fbdafbbf902a6389f736');
  // `"debug@npm:4.3.4":` on line 50 (one-based): the quoted key, without the colon.
  assert.deepEqual(debug.range, line(49, 0, 17));
  assert.deepEqual(find(file, '@types/ms', '0.7.34').range, line(7, 0, 22));
});

test('yarn berry basic: alias, two is-number versions, remote tarball, unmet peer', () => {
  const file = parseYarnBerry(read('basic'));
  const alias = find(file, 'ms', '2.1.3');
  assert.deepEqual({ alias: alias.alias, specKind: alias.specKind, spec: alias.spec, resolved: alias.resolved }, { alias: 'my-ms', specKind: 'alias', spec: 'npm:ms@2.1.3', resolved: 'ms@npm:2.1.3' });
  assert.deepEqual(alias.range, line(168, 0, 20));
  assert.equal(find(file, 'ms', '2.1.2').alias, undefined);

  assert.deepEqual(file.entries.filter((e) => e.name === 'is-number').map((e) => [e.version, e.spec, e.range.start.line]), [['3.0.0', '^3.0.0', 102], ['7.0.0', '^7.0.0', 111]]);

  const leftPad = find(file, 'left-pad', '1.3.0');
  assert.equal(leftPad.specKind, 'remote');
  assert.equal(leftPad.resolved, 'left-pad@https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz');
  assert.equal(leftPad.integrity, '10c0/3fb59c76e281a2f5c810ad71dbbb8eba8b10c6cf94733dc7f27b8c516a5376cacea53543e76f6ae477d866c8954b27f1e15ca349424c2542474eb5bb1d2b6955');
  assert.deepEqual(leftPad.range, line(143, 0, 67));

  // react-dom's peer on react is recorded, but nothing provides react, so there is no entry.
  assert.equal(file.entries.some((e) => e.name === 'react'), false);
});

test('yarn berry basic without manifests: roots from the workspace entry, dev not recoverable', () => {
  const file = parseYarnBerry(read('basic'));
  assert.deepEqual(flags(find(file, 'chalk', '4.1.2')), prodDirect);
  // The lockfile lumps devDependencies into the workspace's dependencies.
  assert.deepEqual(flags(find(file, 'is-number', '7.0.0')), prodDirect);
  // dependenciesMeta marks is-even optional; its subtree is optional too.
  assert.deepEqual(flags(find(file, 'is-even', '1.0.0')), { dev: false, optional: true, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'is-number', '3.0.0')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(find(file, 'ansi-styles', '4.3.0')), prodTransitive);
});

test('yarn berry basic with the manifest: devDependencies become dev', () => {
  const file = parseYarnBerry(read('basic'), { manifests: manifests('basic') });
  assert.deepEqual(flags(find(file, 'is-number', '7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, '@types/ms', '0.7.34')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'debug', '4.3.4')), prodDirect);
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), prodTransitive);
  assert.deepEqual(flags(find(file, 'kind-of', '3.2.2')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
});

test('yarn berry basic (yarn 3, lockfile v6): ranges without npm: still link the graph', () => {
  const file = parseYarnBerry(read('basic-v6'), { manifests: manifests('basic-v6') });
  assert.equal(file.formatVersion, '6');
  assert.deepEqual(file.problems, []);
  assert.equal(file.entries.length, 21);
  const debug = find(file, 'debug', '4.3.4');
  // Before cache key prefixes: a bare sha512 hex.
  assert.equal(debug.integrity, '3dbad3f94ea64f34431a9cbf0bafb61853eda57bff2880036153438f50fb5a84f27683ba0d8e5426bf41a8c6ff03879488120cf5b3a761e77953169c0600a708');
  assert.deepEqual(debug.range, line(49, 0, 17));
  // `ms: 2.1.2` (no protocol) must find "ms@npm:2.1.2", and `is-number: ^3.0.0` its entry.
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), prodTransitive);
  assert.deepEqual(flags(find(file, 'kind-of', '3.2.2')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  assert.equal(find(file, 'ms', '2.1.3').alias, 'my-ms');
});

test('yarn berry workspaces: workspace entries listed, not counted; roots per workspace', () => {
  const file = parseYarnBerry(read('workspaces'), { manifests: manifests('workspaces', ['', 'packages/app', 'packages/lib']) });
  assert.deepEqual(file.problems, []);
  assert.equal(file.name, 'fixture-monorepo');
  assert.deepEqual(file.workspaces, [
    { path: '', name: 'fixture-monorepo' },
    { path: 'packages/app', name: 'app' },
    { path: 'packages/lib', name: 'lib' },
  ]);
  assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['debug@4.4.3', 'is-number@7.0.0', 'ms@2.1.2', 'ms@2.1.3']);
  assert.deepEqual(flags(find(file, 'debug', '4.4.3')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/app'] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/lib'] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.3')), prodTransitive);
  assert.deepEqual(flags(find(file, 'is-number', '7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(find(file, 'debug', '4.4.3').range, line(16, 0, 18));
});

test('yarn berry built-in patch: a patch entry named after the real package, tied to its source', () => {
  const file = parseYarnBerry(read('patch'), { manifests: new Map([['', { devDependencies: { resolve: '1.22.8' } }]]) });
  assert.deepEqual(file.problems, []);
  const base = find(file, 'resolve', '1.22.8', 'version');
  const patch = find(file, 'resolve', '1.22.8', 'patch');
  assert.equal(patch.resolved, 'resolve@patch:resolve@npm%3A1.22.8#optional!builtin<compat/resolve>::version=1.22.8&hash=9bd1a5');
  assert.equal(patch.integrity, '10c0/4bc6de64a713422234e0e773bff296767d77d6e545b98042ff90a796d356f2b131853f4fa1d54e2c415aa6efa6dc2eed5b3f501f63164f834619fda900e33b8e');
  assert.deepEqual(patch.range, line(60, 0, 69));
  assert.deepEqual(base.range, line(47, 0, 20));
  // Nobody requests the patch by name; it inherits the dev flag from the source it patches.
  assert.deepEqual(flags(base), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(patch), { dev: true, optional: false, peer: false, direct: false, workspaces: [] });
  assert.equal(find(file, 'path-parse', '1.0.7').dev, true);
});

test('yarn berry local protocols: file:, link: and portal: bound to the requesting workspace', () => {
  const file = parseYarnBerry(read('local-protocols'), { manifests: manifests('local-protocols') });
  assert.deepEqual(file.problems, []);
  const dirdep = find(file, 'dirdep', '1.0.0');
  assert.deepEqual({ specKind: dirdep.specKind, spec: dirdep.spec }, { specKind: 'directory', spec: 'file:./vendor/dirdep' });
  assert.equal(dirdep.resolved, 'dirdep@file:./vendor/dirdep#./vendor/dirdep::hash=53f55c&locator=fixture-local%40workspace%3A.');
  assert.deepEqual(flags(dirdep), prodDirect);
  const linked = find(file, 'linked', '0.0.0-use.local');
  assert.equal(linked.specKind, 'link');
  assert.equal(linked.integrity, undefined);
  assert.deepEqual(linked.range, line(27, 0, 61));
  const portal = find(file, 'portal-dep', '0.0.0-use.local');
  assert.equal(portal.specKind, 'link');
  assert.deepEqual(flags(portal), prodDirect);
  // The portal's own dependency, and the dev-only ms.
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), prodTransitive);
  assert.deepEqual(flags(find(file, 'ms', '2.1.3')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  // The workspace's peer on debug is recorded but not installed: no entry.
  assert.equal(file.entries.some((e) => e.name === 'debug'), false);
});

test('yarn berry edge (hand-cut, lockfile v4): git, user patch, optional built-in patch, scoped alias', () => {
  const file = parseYarnBerry(read('edge/git-patch-v4'), { manifests: new Map([['', { devDependencies: { 'left-pad': 'patch:left-pad@1.3.0#./.yarn/patches/left-pad-npm-1.3.0-6bc8f2ec26.patch' } }]]) });
  assert.equal(file.formatVersion, '4');
  assert.deepEqual(file.problems, []);
  assert.equal(file.entries.length, 9);

  const tool = find(file, '@scope/tool', '2.1.3', 'version');
  assert.equal(tool.spec, '^2.0.0, ^2.1.0');
  assert.deepEqual(tool.range, line(7, 0, 48));
  const alias = find(file, '@scope/tool', '2.1.3', 'alias');
  assert.equal(alias.alias, 'tool-alias');

  const git = find(file, 'my-git-dep', '1.0.0');
  assert.equal(git.specKind, 'git');
  assert.equal(git.resolved, 'my-git-dep@https://github.com/example/my-git-dep.git#commit=0123456789abcdef0123456789abcdef01234567');
  assert.deepEqual(flags(git), prodDirect);

  const userPatch = find(file, 'left-pad', '1.3.0', 'patch');
  assert.deepEqual(flags(userPatch), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'left-pad', '1.3.0', 'version')), { dev: true, optional: false, peer: false, direct: false, workspaces: [] });

  // fsevents is optional (dependenciesMeta), and so is the built-in patch of it.
  assert.deepEqual(flags(find(file, 'fsevents', '2.3.3', 'version')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(find(file, 'fsevents', '2.3.3', 'patch')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  assert.equal(find(file, 'fsevents', '2.3.3', 'patch').integrity, undefined);
});

test('yarn berry empty lockfile', () => {
  const file = parseYarnLock(read('edge/empty'));
  assert.deepEqual({ kind: file.kind, fatal: file.fatal, formatVersion: file.formatVersion, entries: file.entries, workspaces: file.workspaces, problems: file.problems }, { kind: 'yarn-berry', fatal: false, formatVersion: '8', entries: [], workspaces: [], problems: [] });
});

const META = '__metadata:\n  version: 8\n  cacheKey: 10c0\n\n';

test('yarn berry malformed: YAML syntax error is fatal with its position', () => {
  const text = read('basic');
  const truncated = parseYarnBerry(`${text.slice(0, text.indexOf('"chalk@npm:^4.1.2":') + 10)}`);
  assert.equal(truncated.fatal, true);
  assert.deepEqual(truncated.entries, []);
  assert.equal(truncated.problems[0]?.code, 'E_PARSE');
  assert.equal(truncated.problems[0]?.range.start.line, 23);

  const broken = parseYarnBerry(`${META}"a@npm:1.0.0":\n  version: 1.0.0\n   resolution: [\n`);
  assert.equal(broken.fatal, true);
  assert.equal(broken.problems[0]?.code, 'E_PARSE');
  assert.equal(broken.problems[0]?.range.start.line, 6);
});

test('yarn berry malformed: wrong types skip the entry or the field with E_SCHEMA', () => {
  const text = `${META}"a@npm:1.0.0":\n  version: 1.0.0\n  resolution: 5\n\n"b@npm:2.0.0":\n  version: [2]\n  resolution: "b@npm:2.0.0"\n\n"c@npm:3.0.0":\n  version: 3.0.0\n  resolution: "c@npm:3.0.0"\n  dependencies: 5\n  checksum: {}\n\n"d@npm:4.0.0": nope\n`;
  const file = parseYarnBerry(text);
  assert.equal(file.fatal, false);
  assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['c@3.0.0']);
  assert.deepEqual(file.problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.column]), [
    ['E_SCHEMA', 'error', 6, 2], // resolution: 5 is no locator
    ['E_SCHEMA', 'error', 9, 2], // version: [2]
    ['E_SCHEMA', 'warning', 16, 2], // checksum: {}
    ['E_SCHEMA', 'error', 18, 0], // "d@npm:4.0.0": nope
    ['E_SCHEMA', 'warning', 15, 2], // dependencies: 5 (found while linking)
  ]);
  assert.equal(find(file, 'c', '3.0.0').integrity, undefined);
});

test('yarn berry malformed: bad __metadata, duplicate keys, conflict markers', () => {
  const meta = parseYarnBerry('__metadata: 5\n\n"a@npm:1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n');
  assert.equal(meta.formatVersion, undefined);
  assert.deepEqual(meta.problems.map((p) => [p.code, p.severity, p.range]), [['E_SCHEMA', 'warning', line(0, 0, 10)]]);
  assert.equal(meta.entries.length, 1);

  const dup = parseYarnBerry(`${META}"a@npm:1.0.0":\n  version: 1.0.0\n  resolution: "a@npm:1.0.0"\n\n"a@npm:1.0.0":\n  version: 1.0.1\n  resolution: "a@npm:1.0.1"\n`);
  assert.deepEqual(dup.problems.map((p) => [p.code, p.severity, p.range]), [['E_DUPLICATE_KEY', 'warning', line(8, 0, 13)]]);
  assert.deepEqual(dup.entries.map((e) => [e.version, e.range.start.line]), [['1.0.1', 8]]);

  const conflict = parseYarnLock(read('basic').replace('"chalk@npm:^4.1.2":\n', '<<<<<<< HEAD\n"chalk@npm:^4.1.2":\n=======\n"chalk@npm:^4.1.1":\n>>>>>>> theirs\n'));
  assert.deepEqual([conflict.kind, conflict.fatal, conflict.problems[0]?.code, conflict.problems[0]?.range.start.line], ['yarn-berry', true, 'E_CONFLICT', 23]);
});

test('yarn berry malformed: a YAML alias repeated across entries is read once', () => {
  let text = `${META}"big@npm:1.0.0":\n  version: 1.0.0\n  resolution: "big@npm:1.0.0"\n  dependencies: &deps\n    a: "npm:1.0.0"\n`;
  for (let i = 0; i < 3; i++) text += `\n"e${i}@npm:1.0.0":\n  version: 1.0.0\n  resolution: "e${i}@npm:1.0.0"\n  dependencies: *deps\n`;
  const file = parseYarnBerry(text);
  assert.equal(file.fatal, false);
  assert.equal(file.entries.length, 4);
  assert.deepEqual(file.problems.map((p) => [p.code, p.range.start.line]), [['E_SCHEMA', 13], ['E_SCHEMA', 18], ['E_SCHEMA', 23]]);
});

test('yarn berry: truncating a real lockfile anywhere never throws, and problems stay in the text', () => {
  const text = read('edge/git-patch-v4');
  for (let at = 0; at <= text.length; at += 5) {
    const cut = text.slice(0, at);
    const file = parseYarnLock(cut);
    const lines = cut.split('\n').length;
    if (file.fatal) {
      assert.deepEqual(file.entries, [], `cut at ${at}`);
      assert.ok(file.problems.length > 0, `cut at ${at}`);
    }
    for (const p of [...file.problems.map((x) => x.range), ...file.entries.map((e) => e.range)]) {
      assert.ok(p.start.line >= 0 && p.start.line < lines && p.start.column >= 0, `cut at ${at}: ${JSON.stringify(p)}`);
    }
  }
});

test('yarn berry: a key mixing an alias and the real name is no alias', () => {
  const file = parseYarnBerry(`${META}"string-width-cjs@npm:string-width@^4.2.0, string-width@npm:^4.2.0":\n  version: 4.2.3\n  resolution: "string-width@npm:4.2.3"\n  checksum: 10c0/abc\n  languageName: node\n  linkType: hard\n`);
  assert.deepEqual(file.problems, []);
  const entry = file.entries[0]!;
  assert.deepEqual([entry.name, entry.alias, entry.specKind, entry.spec], ['string-width', undefined, 'version', 'npm:string-width@^4.2.0, ^4.2.0']);
  assert.deepEqual(entry.range, line(4, 0, 67));
});
