import os from 'node:os';
import * as vscode from 'vscode';
import { buildDraft } from '../engine/report/draft';
import { validateRecord } from '../engine/report/validate';
import type { ScanResult } from '../engine/scan/result';

/**
 * Report to OSV, first step: the draft record as an untitled JSON document the user reviews and
 * edits. Opening the pull request is the Report flow's (a later issue); the draft is useful alone
 * (it can be pasted into a pull request by hand).
 */
export async function openReportDraft(result: ScanResult, version: string): Promise<void> {
  const suggested = safeUserName();
  const credit = await vscode.window.showInputBox({
    title: `Takedown: report ${result.name}@${version} to OSV`,
    prompt: 'Credit the report to (your name or GitHub login)',
    value: suggested,
    ignoreFocusOut: true,
    validateInput: (v) => (v.trim() ? undefined : 'A report needs a credit'),
  });
  if (credit === undefined) return;
  const privateStrings = [os.homedir(), ...(vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath)].filter(Boolean);
  const draft = buildDraft([result], {
    versions: [version],
    credit: { name: credit.trim() },
    ...(result.integrity ? { integrity: { [version]: { sha512_sri: result.integrity } } } : {}),
    privateStrings,
  });
  const validation = validateRecord(draft.record, { filePath: draft.path });
  const doc = await vscode.workspace.openTextDocument({ language: 'json', content: `${JSON.stringify(draft.record, null, 2)}\n` });
  await vscode.window.showTextDocument(doc, { preview: false });
  const problems = validation.errors.length ? ` ${validation.errors.length} problem(s) to fix first: ${validation.errors[0]!.path} ${validation.errors[0]!.message}` : '';
  void vscode.window.showInformationMessage(`Takedown: OSV draft for ${result.name}@${version}; it belongs at ${draft.path} in ossf/malicious-packages.${problems}`);
}

export function safeUserName(): string {
  try {
    return os.userInfo().username;
  } catch {
    return process.env.USER ?? process.env.USERNAME ?? 'unknown';
  }
}
