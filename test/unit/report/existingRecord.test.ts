import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { test } from 'node:test';
import { buildDraft } from '../../../src/engine/report/draft';
import { findExistingRecords } from '../../../src/engine/report/existingRecord';
import { coveredVersions, updateExistingRecord } from '../../../src/engine/report/updateRecord';
import { validateRecord } from '../../../src/engine/report/validate';
import { startFakeGitHub } from '../../support/fakeGitHub';
import { sendJson, startFakeServer } from '../../support/fakeServer';
import { readExample, schemaErrors } from './osvSchema';
import { scanOf, stealerFindings } from './sampleScans';

const TINY_PATH = 'osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json';
const tinycolor = readExample('scoped-imported-MAL-2025-47141.json');

async function bodyOf(req: IncomingMessage): Promise<Record<string, unknown>> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
}

/** A fake OSV.dev: the query bodies it received, answering from `pages` (one per page token). */
async function fakeOsv(pages: unknown[][], status = 200) {
  const bodies: Record<string, unknown>[] = [];
  const server = await startFakeServer(async (req, res) => {
    const body = await bodyOf(req);
    bodies.push(body);
    if (status !== 200) return sendJson(res, status, { message: 'unavailable' });
    const index = typeof body.page_token === 'string' ? Number(body.page_token.replace('page-', '')) : 0;
    sendJson(res, 200, { vulns: pages[index] ?? [], ...(index + 1 < pages.length ? { next_page_token: `page-${index + 1}` } : {}) });
  });
  return { url: server.url.replace(/\/$/, ''), bodies, requests: server.requests };
}

test('existing record: found in the repository and on OSV.dev (paginated), with the versions it covers', async () => {
  const osv = await fakeOsv([[{ id: 'GHSA-qjqf-7j6f-82c4', summary: 'Malware in @ctrl/tinycolor' }], [tinycolor, { id: 'MAL-2024-1', withdrawn: '2024-02-01T00:00:00Z' }]]);
  const github = await startFakeGitHub({ files: { [TINY_PATH]: JSON.stringify(tinycolor), 'osv/malicious/npm/@ctrl/tinycolor/README.md': 'x' } });
  const check = await findExistingRecords('@ctrl/tinycolor', { osvApi: osv.url, githubApi: github.url });

  assert.equal(check.status, 'found');
  if (check.status !== 'found') return;
  assert.deepEqual(check.notes, []);
  assert.equal(check.records.length, 1);
  const [record] = check.records;
  assert.equal(record!.id, 'MAL-2025-47141');
  assert.equal(record!.path, TINY_PATH);
  assert.deepEqual(record!.seenIn, ['repository', 'osv']);
  assert.deepEqual(record!.covers, { versions: [], ranges: ['all versions', 'introduced 4.1.1, last_affected 4.1.2'] });
  assert.deepEqual(record!.aliases, ['GHSA-qjqf-7j6f-82c4']);
  assert.match(record!.sha!, /^[0-9a-f]{40}$/);
  assert.deepEqual(record!.record, tinycolor);

  assert.deepEqual(osv.bodies, [{ package: { name: '@ctrl/tinycolor', ecosystem: 'npm' } }, { package: { name: '@ctrl/tinycolor', ecosystem: 'npm' }, page_token: 'page-1' }]);
  assert.deepEqual(osv.requests.map((r) => `${r.method} ${r.url}`), ['POST /v1/query', 'POST /v1/query']);
  assert.deepEqual(github.sequence(), ['GET /repos/ossf/malicious-packages/contents/osv/malicious/npm/@ctrl/tinycolor', `GET /repos/ossf/malicious-packages/contents/${TINY_PATH}`]);
  assert.deepEqual(github.calls.map((c) => c.query.ref), ['main', 'main']);
  assert.equal(github.calls[0]!.authorization, undefined, 'anonymous without a token');
});

