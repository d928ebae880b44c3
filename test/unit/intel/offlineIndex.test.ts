// The offline index over a folder of OSV records, in both layouts, built from the real examples.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { OfflineOsvIndex } from '../../../src/engine/intel/offlineIndex';
import { affectsVersion, npmAffected } from '../../../src/engine/intel/osvRecord';
import { intelSourceFor } from '../../../src/engine/intel/sourceFor';
import { OSV_EXAMPLES } from '../../support/fakeOsv';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-osv-index-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const example = (f: string) => path.join(OSV_EXAMPLES, f);

/** ossf/malicious-packages: osv/malicious/npm/<lowercase name>/<id>.json, withdrawn under osv/withdrawn. */
function repoLayout(): string {
  const root = path.join(tmp, 'malicious-packages', 'osv');
  const put = (rel: string, from: string) => {
    mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
    copyFileSync(from, path.join(root, rel));
  };
  put('malicious/npm/node-pino/MAL-0000-node-pino.json', example('new-report-MAL-0000-node-pino.json'));
  put('malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json', example('scoped-imported-MAL-2025-47141.json'));
  put('withdrawn/npm/@ctrl/plex/MAL-2026-4377.json', example('withdrawn-MAL-2026-4377.json'));
  writeFileSync(path.join(root, 'malicious/npm/node-pino/README.md'), '# not a record\n');
  writeFileSync(path.join(root, 'malicious/npm/broken.json'), '{"id": "MAL-2026-1", "affected": [');
  writeFileSync(path.join(root, 'malicious/npm/array.json'), '[1, 2, 3]');
  writeFileSync(path.join(root, 'malicious/npm/huge.json'), JSON.stringify({ id: 'MAL-2026-2', details: 'x'.repeat(2 * 1024 * 1024), affected: [{ package: { ecosystem: 'npm', name: 'huge-pkg' }, versions: ['1.0.0'] }] }));
  // A link out of the folder is never followed.
  symlinkSync(OSV_EXAMPLES, path.join(root, 'malicious/npm/linked'));
  return path.join(tmp, 'malicious-packages');
}

/** An extracted OSV npm/all.zip: a flat folder of <id>.json, malware and ordinary advisories mixed. */
function flatLayout(): string {
  const root = path.join(tmp, 'all');
  mkdirSync(root, { recursive: true });
  copyFileSync(example('scoped-imported-MAL-2025-47141.json'), path.join(root, 'MAL-2025-47141.json'));
  copyFileSync(example('withdrawn-MAL-2026-4377.json'), path.join(root, 'MAL-2026-4377.json'));
  writeFileSync(path.join(root, 'GHSA-aaaa-bbbb-cccc.json'), JSON.stringify({ id: 'GHSA-aaaa-bbbb-cccc', summary: 'ReDoS in a parser', database_specific: { cwe_ids: ['CWE-1333'] }, affected: [{ package: { ecosystem: 'npm', name: 'slow-parse' }, ranges: [{ type: 'SEMVER', events: [{ introduced: '0' }, { fixed: '2.0.0' }] }] }] }));
  writeFileSync(path.join(root, 'GHSA-dddd-eeee-ffff.json'), JSON.stringify({ id: 'GHSA-dddd-eeee-ffff', summary: 'Malware in evil-colors', database_specific: { cwe_ids: ['CWE-506'] }, affected: [{ package: { ecosystem: 'npm', name: 'evil-colors' }, ranges: [{ type: 'ECOSYSTEM', events: [{ introduced: '1.2.0' }, { fixed: '1.3.0' }] }] }] }));
  writeFileSync(path.join(root, 'PYSEC-2026-1.json'), JSON.stringify({ id: 'MAL-2026-77', affected: [{ package: { ecosystem: 'PyPI', name: 'node-pino' }, versions: ['2.3.2'] }] }));
  return root;
}

