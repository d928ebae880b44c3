// The OSV.dev client against a local fake OSV API serving the real example records.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OsvClient } from '../../../src/engine/intel/osvClient';
import type { KnownMalwareStatus } from '../../../src/engine/intel/types';
import { exampleRecords, startFakeOsv } from '../../support/fakeOsv';

const fast = { retryBaseMs: 5, timeoutMs: 2000, pauseAfterFailureMs: 0 };

function hit(status: KnownMalwareStatus | undefined) {
  assert.equal(status?.status, 'hit', JSON.stringify(status));
  return (status as Extract<KnownMalwareStatus, { status: 'hit' }>).records;
}

test('a MAL- record makes the version a hit, with the full record read from /v1/vulns/{id}', async () => {
  const osv = await startFakeOsv();
  const client = new OsvClient({ endpoint: osv.url, ...fast });
  const lookup = await client.lookup([
    { name: '@ctrl/tinycolor', version: '4.1.2' },
    { name: 'node-pino', version: '2.3.2' },
    { name: 'node-pino', version: '2.3.3' },
    { name: 'left-pad', version: '1.3.0' },
  ]);
  assert.equal(osv.batches.length, 1, 'one querybatch for all packages');
  assert.deepEqual(osv.batches[0]!.queries[0], { package: { ecosystem: 'npm', name: '@ctrl/tinycolor' }, version: '4.1.2' });
  const tiny = hit(lookup.results['@ctrl/tinycolor@4.1.2'])[0]!;
  assert.deepEqual(
    [tiny.id, tiny.summary, tiny.url, tiny.aliases, tiny.published],
    ['MAL-2025-47141', 'Malicious code in @ctrl/tinycolor (npm)', 'https://osv.dev/vulnerability/MAL-2025-47141', ['GHSA-qjqf-7j6f-82c4'], '2025-09-15T23:42:49Z'],
  );
  const pino = hit(lookup.results['node-pino@2.3.2'])[0]!;
  assert.equal(pino.id, 'MAL-0000-node-pino');
  // No summary in a new report: the first line of details stands in.
  assert.match(pino.summary, /^node-pino is a one-edit typosquat of the popular `pino` logger/);
  assert.ok(pino.summary.length <= 300);
  assert.deepEqual(lookup.results['node-pino@2.3.3'], { status: 'none' });
  assert.deepEqual(lookup.results['left-pad@1.3.0'], { status: 'none' });
  assert.deepEqual(osv.fetched.sort(), ['MAL-0000-node-pino', 'MAL-2025-47141']);
  assert.equal(lookup.source, `OSV API at ${osv.url}`);
});

test('withdrawn records and ordinary vulnerabilities do not make a package malicious; GHSA malware does', async () => {
  const ghsaVuln = { id: 'GHSA-aaaa-bbbb-cccc', summary: 'Prototype pollution lets a malicious user change Object.prototype', modified: '2025-01-01T00:00:00Z', database_specific: { cwe_ids: ['CWE-1321'] }, affected: [{ package: { ecosystem: 'npm', name: 'deep-merge-ish' }, versions: ['1.0.0'] }] };
  const ghsaMalware = { id: 'GHSA-dddd-eeee-ffff', summary: 'Malware in evil-colors', details: 'Any computer that has this package installed should be considered fully compromised.', modified: '2025-01-01T00:00:00Z', database_specific: { cwe_ids: ['CWE-506'] }, affected: [{ package: { ecosystem: 'npm', name: 'evil-colors' }, versions: ['9.9.9'] }] };
  // serveWithdrawn: a server that (unlike OSV) returns the withdrawn record must still not make a hit.
  const osv = await startFakeOsv({ records: [...exampleRecords(), ghsaVuln, ghsaMalware], serveWithdrawn: true });
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast }).lookup([
    { name: '@ctrl/plex', version: '6.0.0' },
    { name: 'deep-merge-ish', version: '1.0.0' },
    { name: 'evil-colors', version: '9.9.9' },
  ]);
  assert.ok(osv.fetched.includes('MAL-2026-4377'), 'the withdrawn record was read, then ignored');
  assert.deepEqual(lookup.results['@ctrl/plex@6.0.0'], { status: 'none' });
  assert.deepEqual(lookup.results['deep-merge-ish@1.0.0'], { status: 'none' });
  assert.deepEqual(hit(lookup.results['evil-colors@9.9.9']).map((r) => [r.id, r.summary]), [['GHSA-dddd-eeee-ffff', 'Malware in evil-colors']]);
});

