import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DependencyEntry, DependencyFile, ManifestDeclarations } from '../../../src/engine/deps/model';
import { parseYarnClassic } from '../../../src/engine/deps/yarnClassic';
import { isYarnBerry, parseYarnLock } from '../../../src/engine/deps/yarnLock';

const dir = path.join(__dirname, '../../fixtures/deps/yarn-classic');
const read = (project: string) => readFileSync(path.join(dir, project, 'yarn.lock'), 'utf8');

/** The manifests as the workspace loader would hand them over: path relative to the lockfile. */
function manifests(project: string, workspaces: string[] = ['']): Map<string, ManifestDeclarations> {
  const map = new Map<string, ManifestDeclarations>();
  for (const ws of workspaces) {
    const json = JSON.parse(readFileSync(path.join(dir, project, ws, 'package.json'), 'utf8')) as ManifestDeclarations;
    map.set(ws, { dependencies: json.dependencies, devDependencies: json.devDependencies, optionalDependencies: json.optionalDependencies, peerDependencies: json.peerDependencies });
  }
  return map;
}

function find(file: DependencyFile, name: string, version: string): DependencyEntry {
  const found = file.entries.filter((e) => e.name === name && e.version === version);
  assert.equal(found.length, 1, `exactly one ${name}@${version}`);
  return found[0]!;
}

const flags = (e: DependencyEntry) => ({ dev: e.dev, optional: e.optional, peer: e.peer, direct: e.direct, workspaces: e.workspaces });
const line = (l: number, from: number, to: number) => ({ start: { line: l, column: from }, end: { line: l, column: to } });

test('yarn classic basic: entries, integrity, resolved URLs and header ranges', () => {
  const file = parseYarnClassic(read('basic'));
  assert.equal(file.kind, 'yarn-classic');
  assert.equal(file.formatVersion, '1');
  assert.equal(file.fatal, false);
  assert.deepEqual(file.problems, []);
  assert.equal(file.entries.length, 21);

  const debug = find(file, 'debug', '4.3.4');
  assert.equal(debug.spec, '4.3.4');
  assert.equal(debug.specKind, 'version');
  assert.equal(debug.resolved, 'https://registry.npmjs.org/debug/-/debug-4.3.4.tgz#1319f6579357f2338d3337d2cdd4914bb5dcc865');
  assert.equal(debug.integrity, 'sha512-PRWFHuSU3eDtQJPvnNY7Jcket1j0t5OuOsFzPPzsekD52Zl8qUfFIPEiswXqIvHWGVHOgX+7G/vCNNhehwxfkQ==');
  // `debug@4.3.4:` on line 37 (one-based); the range stops before the colon.
  assert.deepEqual(debug.range, line(36, 0, 11));

  // A quoted scoped header: the range includes the quotes.
  assert.deepEqual(find(file, '@types/ms', '0.7.34').range, line(4, 0, 18));
  assert.deepEqual(find(file, 'js-tokens', '4.0.0').range, line(79, 0, 28));
  assert.equal(find(file, 'js-tokens', '4.0.0').spec, '^3.0.0 || ^4.0.0');
});

