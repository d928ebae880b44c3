// Before drafting, the editor tells the researcher what the existing-record check found and lets
// them choose: update the record that is there (the repository refuses a second MAL-0000 file for a
// package that has one), draft a new record anyway, or stop. Pure: the texts and the choice.
import type { ExistingRecord, ExistingRecordCheck } from '../../engine/report/existingRecord';
import { plainText } from './safeText';

export const UPDATE_CHOICE = 'Update that record';
export const NEW_CHOICE = 'Draft a new record anyway';

/** What a caller (automation, tests) may decide in advance instead of the prompt. */
export type ExistingRecordDecision = 'update' | 'new';

export function existingRecordDecision(value: unknown): ExistingRecordDecision | undefined {
  return value === 'update' || value === 'new' ? value : undefined;
}

/** `1.0.0, 1.0.1` / `all versions` / `no listed versions`: record text is shown as text, capped. */
export function coverPhrase(record: ExistingRecord): string {
  const parts = [...record.covers.versions.slice(0, 20), ...record.covers.ranges.slice(0, 5)].map((p) => plainText(p, 60));
  const more = record.covers.versions.length > 20 ? ` and ${record.covers.versions.length - 20} more` : '';
  return parts.length ? `${parts.join(', ')}${more}` : 'no listed versions';
}

/** The record to offer for an update: one that lives in the repository (its file can be replaced), assigned ids first. */
export function recordToUpdate(records: readonly ExistingRecord[]): ExistingRecord | undefined {
  const inRepository = records.filter((r) => r.seenIn.includes('repository') && r.record);
  return inRepository.find((r) => /^MAL-\d{4}-\d+$/.test(r.id)) ?? inRepository[0];
}

export interface ExistingRecordPrompt {
  /** Modal title: `MAL-2025-1234 already covers 1.0.0, 1.0.1`. */
  message: string;
  detail: string;
  /** The update button's label (with what it adds), absent when no record can be updated from here. */
  updateLabel?: string;
  newLabel: string;
}

export function existingRecordPrompt(name: string, version: string, check: Extract<ExistingRecordCheck, { status: 'found' }>): ExistingRecordPrompt {
  const safeName = plainText(name, 214);
  const target = recordToUpdate(check.records);
  const first = target ?? check.records[0]!;
  const others = check.records.filter((r) => r !== first).map((r) => `${plainText(r.id, 60)} (${coverPhrase(r)})`);
  const covered = first.covers.versions.includes(version);
  const detail = [
    `${safeName} already has ${check.records.length === 1 ? 'a record' : `${check.records.length} records`} in OSV / ossf/malicious-packages; the repository refuses a second new file for it.`,
    ...(others.length ? [`Also: ${others.join('; ')}.`] : []),
    target ? `Updating ${plainText(target.path, 300)} ${covered ? `keeps its versions (${version} is already listed) and adds` : `adds ${version},`} your references and credit.` : 'The record is not readable from the repository (seen on OSV.dev only), so it cannot be updated from here.',
    ...check.notes.map((n) => `Note: ${plainText(n, 300)}`),
  ].join('\n');
  return {
    message: `${plainText(first.id, 60)} already covers ${coverPhrase(first)}`,
    detail,
    ...(target ? { updateLabel: `${UPDATE_CHOICE} (${covered ? 'add' : `add ${plainText(version, 60)},`} credits, references)` } : {}),
    newLabel: NEW_CHOICE,
  };
}

/** What to say when the check could not answer: the draft goes on as a new record, but never as "no record". */
export function uncheckedMessage(name: string, reasons: readonly string[]): string {
  return `Takedown: could not check whether ${plainText(name, 214)} already has a record (${reasons.map((r) => plainText(r, 200)).join('; ')}). Drafting a new record; check OSV.dev and the repository before submitting.`;
}
