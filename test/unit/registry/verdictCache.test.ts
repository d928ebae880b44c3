import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { VerdictCache, type VerdictKey } from '../../../src/engine/registry/verdictCache';

interface Result {
  verdict: string;
  score: number;
  findings: string[];
}

const isResult = (v: unknown): v is Result => !!v && typeof v === 'object' && typeof (v as Result).verdict === 'string' && typeof (v as Result).score === 'number';
const base = mkdtempSync(path.join(os.tmpdir(), 'takedown-verdict-cache-'));
let n = 0;
const freshDir = () => path.join(base, `c${n++}`);
const key = (over: Partial<VerdictKey> = {}): VerdictKey => ({ name: 'left-pad', version: '1.3.0', integrity: 'sha512-abc', engineVersion: '0.1.0', ...over });

function allFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((d) => d.isFile()).map((d) => path.join(d.parentPath, d.name));
}

test('set then get returns the stored value; files are sharded JSON with the key inside', async () => {
  const dir = freshDir();
  const c = new VerdictCache<Result>({ dir });
  const value = { verdict: 'suspicious', score: 6.5, findings: ['exec-download'] };
  await c.set(key(), value);
  assert.deepEqual(await c.get(key()), value);
  const file = c.pathFor(key());
  assert.match(path.relative(dir, file), /^[0-9a-f]{2}[\\/][0-9a-f]{64}\.json$/);
  assert.equal(path.basename(path.dirname(file)), path.basename(file).slice(0, 2));
  assert.deepEqual(allFiles(dir), [file], 'no temp file left behind');
  const env = JSON.parse(await import('node:fs').then((f) => f.readFileSync(file, 'utf8')));
  assert.deepEqual(env.key, { name: 'left-pad', version: '1.3.0', integrity: 'sha512-abc', engineVersion: '0.1.0' });
});

test('every key part matters: other version, integrity or engine version is a miss', async () => {
  const c = new VerdictCache<Result>({ dir: freshDir() });
  await c.set(key(), { verdict: 'clean', score: 0, findings: [] });
  assert.equal(await c.get(key({ version: '1.3.1' })), undefined);
  assert.equal(await c.get(key({ integrity: 'sha512-other' })), undefined);
  assert.equal(await c.get(key({ integrity: null })), undefined);
  assert.equal(await c.get(key({ engineVersion: '0.2.0' })), undefined);
  assert.equal(await c.get(key({ name: 'right-pad' })), undefined);
  assert.equal((await c.get(key()))?.verdict, 'clean');
  // missing integrity is its own key
  await c.set(key({ integrity: undefined }), { verdict: 'unknown', score: 0, findings: [] });
  assert.equal((await c.get(key({ integrity: null })))?.verdict, 'unknown');
});

test('overwrite replaces the value; delete and clear remove it', async () => {
  const c = new VerdictCache<Result>({ dir: freshDir() });
  await c.set(key(), { verdict: 'clean', score: 0, findings: [] });
  await c.set(key(), { verdict: 'malicious', score: 10, findings: ['MAL-2024-1'] });
  assert.equal((await c.get(key()))?.verdict, 'malicious');
  await c.delete(key());
  assert.equal(await c.get(key()), undefined);
  await c.set(key(), { verdict: 'clean', score: 0, findings: [] });
  await c.clear();
  assert.equal(await c.get(key()), undefined);
  assert.equal(await c.totalBytes(), 0);
});

test('corrupt, truncated, foreign and invalid files are ignored (and removed)', async () => {
  const dir = freshDir();
  const c = new VerdictCache<Result>({ dir, validate: isResult });
  const cases: Array<[string, string]> = [
    ['truncated JSON', '{"format":1,"key":{"name":"left-pad"'],
    ['binary garbage', '\u0000\u0001\u0002'],
    ['JSON null', 'null'],
    ['other key at this path', JSON.stringify({ format: 1, key: { name: 'evil', version: '1.3.0', integrity: 'sha512-abc', engineVersion: '0.1.0' }, storedAt: '', value: { verdict: 'clean', score: 0, findings: [] } })],
    ['other format', JSON.stringify({ format: 2, key: { name: 'left-pad', version: '1.3.0', integrity: 'sha512-abc', engineVersion: '0.1.0' }, value: { verdict: 'clean', score: 0, findings: [] } })],
    ['value fails validate', JSON.stringify({ format: 1, key: { name: 'left-pad', version: '1.3.0', integrity: 'sha512-abc', engineVersion: '0.1.0' }, storedAt: '', value: { verdict: 7 } })],
  ];
  for (const [label, text] of cases) {
    await c.set(key(), { verdict: 'clean', score: 0, findings: [] });
    writeFileSync(c.pathFor(key()), text);
    assert.equal(await c.get(key()), undefined, label);
    assert.equal(existsSync(c.pathFor(key())), false, label);
  }
  // stray files in the folder do not break anything
  writeFileSync(path.join(dir, 'README'), 'x');
  await c.set(key({ version: '2.0.0' }), { verdict: 'notable', score: 2, findings: [] });
  assert.equal((await c.get(key({ version: '2.0.0' })))?.verdict, 'notable');
});

test('size bound: least recently used entries are evicted, the folder stays under maxBytes', async () => {
  const dir = freshDir();
  const padding = 'x'.repeat(900);
  const c = new VerdictCache<Result>({ dir, maxBytes: 10_000 });
  const t0 = Date.now() / 1000 - 1000;
  for (let i = 0; i < 8; i++) {
    await c.set(key({ version: `1.0.${i}` }), { verdict: 'clean', score: i, findings: [padding] });
    utimesSync(c.pathFor(key({ version: `1.0.${i}` })), t0 + i, t0 + i); // deterministic ages
  }
  // touch 1.0.0 so it is the most recently used
  assert.equal((await c.get(key({ version: '1.0.0' })))?.score, 0);
  await new Promise((r) => setTimeout(r, 50));
  for (let i = 8; i < 14; i++) await c.set(key({ version: `1.0.${i}` }), { verdict: 'clean', score: i, findings: [padding] });
  const total = allFiles(dir).reduce((s, f) => s + statSync(f).size, 0);
  assert.ok(total <= 10_000, `total ${total}`);
  assert.equal(await c.totalBytes(), total);
  assert.equal((await c.get(key({ version: '1.0.0' })))?.score, 0, 'recently read entry survives');
  assert.equal(await c.get(key({ version: '1.0.1' })), undefined, 'oldest unread entry evicted');
  assert.equal((await c.get(key({ version: '1.0.13' })))?.score, 13, 'newest entry kept');
});

test('a second cache instance on the same folder sees the entries (size counted from disk)', async () => {
  const dir = freshDir();
  const a = new VerdictCache<Result>({ dir });
  await a.set(key(), { verdict: 'clean', score: 0, findings: [] });
  const b = new VerdictCache<Result>({ dir });
  assert.equal((await b.get(key()))?.verdict, 'clean');
  assert.equal(await b.totalBytes(), statSync(a.pathFor(key())).size);
});

test('concurrent writes of many keys leave only complete entries', async () => {
  const dir = freshDir();
  const c = new VerdictCache<Result>({ dir });
  await Promise.all(Array.from({ length: 40 }, (_, i) => c.set(key({ version: `3.0.${i % 10}` }), { verdict: 'clean', score: i, findings: [] })));
  const files = allFiles(dir);
  assert.equal(files.length, 10);
  assert.ok(files.every((f) => f.endsWith('.json')));
  for (let i = 0; i < 10; i++) assert.equal((await c.get(key({ version: `3.0.${i}` })))?.verdict, 'clean');
});
