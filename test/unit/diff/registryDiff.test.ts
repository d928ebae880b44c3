// The guards around the scan-time diff: it must never cost the scan its verdict (time, memory).
// The registry here is an in-memory stand-in: these tests are about timing and sizes, not HTTP
// (versionDiffRegistry.test.ts runs the same code against Verdaccio).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DIFF_MAX_UNPACKED_BYTES, diffWithPrevious } from '../../../src/engine/diff/registryDiff';
import { contents, file, manifest } from './contentsHelper';

const packument = async () => ({ ok: true as const, value: { name: 'slow-pkg', versions: { '1.0.0': { name: 'slow-pkg', version: '1.0.0' }, '1.1.0': { name: 'slow-pkg', version: '1.1.0' } } } });

test('a previous version that takes too long to arrive is a skipped reason after the deadline', async () => {
  let asked = '';
  const stalled = { packument, tarball: (_n: string, v: string) => { asked = v; return new Promise<never>(() => undefined); } };
  const started = Date.now();
  const outcome = await diffWithPrevious(stalled as never, { name: 'slow-pkg', version: '1.1.0', after: contents([manifest({ name: 'slow-pkg', version: '1.1.0' })]), limits: {}, timeoutMs: 200 });
  assert.deepEqual(outcome, { kind: 'skipped', reason: 'not finished within 0.2 s' });
  assert.equal(asked, '1.0.0');
  assert.ok(Date.now() - started < 2000);
});

test('a version too large to hold twice in memory is not compared', async () => {
  const big = contents([file('index.js', 'x')]);
  big.totalUnpackedBytes = DIFF_MAX_UNPACKED_BYTES + 1;
  const registry = { packument: async () => assert.fail('nothing is fetched'), tarball: async () => assert.fail('nothing is fetched') };
  const outcome = await diffWithPrevious(registry as never, { name: 'slow-pkg', version: '1.1.0', after: big, limits: {} });
  assert.deepEqual(outcome, { kind: 'skipped', reason: 'slow-pkg@1.1.0 is too large to compare (over 64 MB unpacked)' });
});

test('the version list failing to load is a skipped reason with the registry code', async () => {
  const down = { packument: async () => ({ ok: false, code: 'E_FETCH', message: 'packument slow-pkg: socket hang up', retryable: true, attempts: 3 }), tarball: async () => assert.fail('not reached') };
  const outcome = await diffWithPrevious(down as never, { name: 'slow-pkg', version: '1.1.0', after: contents([]), limits: {} });
  assert.deepEqual(outcome, { kind: 'skipped', reason: 'the version list could not be read (E_FETCH: packument slow-pkg: socket hang up)' });
});