test('a GHSA advisory a MAL- record lists as its alias is reported once, as the MAL- record', async () => {
  const [, tiny] = exampleRecords();
  const ghsa = { id: 'GHSA-qjqf-7j6f-82c4', summary: 'Malware in @ctrl/tinycolor', modified: '2025-09-16T00:00:00Z', database_specific: { cwe_ids: ['CWE-506'] }, affected: [{ package: { ecosystem: 'npm', name: '@ctrl/tinycolor' }, versions: ['4.1.1'] }] };
  const osv = await startFakeOsv({ records: [tiny!, ghsa] });
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast }).lookup([{ name: '@ctrl/tinycolor', version: '4.1.1' }]);
  assert.deepEqual(hit(lookup.results['@ctrl/tinycolor@4.1.1']).map((r) => r.id), ['MAL-2025-47141']);
});

test('a query with more hits than a page follows next_page_token until every hit is read', async () => {
  const extra = [1, 2, 3, 4].map((n) => ({ id: `MAL-2099-${n}`, summary: `Malicious code in @ctrl/tinycolor (npm) #${n}`, modified: '2099-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: '@ctrl/tinycolor' }, versions: ['4.1.2'] }] }));
  const osv = await startFakeOsv({ records: [...exampleRecords(), ...extra], pageSize: 2 });
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast }).lookup([
    { name: '@ctrl/tinycolor', version: '4.1.2' },
    { name: 'node-pino', version: '2.3.2' },
  ]);
  assert.deepEqual(hit(lookup.results['@ctrl/tinycolor@4.1.2']).map((r) => r.id).sort(), ['MAL-2025-47141', 'MAL-2099-1', 'MAL-2099-2', 'MAL-2099-3', 'MAL-2099-4']);
  assert.equal(hit(lookup.results['node-pino@2.3.2']).length, 1);
  // Page 1 asks for both; later pages only for the query that has more.
  assert.deepEqual(osv.batches.map((b) => b.queries.map((q) => `${q.package.name}:${q.page_token ?? ''}`)), [['@ctrl/tinycolor:', 'node-pino:'], ['@ctrl/tinycolor:p:2'], ['@ctrl/tinycolor:p:4']]);
});

test('more than 1,000 packages are split into batches of at most 1,000 queries', async () => {
  const osv = await startFakeOsv();
  const packages = Array.from({ length: 2345 }, (_, i) => ({ name: `pkg-${i}`, version: '1.0.0' }));
  packages[2000] = { name: 'node-pino', version: '2.3.2' };
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast }).lookup(packages);
  assert.deepEqual(osv.batches.map((b) => b.queries.length), [1000, 1000, 345]);
  assert.equal(Object.keys(lookup.results).length, 2345);
  assert.equal(Object.values(lookup.results).filter((s) => s.status === 'none').length, 2344);
  assert.equal(lookup.results['node-pino@2.3.2']!.status, 'hit');
});

test('a failing OSV makes every package unknown with the reason, after retries; never none', async () => {
  const osv = await startFakeOsv();
  osv.misbehave({ status: 500 });
  const client = new OsvClient({ endpoint: osv.url, ...fast, retries: 2 });
  const lookup = await client.lookup([{ name: 'node-pino', version: '2.3.2' }, { name: 'left-pad', version: '1.3.0' }]);
  for (const key of ['node-pino@2.3.2', 'left-pad@1.3.0']) {
    assert.deepEqual(lookup.results[key], { status: 'unknown', reason: 'known-malware lookup unavailable: OSV querybatch: HTTP 500 Internal Server Error (after 3 attempts)' });
  }
  assert.equal(osv.server.requests.length, 3, 'one attempt and two retries');
  // Failures are not cached: once OSV answers again, so does the lookup.
  osv.misbehave(undefined);
  assert.equal((await client.lookup([{ name: 'node-pino', version: '2.3.2' }])).results['node-pino@2.3.2']!.status, 'hit');
});

