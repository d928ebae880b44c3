import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { readDirectory } from '../../../src/engine/tarball/readTarball';

const MB = 1024 * 1024;
let tmp: string;
before(() => {
  tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-readdir-'));
});
after(() => rmSync(tmp, { recursive: true, force: true }));

function folder(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(path.join(tmp, 'pkg-'));
  for (const [rel, body] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    writeFileSync(path.join(root, rel), body);
  }
  return root;
}

test('readDirectory: same output as a tarball, paths relative to the folder', async () => {
  const root = folder({
    'package.json': '{"name":"on-disk","version":"1.2.3"}',
    'index.js': 'module.exports = 1;\n',
    'lib/a.js': 'exports.a = 1;\n',
    'bin/native': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0]),
  });
  const r = await readDirectory(root);
  assert.deepEqual(r.files.map((f) => f.path), ['bin/native', 'index.js', 'lib/a.js', 'package.json']);
  assert.deepEqual(r.manifest, { name: 'on-disk', version: '1.2.3' });
  assert.equal(r.files.find((f) => f.path === 'index.js')!.text, 'module.exports = 1;\n');
  assert.deepEqual([r.files[0]!.binary, r.files[0]!.text, r.files[0]!.size], [true, undefined, 7]);
  assert.deepEqual([r.capsHit, r.suspiciousPaths, r.specialEntries, r.fileCount], [[], [], [], 4]);
});

test('readDirectory: symlinks are recorded, never followed (files, folders, loops); FIFOs never opened', async () => {
  const outside = folder({ 'secret.txt': 'TOP SECRET', 'sub/also.js': 'outside' });
  const root = folder({ 'index.js': 'x' });
  symlinkSync('/etc/passwd', path.join(root, 'passwd'));
  symlinkSync(outside, path.join(root, 'linked-dir'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(root, 'secret.txt'));
  symlinkSync('.', path.join(root, 'loop'));
  execFileSync('mkfifo', [path.join(root, 'pipe')]);
  const r = await readDirectory(root);
  assert.deepEqual(r.files.map((f) => f.path), ['index.js']);
  assert.deepEqual(
    r.specialEntries.map((s) => [s.path, s.type, s.linkTarget]),
    [
      ['linked-dir', 'symlink', outside],
      ['loop', 'symlink', '.'],
      ['passwd', 'symlink', '/etc/passwd'],
      ['pipe', 'fifo', undefined],
      ['secret.txt', 'symlink', path.join(outside, 'secret.txt')],
    ],
  );
  assert.ok(!JSON.stringify(r.files).includes('TOP SECRET'));
});

test('readDirectory: the folder itself may be a symlink (pnpm layout)', async () => {
  const real = folder({ 'package.json': '{"name":"pnpm-linked"}' });
  const link = path.join(tmp, 'node_modules-link');
  symlinkSync(real, link);
  assert.equal((await readDirectory(link)).manifest?.name, 'pnpm-linked');
});

test('readDirectory: caps (file size, depth, file count, unpacked bytes) as for tarballs', async () => {
  const big = Buffer.alloc(11 * MB, 'b');
  const root = folder({
    'big.txt': big,
    [`${'d/'.repeat(31)}ok.js`]: 'ok',
    [`${'e/'.repeat(40)}deep.js`]: 'deep',
    'z.js': 'z',
  });
  const r = await readDirectory(root);
  const f = r.files.find((x) => x.path === 'big.txt')!;
  assert.deepEqual([f.size, f.truncated, f.text, f.prefix?.length], [11 * MB, true, undefined, 64 * 1024]);
  assert.ok(r.files.some((x) => x.path === `${'d/'.repeat(31)}ok.js`));
  assert.ok(!r.files.some((x) => x.path.endsWith('deep.js')));
  assert.deepEqual(r.capsHit.map((c) => c.limit), ['maxFileBytes', 'maxPathDepth']);
  assert.equal(r.files.find((x) => x.path === 'z.js')!.text, 'z');

  const many = folder(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`f${String(i).padStart(2, '0')}.js`, `${i}`])));
  const capped = await readDirectory(many, { maxFiles: 10 });
  assert.deepEqual([capped.files.length, capped.capsHit.map((c) => c.limit)], [10, ['maxFiles']]);
  const bytes = await readDirectory(many, { maxUnpackedBytes: 15 }); // f00..f09: 1 byte each, f10, f11: 2 each, f12 would pass 15
  assert.deepEqual([bytes.files.length, bytes.totalUnpackedBytes, bytes.capsHit.map((c) => c.limit)], [12, 14, ['maxUnpackedBytes']]);
});
