// Report to OSV, step zero: does the package already have a record? The engine asks OSV.dev (the
// configured endpoint) and the target repository's contents API without any token (no sign-in is
// asked for before the researcher chose to submit). A found record is shown read-only
// (`takedown-record:` documents) and the researcher picks: update it, draft a new one, or stop.
import * as vscode from 'vscode';
import { findExistingRecords, type ExistingRecord, type ExistingRecordCheck } from '../engine/report/existingRecord';
import { recordJson } from '../engine/report/index';
import type { Logger } from '../log';
import { existingRecordPrompt, recordToUpdate, uncheckedMessage, type ExistingRecordDecision } from './model/existingRecordChoice';

export const RECORD_SCHEME = 'takedown-record';
const CHECK_TIMEOUT_MS = 15_000;

/** Read-only documents holding records as the repository stores them (untrusted text, shown as JSON text). */
export class ExistingRecordDocuments implements vscode.TextDocumentContentProvider {
  private readonly texts = new Map<string, string>();

  show(record: ExistingRecord): Thenable<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: RECORD_SCHEME, path: `/${record.path}` });
    this.texts.set(uri.toString(), record.record ? recordJson(record.record) : `// ${record.id}: the record could not be read from the repository.\n`);
    return vscode.workspace.openTextDocument(uri).then((doc) => vscode.window.showTextDocument(doc, { preview: true, preserveFocus: false }));
  }

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.texts.get(uri.toString()) ?? '// This record is no longer in memory: run Report to OSV again to fetch it.\n';
  }
}

export interface ExistingRecordOptions {
  osvApi: string;
  githubApi: string;
  repo: string;
  offline: boolean;
  /** Decided by the caller in advance (automation); otherwise the researcher is asked. */
  decision?: ExistingRecordDecision;
}

/** `undefined`: the researcher cancelled. `update` carries the record whose file the draft replaces. */
export type ExistingRecordOutcome = { kind: 'new' } | { kind: 'update'; record: ExistingRecord & { record: NonNullable<ExistingRecord['record']> } } | undefined;

export async function askAboutExistingRecords(name: string, version: string, options: ExistingRecordOptions, documents: ExistingRecordDocuments, log: Logger): Promise<ExistingRecordOutcome> {
  let check: ExistingRecordCheck;
  if (options.offline) check = { status: 'unknown', reasons: ['offline mode (takedown.scan.offline) is on'] };
  else {
    check = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Takedown: does ${name} already have an OSV record?` }, () =>
      findExistingRecords(name, { osvApi: options.osvApi, githubApi: options.githubApi, repo: options.repo, timeoutMs: CHECK_TIMEOUT_MS }),
    );
  }
  if (check.status === 'none') {
    log.info(`report: no existing record for ${name} (checked ${check.checked.join(', ')})`);
    return { kind: 'new' };
  }
  if (check.status === 'unknown') {
    const message = uncheckedMessage(name, check.reasons);
    log.warn(message.replace(/^Takedown: /, 'report: '));
    void vscode.window.showWarningMessage(message);
    return { kind: 'new' };
  }
  log.info(`report: ${name} already has ${check.records.map((r) => `${r.id} (${r.path})`).join(', ')}`);
  const target = recordToUpdate(check.records);
  await documents.show(target ?? check.records[0]!);
  const prompt = existingRecordPrompt(name, version, check);
  let decision = options.decision;
  if (!decision) {
    const buttons = [...(prompt.updateLabel ? [prompt.updateLabel] : []), prompt.newLabel];
    const picked = await vscode.window.showWarningMessage(prompt.message, { modal: true, detail: prompt.detail }, ...buttons);
    decision = picked === undefined ? undefined : picked === prompt.newLabel ? 'new' : 'update';
  }
  if (!decision) return undefined;
  if (decision === 'update') {
    if (!target?.record) {
      void vscode.window.showWarningMessage(`Takedown: ${check.records[0]!.id} cannot be read from ${options.repo}, so it cannot be updated from here; drafting a new record.`);
      return { kind: 'new' };
    }
    return { kind: 'update', record: target as ExistingRecord & { record: NonNullable<ExistingRecord['record']> } };
  }
  return { kind: 'new' };
}