test('the malicious-packages layout: scoped names, records without id, withdrawn records, broken files', async () => {
  const index = await OfflineOsvIndex.build(repoLayout(), { maxFileBytes: 1024 * 1024 });
  const { ms, ...stats } = index.stats;
  assert.deepEqual(stats, { files: 6, records: 2, withdrawn: 1, ignored: 0, tooLarge: 1, broken: 2, otherFiles: 1 });
  assert.ok(ms >= 0);
  assert.equal(index.packageCount, 2);
  const lookup = await index.lookup([
    { name: 'node-pino', version: '2.3.2' },
    { name: 'node-pino', version: '2.3.1' },
    { name: '@ctrl/tinycolor', version: '4.1.2' },
    { name: '@ctrl/tinycolor', version: '1.0.0' },
    { name: '@ctrl/plex', version: '6.0.0' },
    { name: 'huge-pkg', version: '1.0.0' },
  ]);
  const pino = lookup.results['node-pino@2.3.2'];
  assert.equal(pino?.status, 'hit');
  assert.deepEqual(pino?.status === 'hit' && pino.records.map((r) => r.id), ['MAL-0000-node-pino']);
  assert.deepEqual(lookup.results['node-pino@2.3.1'], { status: 'none' });
  const tiny = lookup.results['@ctrl/tinycolor@4.1.2'];
  assert.deepEqual(tiny?.status === 'hit' && tiny.records.map((r) => [r.id, r.summary]), [['MAL-2025-47141', 'Malicious code in @ctrl/tinycolor (npm)']]);
  // The record's first range is {introduced: "0"} with no end: every version.
  assert.equal(lookup.results['@ctrl/tinycolor@1.0.0']!.status, 'hit');
  assert.deepEqual(lookup.results['@ctrl/plex@6.0.0'], { status: 'none' }, 'withdrawn: a false positive');
  assert.deepEqual(lookup.results['huge-pkg@1.0.0'], { status: 'none' }, 'over the size cap: never read');
  assert.match(lookup.source, /^local folder .*malicious-packages \(2 records\)$/);
});

test('the flat all.zip layout: only malware of the npm ecosystem, ranges with semver', async () => {
  const index = await OfflineOsvIndex.build(flatLayout());
  const { ms: _ms, ...stats } = index.stats;
  assert.deepEqual(stats, { files: 5, records: 2, withdrawn: 1, ignored: 2, tooLarge: 0, broken: 0, otherFiles: 0 });
  const at = (name: string, version: string) => index.lookupOne({ name, version }).status;
  assert.deepEqual([at('evil-colors', '1.1.9'), at('evil-colors', '1.2.0'), at('evil-colors', '1.2.9-beta.1'), at('evil-colors', '1.3.0')], ['none', 'hit', 'hit', 'none']);
  assert.equal(at('slow-parse', '1.0.0'), 'none', 'an ordinary vulnerability is not malware');
  assert.equal(at('node-pino', '2.3.2'), 'none', 'a PyPI record does not name the npm package');
  assert.equal(at('@ctrl/tinycolor', '4.1.1'), 'hit');
  assert.equal(at('@ctrl/tinycolor', 'not-a-version'), 'none');
});

test('OSV range events: introduced, fixed, last_affected, limit, and listed versions', () => {
  const [affected] = npmAffected({
    affected: [{
      package: { ecosystem: 'npm', name: 'x' },
      versions: ['0.0.1-weird'],
      ranges: [
        { type: 'SEMVER', events: [{ introduced: '1.0.0' }, { fixed: '1.5.0' }, { introduced: '2.0.0' }, { last_affected: '2.1.0' }] },
        { type: 'SEMVER', events: [{ introduced: '3.0.0' }, { limit: '3.2.0' }] },
        { type: 'GIT', events: [{ introduced: '0' }] },
      ],
    }],
  });
  const cases: [string, boolean][] = [['0.9.0', false], ['1.0.0', true], ['1.4.9', true], ['1.5.0', false], ['1.9.0', false], ['2.0.0', true], ['2.1.0', true], ['2.1.1', false], ['3.1.0', true], ['3.2.0', false], ['0.0.1-weird', true]];
  assert.deepEqual(cases.map(([v]) => [v, affectsVersion(affected!, v)]), cases);
});

test('a folder that does not exist makes lookups unknown; offline with no folder says it was skipped', async () => {
  const missing = await intelSourceFor({ offline: true, osv: { offlineFolder: path.join(tmp, 'nope') } }).lookup([{ name: 'a', version: '1.0.0' }]);
  assert.equal(missing.results['a@1.0.0']!.status, 'unknown');
  assert.match((missing.results['a@1.0.0'] as { reason: string }).reason, /^known-malware lookup unavailable: the local OSV folder .*nope could not be read \(ENOENT/);
  const skipped = await intelSourceFor({ offline: true }).lookup([{ name: 'a', version: '1.0.0' }]);
  assert.deepEqual(skipped.results['a@1.0.0'], { status: 'unknown', reason: 'known-malware lookup unavailable: offline: no local OSV folder configured' });
  const local = await intelSourceFor({ offline: false, osv: { offlineFolder: flatLayout() } }).lookup([{ name: 'evil-colors', version: '1.2.0' }]);
  assert.equal(local.results['evil-colors@1.2.0']!.status, 'hit');
});
