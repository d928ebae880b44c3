// The worker's lookupKnownMalware handler and the scanner it builds from ScanSettings.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { isPackageList, isScanSettings, isSettledStatus, lookupKnownMalware, scannerFor, type ScanSettings } from '../../../src/worker/scanHandlers';
import { OSV_EXAMPLES, startFakeOsv } from '../../support/fakeOsv';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-worker-osv-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const folder = path.join(tmp, 'osv');
mkdirSync(folder);
copyFileSync(path.join(OSV_EXAMPLES, 'scoped-imported-MAL-2025-47141.json'), path.join(folder, 'MAL-2025-47141.json'));

test('lookupKnownMalware: the endpoint online, the local folder when set, a skip offline without one', async () => {
  const osv = await startFakeOsv();
  const online: ScanSettings = { trustedWorkspace: true, offline: false, osv: { endpoint: osv.url } };
  const a = await lookupKnownMalware([{ name: '@ctrl/tinycolor', version: '4.1.1' }, { name: 'left-pad', version: '1.3.0' }], online);
  assert.equal(a.results['@ctrl/tinycolor@4.1.1']!.status, 'hit');
  assert.deepEqual(a.results['left-pad@1.3.0'], { status: 'none' });
  assert.equal(osv.batches.length, 1);

  const local = await lookupKnownMalware([{ name: '@ctrl/tinycolor', version: '4.1.1' }], { trustedWorkspace: true, offline: true, osv: { offlineFolder: folder } });
  assert.equal(local.results['@ctrl/tinycolor@4.1.1']!.status, 'hit');
  assert.match(local.source, /^local folder .*osv \(1 records\)$/);

  const none = await lookupKnownMalware([{ name: '@ctrl/tinycolor', version: '4.1.1' }], { trustedWorkspace: true, offline: true });
  assert.deepEqual(none.results['@ctrl/tinycolor@4.1.1'], { status: 'unknown', reason: 'known-malware lookup unavailable: offline: no local OSV folder configured' });
});

test('scannerFor passes the lookup to the scanner: a local package named in the folder is malicious', async () => {
  const dir = path.join(tmp, 'pkg');
  mkdirSync(dir);
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: '@ctrl/tinycolor', version: '4.1.2' }));
  writeFileSync(path.join(dir, 'index.js'), 'module.exports = 1;\n');
  const r = await scannerFor({ trustedWorkspace: true, offline: true, osv: { offlineFolder: folder } }).scanDirectory(dir);
  assert.deepEqual([r.verdict, r.knownMalware?.map((k) => k.id)], ['malicious', ['MAL-2025-47141']]);
  const skipped = await scannerFor({ trustedWorkspace: true, offline: true }).scanDirectory(dir);
  assert.notEqual(skipped.verdict, 'malicious');
  assert.ok(skipped.skipped.includes('known-malware lookup unavailable: offline: no local OSV folder configured'));
});

test('a registry scan given the batch answer does not look the version up again', async () => {
  const osv = await startFakeOsv();
  const settings: ScanSettings = { trustedWorkspace: true, offline: false, osv: { endpoint: osv.url } };
  const first = await lookupKnownMalware([{ name: '@ctrl/tinycolor', version: '4.1.1' }], settings);
  const answer = first.results['@ctrl/tinycolor@4.1.1']!;
  assert.equal(osv.batches.length, 1);
  // Another worker (a fresh scanner, empty caches) handles the scan: the answer comes with the request.
  const r = await scannerFor({ ...settings, timeoutMs: 5_000 }).scanRegistry('@ctrl/tinycolor', '4.1.1', { knownMalware: answer });
  assert.deepEqual([r.verdict, r.knownMalware?.map((k) => k.id), osv.batches.length], ['malicious', ['MAL-2025-47141'], 1]);
});

test('request validation: osv settings and package lists are checked', () => {
  assert.equal(isSettledStatus({ status: 'none' }), true);
  assert.equal(isSettledStatus({ status: 'hit', records: [{ id: 'MAL-1', summary: 's', url: 'https://osv.dev/vulnerability/MAL-1', aliases: [] }] }), true);
  assert.equal(isSettledStatus({ status: 'hit', records: [] }), false, 'a hit names its records');
  assert.equal(isSettledStatus({ status: 'unknown', reason: 'x' }), false, 'a failed lookup is asked again, not passed on');
  assert.equal(isScanSettings({ trustedWorkspace: true, offline: false, osv: { endpoint: 'https://osv.invalid', offlineFolder: '/x' } }), true);
  assert.equal(isScanSettings({ trustedWorkspace: true, offline: false, osv: { endpoint: 5 } }), false);
  assert.equal(isScanSettings({ trustedWorkspace: true, offline: false, osv: 'https://osv.invalid' }), false);
  assert.equal(isPackageList([{ name: 'a', version: '1.0.0' }]), true);
  assert.equal(isPackageList([{ name: 'a' }]), false);
  assert.equal(isPackageList([{ name: 'a'.repeat(215), version: '1.0.0' }]), false);
  assert.equal(isPackageList('a@1.0.0'), false);
});