test('a transient 503 is retried and the lookup succeeds', async () => {
  const osv = await startFakeOsv();
  osv.misbehave({ status: 503, times: 1 });
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast }).lookup([{ name: 'node-pino', version: '2.3.2' }]);
  assert.equal(lookup.results['node-pino@2.3.2']!.status, 'hit');
  assert.equal(osv.batches.length, 1, 'the failed attempt never reached the handler; the retry did');
});

test('a hanging OSV times out into unknown, and later lookups fail fast while it is paused', async () => {
  const osv = await startFakeOsv();
  osv.misbehave({ hang: true });
  const client = new OsvClient({ endpoint: osv.url, timeoutMs: 300, retries: 1, retryBaseMs: 5, pauseAfterFailureMs: 60_000 });
  const t0 = Date.now();
  const lookup = await client.lookup([{ name: 'node-pino', version: '2.3.2' }]);
  assert.deepEqual(lookup.results['node-pino@2.3.2'], { status: 'unknown', reason: 'known-malware lookup unavailable: OSV querybatch: no complete answer within 300 ms (after 2 attempts)' });
  assert.ok(Date.now() - t0 < 3000);
  const requests = osv.server.requests.length;
  const again = await client.lookup([{ name: 'left-pad', version: '1.3.0' }]);
  assert.equal(again.results['left-pad@1.3.0']!.status, 'unknown');
  assert.match((again.results['left-pad@1.3.0'] as { reason: string }).reason, /no complete answer within 300 ms .*\(not retried for \d+ s\)$/);
  assert.equal(osv.server.requests.length, requests, 'no request while paused');
});

test('a MAL- hit whose record cannot be read is still a hit; another advisory that cannot be read is unknown', async () => {
  const ghsa = { id: 'GHSA-gggg-hhhh-iiii', summary: 'Malware in other-pkg', database_specific: { cwe_ids: ['CWE-506'] }, affected: [{ package: { ecosystem: 'npm', name: 'other-pkg' }, versions: ['1.0.0'] }] };
  const osv = await startFakeOsv({ records: [...exampleRecords(), ghsa] });
  osv.misbehave({ status: 500, only: 'vulns' });
  const lookup = await new OsvClient({ endpoint: osv.url, ...fast, retries: 0 }).lookup([{ name: 'node-pino', version: '2.3.2' }, { name: 'other-pkg', version: '1.0.0' }]);
  const pino = hit(lookup.results['node-pino@2.3.2'])[0]!;
  assert.equal(pino.id, 'MAL-0000-node-pino');
  assert.match(pino.summary, /could not be read: OSV record MAL-0000-node-pino: HTTP 500/);
  assert.deepEqual(lookup.results['other-pkg@1.0.0'], { status: 'unknown', reason: 'known-malware lookup unavailable: OSV record GHSA-gggg-hhhh-iiii: HTTP 500 Internal Server Error' });
});

test('answers are cached: a second lookup of the same versions sends nothing', async () => {
  const osv = await startFakeOsv();
  const client = new OsvClient({ endpoint: osv.url, ...fast });
  const packages = [{ name: 'node-pino', version: '2.3.2' }, { name: 'left-pad', version: '1.3.0' }];
  const first = await client.lookup(packages);
  const count = osv.server.requests.length;
  const second = await client.lookup(packages);
  assert.equal(osv.server.requests.length, count);
  assert.deepEqual(second.results, first.results);
});

test('an endpoint that is not http(s) or carries credentials is refused', () => {
  assert.throws(() => new OsvClient({ endpoint: 'file:///etc' }), /http\(s\)/);
  assert.throws(() => new OsvClient({ endpoint: 'https://user:secret@osv.invalid' }), /credentials/);
  assert.equal(new OsvClient().source, 'osv.dev');
});