test('existing record: "none" only when both sources answered; a failed lookup is "unknown", never "none"', async () => {
  const empty = await fakeOsv([[]]);
  const github = await startFakeGitHub();
  assert.deepEqual(await findExistingRecords('fresh-malware-pkg', { osvApi: empty.url, githubApi: github.url }), {
    status: 'none',
    checked: [`OSV.dev (${empty.url})`, 'ossf/malicious-packages osv/malicious/npm/fresh-malware-pkg/'],
  });

  assert.deepEqual(await findExistingRecords('../../etc', { osvApi: empty.url, githubApi: github.url }), { status: 'unknown', reasons: ['"../../etc" is not a valid npm package name'] });

  const down = await fakeOsv([[]], 503);
  assert.deepEqual(await findExistingRecords('fresh-malware-pkg', { osvApi: down.url, githubApi: github.url }), { status: 'unknown', reasons: ['OSV.dev answered HTTP 503'] });

  // OSV.dev knows the record but the repository cannot be read: still "found", with the reason noted.
  const known = await fakeOsv([[{ ...tinycolor, id: 'MAL-2025-9', affected: [{ package: { ecosystem: 'npm', name: 'Some-Pkg' }, versions: ['1.0.0'] }] }]]);
  const closed = await startFakeGitHub();
  await closed.close();
  const partial = await findExistingRecords('Some-Pkg', { osvApi: known.url, githubApi: closed.url, token: 'ghp_NeverShownAnywhere000000000000000' });
  assert.equal(partial.status, 'found');
  if (partial.status !== 'found') return;
  assert.deepEqual(partial.records.map((r) => [r.id, r.path, r.seenIn, r.covers.versions]), [['MAL-2025-9', 'osv/malicious/npm/some-pkg/MAL-2025-9.json', ['osv'], ['1.0.0']]]);
  assert.equal(partial.notes.length, 1);
  assert.match(partial.notes[0]!, /^repository lookup failed: /);
  assert.doesNotMatch(JSON.stringify(partial), /ghp_Never/);
});

test('update: an existing record gains the new versions, references, credits and IOCs; pipeline fields stay', () => {
  const pino = readExample('new-report-MAL-0000-node-pino.json');
  const existing: Record<string, unknown> = { ...pino, id: 'MAL-2026-3001', summary: 'Malicious code in node-pino (npm)' };
  const scans = ['2.3.2', '2.3.3'].map((v) => scanOf('node-pino', v, stealerFindings()));
  const { record: draft } = buildDraft(scans, { versions: ['2.3.2', '2.3.3'], credit: { name: 'octo-researcher' }, writeUp: 'https://blog.octo.dev/node-pino', now: new Date('2026-11-20T10:00:00Z') });
  const update = updateExistingRecord(existing, draft);

  assert.deepEqual(update.addedVersions, ['2.3.3']);
  assert.deepEqual(update.alreadyCovered, ['2.3.2']);
  assert.equal(update.addedReferences, 3);
  assert.equal(update.addedCredits, 1);
  assert.equal(update.detailsAdded, false, 'the contributor-written details are kept as they are');
  const r = update.record as typeof pino & { affected: { versions: string[]; database_specific: Record<string, unknown> }[] };
  assert.equal(r.id, 'MAL-2026-3001');
  assert.equal(r.summary, 'Malicious code in node-pino (npm)');
  assert.equal(r.details, pino.details);
  assert.equal(r.modified, '2026-11-20T10:00:00Z');
  assert.equal(r.published, '2026-07-01T00:00:00Z');
  assert.deepEqual(r.affected[0]!.versions, ['2.3.2', '2.3.3']);
  assert.deepEqual(r.affected[0]!.database_specific.iocs, draft.affected[0].database_specific?.iocs);
  assert.deepEqual((r.references as { url: string }[]).map((x) => x.url), [
    'https://www.npmjs.com/package/node-pino',
    'https://github.com/EastVillageTech/pkgproof-advisories/blob/main/advisories/node-pino.md',
    'https://www.npmjs.com/package/node-pino/v/2.3.2',
    'https://www.npmjs.com/package/node-pino/v/2.3.3',
    'https://blog.octo.dev/node-pino',
  ]);
  assert.deepEqual((r.credits as { name: string }[]).map((c) => c.name), ['pkgproof (https://pkgproof.dev)', 'pkgproof (https://pkgproof.dev)', 'octo-researcher']);
  assert.deepEqual(existing.affected, pino.affected, 'the input record is not modified');
  assert.deepEqual(validateRecord(r, { kind: 'existing', filePath: 'osv/malicious/npm/node-pino/MAL-2026-3001.json' }).errors, []);
  assert.deepEqual(schemaErrors(r), []);
});

test('update: an imported record without user text gets the draft above the pipeline marker; a range already covers versions', () => {
  const { record: draft } = buildDraft([scanOf('@ctrl/tinycolor', '4.1.1', stealerFindings())], { versions: ['4.1.1'], credit: { name: 'octo-researcher' }, now: new Date('2026-11-20T10:00:00Z') });
  const update = updateExistingRecord(tinycolor, draft);
  assert.deepEqual(update.addedVersions, []);
  assert.deepEqual(update.alreadyCovered, ['4.1.1']);
  assert.equal(update.detailsAdded, true);
  const details = String(update.record.details);
  assert.ok(details.startsWith(`${draft.details}\n\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware`));
  assert.deepEqual(update.record.database_specific, tinycolor.database_specific);
  assert.deepEqual(coveredVersions(update.record, '@ctrl/tinycolor').ranges, ['all versions', 'introduced 4.1.1, last_affected 4.1.2']);
  assert.deepEqual(validateRecord(update.record, { kind: 'existing', filePath: TINY_PATH }).errors, []);
  assert.deepEqual(schemaErrors(update.record), []);
});