test('yarn classic basic: alias, two is-number versions, remote tarball, unmet peer', () => {
  const file = parseYarnClassic(read('basic'));
  const alias = find(file, 'ms', '2.1.3');
  assert.equal(alias.alias, 'my-ms');
  assert.equal(alias.specKind, 'alias');
  assert.equal(alias.spec, 'npm:ms@2.1.3');
  assert.equal(alias.resolved, 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2');
  assert.deepEqual(alias.range, line(107, 0, 20));
  assert.equal(find(file, 'ms', '2.1.2').alias, undefined);

  assert.deepEqual(file.entries.filter((e) => e.name === 'is-number').map((e) => [e.version, e.spec]), [['3.0.0', '^3.0.0'], ['7.0.0', '^7.0.0']]);

  const leftPad = find(file, 'left-pad', '1.3.0');
  assert.equal(leftPad.specKind, 'remote');
  assert.equal(leftPad.spec, 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz');
  assert.equal(leftPad.resolved, 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz#5b8a3a7765dfe001261dde915589e782f8c94d1e');
  // yarn 1 records no integrity for this remote tarball.
  assert.equal(leftPad.integrity, undefined);
  assert.deepEqual(leftPad.range, line(91, 0, 67));

  // react-dom peers on react, which yarn 1 does not install and so never locks.
  assert.equal(file.entries.some((e) => e.name === 'react'), false);
});

test('yarn classic without manifests: no roots, so every flag stays false', () => {
  const file = parseYarnClassic(read('basic'));
  assert.deepEqual(file.workspaces, []);
  for (const e of file.entries) assert.deepEqual(flags(e), { dev: false, optional: false, peer: false, direct: false, workspaces: [] }, e.name);
});

test('yarn classic with the manifest: direct, dev and optional derived from the graph', () => {
  const file = parseYarnClassic(read('basic'), { manifests: manifests('basic') });
  assert.deepEqual(file.workspaces, [{ path: '' }]);
  assert.deepEqual(flags(find(file, 'chalk', '4.1.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.3')), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'left-pad', '1.3.0')), { dev: false, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'is-number', '7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, '@types/ms', '0.7.34')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(flags(find(file, 'is-even', '1.0.0')), { dev: false, optional: true, peer: false, direct: true, workspaces: [''] });
  // is-even -> is-odd -> is-number@3 -> kind-of: only reachable through the optional edge.
  assert.deepEqual(flags(find(file, 'is-number', '3.0.0')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(find(file, 'kind-of', '3.2.2')), { dev: false, optional: true, peer: false, direct: false, workspaces: [] });
  // chalk -> ansi-styles, debug -> ms@2.1.2: production transitives.
  assert.deepEqual(flags(find(file, 'ansi-styles', '4.3.0')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
});

test('yarn classic workspaces: workspace packages are not entries; roots per workspace', () => {
  const text = read('workspaces');
  const file = parseYarnClassic(text, { manifests: manifests('workspaces', ['', 'packages/app', 'packages/lib']) });
  assert.deepEqual(file.problems, []);
  assert.deepEqual(file.workspaces, [{ path: '' }, { path: 'packages/app' }, { path: 'packages/lib' }]);
  // yarn 1 never writes workspace packages (app, lib) into the lockfile.
  assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['debug@4.4.3', 'is-number@7.0.0', 'ms@2.1.2', 'ms@2.1.3']);
  assert.deepEqual(flags(find(file, 'debug', '4.4.3')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/app'] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.2')), { dev: false, optional: false, peer: false, direct: true, workspaces: ['packages/lib'] });
  assert.deepEqual(flags(find(file, 'ms', '2.1.3')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });
  assert.deepEqual(flags(find(file, 'is-number', '7.0.0')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
  assert.deepEqual(find(file, 'ms', '2.1.3').range, line(21, 0, 9));
});

test('yarn classic local protocols: file: folder and link:', () => {
  const file = parseYarnClassic(read('local-protocols'), { manifests: manifests('local-protocols') });
  const dirdep = find(file, 'dirdep', '1.0.0');
  assert.equal(dirdep.specKind, 'directory');
  assert.equal(dirdep.spec, 'file:./vendor/dirdep');
  assert.equal(dirdep.resolved, undefined);
  const linked = find(file, 'linked', '0.0.0');
  assert.equal(linked.specKind, 'link');
  assert.deepEqual(linked.range, line(7, 0, 22));
  assert.deepEqual(flags(find(file, 'ms', '2.1.3')), { dev: true, optional: false, peer: false, direct: true, workspaces: [''] });
});

test('yarn classic edge (hand-cut): shared headers, git, github shorthand, scoped alias', () => {
  const file = parseYarnClassic(read('edge/git-scoped'), { manifests: new Map([['', { dependencies: { 'my-git-dep': 'git+https://github.com/example/my-git-dep.git#v1.0.0' } }]]) });
  assert.deepEqual(file.problems, []);
  assert.equal(file.entries.length, 8);

  // Two quoted descriptors share one block: one entry, both ranges, the range spans the whole key.
  const frame = find(file, '@babel/code-frame', '7.24.7');
  assert.equal(frame.spec, '^7.0.0, ^7.22.13');
  assert.deepEqual(frame.range, line(6, 0, 56));
  assert.equal(find(file, 'debug', '4.3.4').spec, '^4.1.0, ^4.3.4');

  const git = find(file, 'my-git-dep', '1.0.0');
  assert.equal(git.specKind, 'git');
  assert.equal(git.resolved, 'git+https://github.com/example/my-git-dep.git#0123456789abcdef0123456789abcdef01234567');
  assert.equal(git.integrity, undefined);
  assert.equal(git.direct, true);
  // Reached through the git dependency's own `debug "^4.1.0"` line.
  assert.deepEqual(flags(find(file, 'debug', '4.3.4')), { dev: false, optional: false, peer: false, direct: false, workspaces: [] });

  const shorthand = find(file, 'shorthand', '2.0.0');
  assert.equal(shorthand.specKind, 'git');
  assert.equal(shorthand.resolved, 'https://codeload.github.com/example/shorthand/tar.gz/89abcdef0123456789abcdef0123456789abcdef');

  const alias = find(file, '@types/ms', '0.7.34');
  assert.equal(alias.alias, 'types-ms');
  assert.equal(alias.specKind, 'alias');
  assert.equal(find(file, 'local-lib', '1.0.0').specKind, 'directory');
  assert.equal(find(file, 'linked', '0.0.0').specKind, 'link');
});

test('yarn classic empty lockfile', () => {
  const file = parseYarnClassic(read('edge/empty'));
  assert.deepEqual({ fatal: file.fatal, entries: file.entries, problems: file.problems, formatVersion: file.formatVersion }, { fatal: false, entries: [], problems: [], formatVersion: '1' });
  assert.deepEqual(parseYarnClassic('').entries, []);
});

test('yarn.lock dispatch: __metadata marks berry', () => {
  assert.equal(isYarnBerry(read('basic')), false);
  assert.equal(parseYarnLock(read('basic')).kind, 'yarn-classic');
  assert.equal(parseYarnLock('__metadata:\n  version: 8\n').kind, 'yarn-berry');
});

const HEADER = '# THIS IS AN AUTOGENERATED FILE. DO NOT EDIT THIS FILE DIRECTLY.\n# yarn lockfile v1\n\n\n';

test('yarn classic malformed: truncated inside a quoted string is a positioned E_PARSE, not a hang', () => {
  const text = read('basic');
  const cut = text.indexOf('"https://registry.npmjs.org/chalk/') + 20;
  const file = parseYarnClassic(text.slice(0, cut));
  assert.equal(file.fatal, true);
  assert.deepEqual(file.entries, []);
  assert.equal(file.problems[0]?.code, 'E_PARSE');
  // The unterminated string starts on line 19 (zero-based 18), column 11.
  assert.deepEqual(file.problems[0]?.range.start, { line: 18, column: 11 });
});

test('yarn classic malformed: a comment without a final newline does not hang', () => {
  const file = parseYarnClassic('# yarn lockfile v1');
  assert.deepEqual({ fatal: file.fatal, entries: file.entries.length }, { fatal: false, entries: 0 });
});

test('yarn classic malformed: bad indentation and stray tokens give the line', () => {
  const odd = parseYarnClassic(`${HEADER}a@^1.0.0:\n   version "1.0.0"\n`);
  assert.equal(odd.fatal, true);
  assert.equal(odd.problems[0]?.code, 'E_PARSE');
  assert.deepEqual(odd.problems[0]?.range, line(5, 0, 3));

  const stray = parseYarnClassic(`${HEADER}a@^1.0.0:\n  version "1.0.0"\n  resolved ]\n`);
  assert.equal(stray.fatal, true);
  assert.equal(stray.problems[0]?.range.start.line, 6);
});

test('yarn classic malformed: wrong types skip the entry with E_SCHEMA on the field', () => {
  const text = `${HEADER}a@^1.0.0:\n  version 5\n\nb@^2.0.0:\n  version "2.0.0"\n  dependencies "oops"\n\nc@^3.0.0:\n  version "3.0.0"\n  integrity true\n`;
  const file = parseYarnClassic(text);
  assert.equal(file.fatal, false);
  assert.deepEqual(file.entries.map((e) => `${e.name}@${e.version}`), ['b@2.0.0', 'c@3.0.0']);
  assert.deepEqual(file.problems.map((p) => [p.code, p.severity, p.range.start.line, p.range.start.column]), [
    ['E_SCHEMA', 'error', 5, 2], // version 5
    ['E_SCHEMA', 'warning', 13, 2], // integrity true (found while building entries)
    ['E_SCHEMA', 'warning', 9, 2], // dependencies "oops" (found while building edges)
  ]);
  assert.equal(find(file, 'c', '3.0.0').integrity, undefined);
});

test('yarn classic malformed: top-level plain value, duplicate descriptor, newer lockfile version', () => {
  const plain = parseYarnClassic(`${HEADER}stray "value"\n`);
  assert.deepEqual(plain.problems.map((p) => [p.code, p.range]), [['E_SCHEMA', line(4, 0, 5)]]);

  const dup = parseYarnClassic(`${HEADER}a@^1.0.0:\n  version "1.0.0"\n\na@^1.0.0:\n  version "1.0.1"\n`);
  assert.deepEqual(dup.problems.map((p) => [p.code, p.severity, p.range]), [['E_DUPLICATE_KEY', 'warning', line(7, 0, 8)]]);
  assert.deepEqual(dup.entries.map((e) => e.version), ['1.0.1']);

  const v2 = parseYarnClassic('# yarn lockfile v2\n');
  assert.equal(v2.fatal, true);
  assert.equal(v2.problems[0]?.code, 'E_UNSUPPORTED');
});

test('yarn classic malformed: conflict markers and size cap', () => {
  const text = read('basic').replace('chalk@^4.1.2:\n', '<<<<<<< HEAD\nchalk@^4.1.2:\n=======\nchalk@^4.1.1:\n>>>>>>> theirs\n');
  const conflict = parseYarnLock(text);
  assert.equal(conflict.fatal, true);
  assert.equal(conflict.problems[0]?.code, 'E_CONFLICT');
  assert.equal(conflict.problems[0]?.range.start.line, 16);

  const big = parseYarnLock(read('basic'), { maxBytes: 1000 });
  assert.deepEqual([big.fatal, big.problems[0]?.code], [true, 'E_TOO_LARGE']);
});

test('yarn classic: truncating a real lockfile anywhere never throws, and problems stay in the text', () => {
  const text = read('edge/git-scoped');
  for (let at = 0; at <= text.length; at += 3) {
    const cut = text.slice(0, at);
    const file = parseYarnClassic(cut);
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

test('yarn classic: a block requested both by its own name and through an alias is no alias', () => {
  const file = parseYarnClassic(`${HEADER}ms@2.1.3, "my-ms@npm:ms@2.1.3":\n  version "2.1.3"\n  resolved "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz#574c8138ce1d2b5861f0b44579dbadd60c6615b2"\n`);
  assert.equal(file.entries.length, 1);
  const ms = file.entries[0]!;
  assert.deepEqual([ms.name, ms.alias, ms.specKind, ms.spec], ['ms', undefined, 'version', '2.1.3, npm:ms@2.1.3']);
  assert.deepEqual(ms.range, line(4, 0, 30));
});
