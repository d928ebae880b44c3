import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDraft } from '../../../src/engine/report/draft';
import { recordJson } from '../../../src/engine/report/index';
import { draftFileName, draftTarget, recordDiagnostics, updatedRecordOf, updateDraftFileName } from '../../../src/editor/model/recordDiagnostics';
import { scanOf, stealerFindings } from '../report/sampleScans';

const NOW = new Date('2026-03-01T12:00:00Z');

function draft() {
  return buildDraft([scanOf('colour-utils', '2.4.1', stealerFindings())], { versions: ['2.4.1'], credit: { name: 'octo-researcher' }, now: NOW });
}

test('a fresh draft has no problems and knows where it belongs', () => {
  const { record, path } = draft();
  const text = recordJson(record);
  assert.deepEqual(recordDiagnostics(text, { filePath: path }), []);
  const target = draftTarget(JSON.parse(text));
  assert.equal(target?.path, path);
  assert.equal(target?.packageName, 'colour-utils');
  assert.deepEqual(target?.versions, ['2.4.1']);
});

test('a missing field is reported on its parent object', () => {
  const { record, path } = draft();
  const { modified: _m, ...rest } = record;
  const text = recordJson(rest);
  const problems = recordDiagnostics(text, { filePath: path });
  const missing = problems.find((p) => p.code === 'missing' && p.path === '$.modified');
  assert.ok(missing, JSON.stringify(problems));
  assert.equal(missing.offset, 0);
  assert.equal(missing.length, text.trimEnd().length);
});

test('a bad timestamp is reported at its value', () => {
  const { record, path } = draft();
  const text = recordJson({ ...record, published: '2026-03-01 12:00' });
  const problems = recordDiagnostics(text, { filePath: path });
  const bad = problems.find((p) => p.code === 'bad-timestamp');
  assert.ok(bad, JSON.stringify(problems));
  assert.equal(text.slice(bad.offset, bad.offset + bad.length), '"2026-03-01 12:00"');
  assert.equal(bad.severity, 'error');
});

test('an unparsable document gives one diagnostic at the error offset', () => {
  const text = '{\n  "details": "x",\n  "modified" "2026"\n}\n';
  const problems = recordDiagnostics(text);
  assert.equal(problems.length, 1);
  assert.equal(problems[0]!.code, 'json-syntax');
  assert.equal(problems[0]!.offset, text.indexOf('"2026"'));
  assert.deepEqual(recordDiagnostics('').map((p) => p.code), ['json-syntax']);
});

test('draft file names are safe', () => {
  assert.equal(draftFileName('@evil/pkg', '1.0.0'), 'evil-pkg-1.0.0.json');
  assert.equal(draftFileName('../..', ''), 'report.json');
  assert.equal(draftTarget({ affected: [] }), undefined);
  assert.equal(draftTarget({ affected: [{ package: { name: '../x' }, versions: ['1'] }] }), undefined);
});

test('an update draft is named after the record it replaces, and its target says so', () => {
  const { record } = draft();
  assert.equal(updateDraftFileName('osv/malicious/npm/colour-utils/MAL-2025-1234.json'), 'update~MAL-2025-1234.json');
  assert.equal(updateDraftFileName('osv/malicious/npm/colour-utils/MAL-2025-1234.json', 3), 'update~MAL-2025-1234~3.json');
  assert.throws(() => updateDraftFileName('osv/malicious/npm/x/../../evil.json'), /Not a record file name/);
  const assigned = draftTarget({ ...record, id: 'MAL-2025-1234' }, '/storage/reports/update~MAL-2025-1234~2.json');
  assert.deepEqual({ ...assigned, details: undefined }, { packageName: 'colour-utils', versions: ['2.4.1'], details: undefined, path: 'osv/malicious/npm/colour-utils/MAL-2025-1234.json', mode: 'update', existingId: 'MAL-2025-1234', kind: 'existing' });
  // a pending MAL-0000 file is updated in place and still validated as a new report
  const pending = draftTarget(record, '/storage/reports/update~MAL-0000-colour-utils-2-4-0.json');
  assert.equal(pending?.path, 'osv/malicious/npm/colour-utils/MAL-0000-colour-utils-2-4-0.json');
  assert.equal(pending?.kind, 'new');
  assert.equal(pending?.mode, 'update');
  // any other file name is a new report
  assert.equal(draftTarget(record, '/storage/reports/colour-utils-2.4.1-2.json')?.mode, 'new');
  assert.equal(updatedRecordOf('update~MAL-2025-1234~x.json'), undefined);
});
