import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDraft } from '../../../src/engine/report/draft';
import { jsonPath, validateRecord, type Diagnostic } from '../../../src/engine/report/validate';
import { readExample, schemaErrors } from './osvSchema';
import { scanOf, stealerFindings } from './sampleScans';

function draft(): Record<string, unknown> {
  const { record } = buildDraft([scanOf('@acme-tools/color-utils', '2.4.1', stealerFindings())], { versions: ['2.4.1'], credit: { name: 'octo-researcher' }, now: new Date('2026-11-20T10:00:00Z') });
  return structuredClone(record) as unknown as Record<string, unknown>;
}

function affected0(record: Record<string, unknown>): Record<string, unknown> {
  return (record.affected as Record<string, unknown>[])[0]!;
}

function codes(diagnostics: Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.path}`);
}

test('validate: a fresh draft passes with no errors and no warnings', () => {
  const result = validateRecord(draft(), { filePath: 'osv/malicious/npm/@acme-tools/color-utils/MAL-0000-acme-tools-color-utils-2-4-1.json' });
  assert.deepEqual(result, { ok: true, errors: [], warnings: [] });
});

test('validate: every repository rule for a new report, with JSON paths', () => {
  const r = draft();
  r.id = 'MAL-2026-1';
  r.summary = 'Malicious code in x';
  r.modified = '2026-11-20T10:00:00+00:00';
  r.published = '2026-11-20';
  r.aliases = 'GHSA-x';
  r.extra = true;
  r.details = `Bad.\n_-= Per source details. Do not edit below this line.=-_\n`;
  r.database_specific = { 'malicious-packages-origins': [], notes: 'x', iocs: { domains: ['45.9.148.108'], hosts: [] } };
  r.credits = [{ name: 'x', type: 'AUTHOR' }];
  r.references = [{ type: 'LINK', url: 'ftp://x' }];
  const a = affected0(r);
  a.package = { ecosystem: 'NPM', name: 'Bad Name' };
  a.versions = ['1.0.0', 'latest', '1.0.0'];
  a.ranges = [
    { type: 'SEMVER', events: [{ introduced: '0.0.0' }, { fixed: '1.0.1' }, { last_affected: '1.0.2' }] },
    { type: 'GIT', events: [{ fixed: '1.0.0', limit: '2.0.0' }] },
  ];
  a.ecosystem_specific = { x: 1 };
  a.database_specific = { cwes: [{ cweId: '506' }], source: 'x', iocs: { ips: ['not-ip'], urls: ['::'] }, indicators: { package_integrity: [{ filename: 'x.tgz', hashes: { sha1: 'XYZ' } }] } };
  const result = validateRecord(r);
  assert.equal(result.ok, false);
  assert.deepEqual(codes(result.errors), [
    'unknown-key $.extra',
    'id-set $.id',
    'summary-set $.summary',
    'bad-timestamp $.modified',
    'bad-timestamp $.published',
    'per-source-marker $.details',
    'ecosystem $.affected[0].package.ecosystem',
    'package-name $.affected[0].package.name',
    'bad-version $.affected[0].versions[1]',
    'introduced-zero $.affected[0].ranges[0].events[0].introduced',
    'fixed-and-last-affected $.affected[0].ranges[0].events',
    'range-type $.affected[0].ranges[1].type',
    'event-shape $.affected[0].ranges[1].events[0]',
    'no-introduced $.affected[0].ranges[1].events',
    'ecosystem-specific $.affected[0].ecosystem_specific',
    'db-key $.affected[0].database_specific.source',
    'bad-cwe $.affected[0].database_specific.cwes[0]',
    'bad-ip $.affected[0].database_specific.iocs.ips[0]',
    'bad-url $.affected[0].database_specific.iocs.urls[0]',
    'bad-hash $.affected[0].database_specific.indicators.package_integrity[0].hashes.sha1',
    'origins-new $.database_specific["malicious-packages-origins"]',
    'db-key $.database_specific.notes',
    'domain-is-ip $.database_specific.iocs.domains[0]',
    'ioc-key $.database_specific.iocs.hosts',
    'credit-type $.credits[0].type',
    'reference-type $.references[0].type',
    'bad-url $.references[0].url',
    'bad-type $.aliases',
  ]);
  assert.deepEqual(codes(result.warnings), ['details-short $.details', 'duplicate-version $.affected[0].versions[2]', 'cwe-missing $.affected[0].database_specific.cwes']);
  const offset = result.errors.find((e) => e.path === '$.modified')!;
  assert.equal(offset.message, '"modified" must be an RFC 3339 time in UTC ending in Z, like 2026-01-31T12:00:00Z (an offset such as +00:00 is rejected).');
  assert.deepEqual(offset.segments, ['modified']);
  assert.deepEqual(result.errors.find((e) => e.code === 'introduced-zero')!.segments, ['affected', 0, 'ranges', 0, 'events', 0, 'introduced']);
});

test('validate: exactly one affected entry, a source, and versions are required', () => {
  const two = draft();
  (two.affected as unknown[]).push(structuredClone(affected0(two)));
  assert.deepEqual(codes(validateRecord(two).errors), ['affected-count $.affected']);
  assert.equal(validateRecord(two).errors[0]!.message, '"affected" must hold exactly one entry (it has 2).');

  const none = draft();
  delete none.credits;
  none.references = [];
  delete affected0(none).versions;
  delete none.modified;
  assert.deepEqual(codes(validateRecord(none).errors), ['missing $.modified', 'no-versions $.affected[0]', 'no-source $.credits']);
  assert.deepEqual(codes(validateRecord(draft(), { kind: 'new' }).warnings), []);
  const noPublished = draft();
  delete noPublished.published;
  assert.deepEqual(codes(validateRecord(noPublished).warnings), ['published-missing $.published']);
  assert.deepEqual(codes(validateRecord([]).errors), ['not-object $']);
});

test('validate: the file path must match the package (lower-cased directory, scoped as two levels, MAL-0000 name)', () => {
  const r = draft();
  const check = (filePath: string) => codes(validateRecord(r, { filePath }).errors);
  assert.deepEqual(check('osv/malicious/npm/@acme-tools/color-utils/MAL-0000-anything-1.json'), []);
  assert.deepEqual(check('osv/malicious/npm/@acme-tools/Color-Utils/MAL-0000-x.json'), ['file-directory $'], 'the directory is always lower-case');
  (affected0(r).package as Record<string, unknown>).name = '@Acme-Tools/Color-Utils';
  assert.deepEqual(check('osv/malicious/npm/@Acme-Tools/Color-Utils/MAL-0000-x.json'), ['file-directory $']);
  assert.deepEqual(check('osv/malicious/npm/@acme-tools%2Fcolor-utils/MAL-0000-x.json'), ['file-directory $']);
  assert.deepEqual(check('osv/malicious/npm/@acme-tools/color-utils/MAL-2026-1.json'), ['file-name $']);
  assert.deepEqual(check('osv/malicious/npm/@acme-tools/color-utils/MAL-0000-a.b.json'), ['file-name $']);
  assert.deepEqual(check('malicious/npm/@acme-tools/color-utils/MAL-0000-x.json'), ['file-root $', 'file-directory $']);
  assert.equal(validateRecord(r, { filePath: 'osv/malicious/npm/x/MAL-0000-x.json' }).errors[0]!.message, 'The directory must be osv/malicious/npm/@acme-tools/color-utils (the package name, lower-cased), not osv/malicious/npm/x.');
});

test('validate: the three real records from ossf/malicious-packages', () => {
  const pino = readExample('new-report-MAL-0000-node-pino.json');
  assert.deepEqual(schemaErrors(pino), []);
  assert.deepEqual(validateRecord(pino, { filePath: 'osv/malicious/npm/node-pino/MAL-0000-node-pino.json' }), { ok: true, errors: [], warnings: [] });

  const tinycolor = readExample('scoped-imported-MAL-2025-47141.json');
  assert.deepEqual(schemaErrors(tinycolor), []);
  assert.deepEqual(validateRecord(tinycolor, { kind: 'existing', filePath: 'osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json' }), { ok: true, errors: [], warnings: [] });
  // As a new report it breaks the contributor rules: id, summary, the pipeline's marker and origins.
  assert.deepEqual(codes(validateRecord(tinycolor).errors), ['id-set $.id', 'summary-set $.summary', 'per-source-marker $.details', 'empty $.details', 'origins-new $.database_specific["malicious-packages-origins"]']);

  // Decision: a withdrawn record is structurally valid (no errors) but always carries a warning,
  // and its place is osv/withdrawn/: a report is never based on it.
  const plex = readExample('withdrawn-MAL-2026-4377.json');
  assert.deepEqual(schemaErrors(plex), []);
  const withdrawn = validateRecord(plex, { kind: 'existing', filePath: 'osv/withdrawn/npm/@ctrl/plex/MAL-2026-4377.json' });
  assert.equal(withdrawn.ok, true);
  assert.deepEqual(codes(withdrawn.warnings), ['withdrawn $.withdrawn']);
  assert.deepEqual(codes(validateRecord(plex, { kind: 'existing', filePath: 'osv/malicious/npm/@ctrl/plex/MAL-2026-4377.json' }).errors), ['file-root $', 'file-directory $']);
  assert.deepEqual(codes(validateRecord(plex, { kind: 'existing', filePath: 'osv/withdrawn/npm/@ctrl/plex/MAL-2026-4378.json' }).errors), ['id-file $.id']);
});

test('jsonPath: dotted names, brackets for indexes and odd keys', () => {
  assert.equal(jsonPath(['affected', 0, 'database_specific', 'iocs']), '$.affected[0].database_specific.iocs');
  assert.equal(jsonPath(['database_specific', 'malicious-packages-origins']), '$.database_specific["malicious-packages-origins"]');
  assert.equal(jsonPath([]), '$');
});
