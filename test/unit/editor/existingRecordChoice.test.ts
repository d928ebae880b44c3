import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ExistingRecord } from '../../../src/engine/report/existingRecord';
import { coverPhrase, existingRecordDecision, existingRecordPrompt, recordToUpdate, uncheckedMessage } from '../../../src/editor/model/existingRecordChoice';

const assigned: ExistingRecord = {
  id: 'MAL-2025-1234',
  path: 'osv/malicious/npm/left-pad-evil/MAL-2025-1234.json',
  sha: 'abc',
  record: { id: 'MAL-2025-1234' },
  covers: { versions: ['1.0.0', '1.0.1'], ranges: [] },
  seenIn: ['repository', 'osv'],
  aliases: [],
};
const osvOnly: ExistingRecord = { id: 'MAL-2024-7', path: 'osv/malicious/npm/left-pad-evil/MAL-2024-7.json', covers: { versions: [], ranges: ['all versions'] }, seenIn: ['osv'], aliases: [] };

test('the prompt names the record and the versions it covers, and offers the update', () => {
  const prompt = existingRecordPrompt('left-pad-evil', '1.0.2', { status: 'found', records: [assigned], notes: [] });
  assert.equal(prompt.message, 'MAL-2025-1234 already covers 1.0.0, 1.0.1');
  assert.equal(prompt.updateLabel, 'Update that record (add 1.0.2, credits, references)');
  assert.equal(prompt.newLabel, 'Draft a new record anyway');
  assert.match(prompt.detail, /Updating osv\/malicious\/npm\/left-pad-evil\/MAL-2025-1234\.json adds 1\.0\.2, your references and credit\./);
});

test('a version the record already lists is kept, and a record seen only on OSV.dev cannot be updated', () => {
  const covered = existingRecordPrompt('left-pad-evil', '1.0.1', { status: 'found', records: [assigned], notes: ['OSV.dev lookup failed: HTTP 500'] });
  assert.equal(covered.updateLabel, 'Update that record (add credits, references)');
  assert.match(covered.detail, /1\.0\.1 is already listed/);
  assert.match(covered.detail, /Note: OSV\.dev lookup failed: HTTP 500/);
  const onlyOsv = existingRecordPrompt('left-pad-evil', '1.0.2', { status: 'found', records: [osvOnly], notes: [] });
  assert.equal(onlyOsv.message, 'MAL-2024-7 already covers all versions');
  assert.equal(onlyOsv.updateLabel, undefined);
  assert.match(onlyOsv.detail, /seen on OSV\.dev only/);
});

test('the update target is a readable repository record, an assigned id before a pending file', () => {
  const pending: ExistingRecord = { ...assigned, id: 'MAL-0000-left-pad-evil-1-0-0', path: 'osv/malicious/npm/left-pad-evil/MAL-0000-left-pad-evil-1-0-0.json' };
  assert.equal(recordToUpdate([osvOnly, pending, assigned])?.id, 'MAL-2025-1234');
  assert.equal(recordToUpdate([osvOnly, pending])?.id, 'MAL-0000-left-pad-evil-1-0-0');
  assert.equal(recordToUpdate([osvOnly]), undefined);
});

test('record text is shown as text, and long version lists are capped', () => {
  const hostile: ExistingRecord = { ...assigned, id: 'MAL-2025-1\nInjected', covers: { versions: Array.from({ length: 25 }, (_, i) => `1.0.${i}`), ranges: [] } };
  assert.match(coverPhrase(hostile), /, 1\.0\.19 and 5 more$/);
  assert.doesNotMatch(existingRecordPrompt('x', '2.0.0', { status: 'found', records: [hostile], notes: [] }).message, /\n/);
});

test('automation decisions and the unchecked message', () => {
  assert.equal(existingRecordDecision('update'), 'update');
  assert.equal(existingRecordDecision('new'), 'new');
  assert.equal(existingRecordDecision('yes'), undefined);
  assert.equal(uncheckedMessage('left-pad-evil', ['OSV.dev lookup failed: fetch failed', 'repository lookup failed: timeout']), 'Takedown: could not check whether left-pad-evil already has a record (OSV.dev lookup failed: fetch failed; repository lookup failed: timeout). Drafting a new record; check OSV.dev and the repository before submitting.');
});
