import os from 'node:os';
import * as vscode from 'vscode';
import { buildDraft } from '../engine/report/draft';
import type { ExistingRecord } from '../engine/report/existingRecord';
import { recordJson } from '../engine/report/index';
import { updateExistingRecord } from '../engine/report/updateRecord';
import type { ScanResult } from '../engine/scan/result';
import { KeyedDebouncer } from './model/debounce';
import { draftFileName, draftTarget, recordDiagnostics, updateDraftFileName } from './model/recordDiagnostics';

export const DIAGNOSTIC_SOURCE = 'Takedown OSV';

/** Where drafts live: `<globalStorage>/reports/`, so a draft is a real file the user can reopen. */
export function reportsFolder(globalStorage: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(globalStorage, 'reports');
}

/** Whether a document is one of Takedown's drafts (a JSON file directly under the reports folder). */
export function isDraftDocument(doc: vscode.TextDocument, globalStorage: vscode.Uri): boolean {
  if (doc.uri.scheme !== 'file' || !doc.uri.path.endsWith('.json')) return false;
  // Windows paths differ in case only (drive letters): compare them case-insensitively there.
  const fold = (p: string) => (process.platform === 'win32' ? p.toLowerCase() : p);
  const folder = fold(reportsFolder(globalStorage).path.replace(/\/+$/, ''));
  const parent = fold(doc.uri.path.slice(0, doc.uri.path.lastIndexOf('/')));
  return parent === folder;
}

/**
 * Report to OSV, first step: the draft record saved as a JSON file under the extension's storage and
 * opened for review and editing (live validation; a CodeLens and a title button submit it). With an
 * existing record to update, the draft is that record with the new draft merged in, in a file named
 * after it (`update~MAL-2025-1234.json`), so the submission replaces that file.
 */
export async function openReportDraft(result: ScanResult, version: string, globalStorage: vscode.Uri, givenCredit?: string, update?: ExistingRecord & { record: NonNullable<ExistingRecord['record']> }): Promise<vscode.Uri | undefined> {
  const suggested = safeUserName();
  const credit = givenCredit?.trim() ? givenCredit : await vscode.window.showInputBox({
    title: `Takedown: report ${result.name}@${version} to OSV`,
    prompt: 'Credit the report to (your name or GitHub login)',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A report needs a credit'),
  });
  if (credit === undefined) return undefined;
  const privateStrings = [os.homedir(), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)].filter(Boolean);
  const draft = buildDraft([result], {
    versions: [version],
    credit: { name: credit.trim() },
    ...(result.integrity ? { integrity: { [version]: { sha512_sri: result.integrity } } } : {}),
    privateStrings,
  });
  const folder = reportsFolder(globalStorage);
  await vscode.workspace.fs.createDirectory(folder);
  const merged = update ? updateExistingRecord(update.record, draft.record) : undefined;
  const file = update ? await freeFile(folder, (n) => updateDraftFileName(update.path, n)) : await freeFile(folder, (n) => numbered(draftFileName(result.name, version), n));
  await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(recordJson(merged ? merged.record : draft.record)));
  const doc = await vscode.workspace.openTextDocument(file);
  await vscode.window.showTextDocument(doc, { preview: false });
  const what = merged
    ? `update of ${update!.id} (${[merged.addedVersions.length ? `adds ${merged.addedVersions.join(', ')}` : `${merged.alreadyCovered.join(', ')} already listed`, `${merged.addedReferences} reference(s)`, `${merged.addedCredits} credit(s)`].join(', ')}) saved to ${file.fsPath}; it replaces ${update!.path}`
    : `OSV draft for ${result.name}@${version} saved to ${file.fsPath}; it belongs at ${draft.path}`;
  void vscode.window.showInformationMessage(`Takedown: ${what}. Review it, then use "Submit pull request" at its top.`);
  return file;
}

function numbered(name: string, n: number): string {
  return n === 1 ? name : `${name.replace(/\.json$/, '')}-${n}.json`;
}

/** An earlier draft is never overwritten: `name-1.0.0-2.json`, `update~MAL-2025-1~2.json` and so on. */
async function freeFile(folder: vscode.Uri, nameFor: (n: number) => string): Promise<vscode.Uri> {
  for (let n = 1; ; n++) {
    const candidate = vscode.Uri.joinPath(folder, nameFor(n));
    try {
      await vscode.workspace.fs.stat(candidate);
    } catch {
      return candidate;
    }
  }
}

/** Live validation of open drafts: the project's validator on every change (debounced), as diagnostics. */
export class DraftValidation implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('takedown-osv');
  private readonly debouncer = new KeyedDebouncer<string>(300);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly globalStorage: vscode.Uri) {
    this.subscriptions.push(
      vscode.workspace.onDidOpenTextDocument((doc) => this.schedule(doc, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document)),
      vscode.workspace.onDidCloseTextDocument((doc) => {
        this.debouncer.cancel(doc.uri.toString());
        this.collection.delete(doc.uri);
      }),
    );
    for (const doc of vscode.workspace.textDocuments) this.schedule(doc, 0);
  }

  private schedule(doc: vscode.TextDocument, delayMs?: number): void {
    if (!isDraftDocument(doc, this.globalStorage)) return;
    this.debouncer.schedule(doc.uri.toString(), () => this.validate(doc), delayMs);
  }

  /** Validates now and returns the errors (the submit command uses it too). */
  validate(doc: vscode.TextDocument): vscode.Diagnostic[] {
    const text = doc.getText();
    let target: ReturnType<typeof draftTarget>;
    try {
      target = draftTarget(JSON.parse(text), doc.uri.path);
    } catch {
      target = undefined;
    }
    const list = recordDiagnostics(text, target ? { filePath: target.path, kind: target.kind } : {}).map((p) => {
      const range = new vscode.Range(doc.positionAt(p.offset), doc.positionAt(p.offset + p.length));
      const d = new vscode.Diagnostic(range, p.path ? `${p.message} (${p.path})` : p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
      d.source = DIAGNOSTIC_SOURCE;
      d.code = p.code;
      return d;
    });
    if (!doc.isClosed) this.collection.set(doc.uri, list);
    return list;
  }

  dispose(): void {
    this.debouncer.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.collection.dispose();
  }
}

export function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
