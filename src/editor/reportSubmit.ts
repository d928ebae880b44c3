// Report to OSV, second step: the draft's pull request with the user's GitHub session, or the
// browser fallback without one. Thin: the decisions are in model/submitFlow.ts, the flow in the engine.
import * as vscode from 'vscode';
import { newFileLink, npmMalwareFormUrl } from '../engine/report/fallback';
import { openReportPullRequest, pullRequestBody, pullRequestTitle, type PullRequestResult } from '../engine/report/pullRequest';
import { DEFAULT_TARGET_REPO } from '../engine/report/types';
import type { Logger } from '../log';
import { draftTarget, type DraftTarget } from './model/recordDiagnostics';
import { BASE_SCOPES, nextStep, noSessionMessage, submitSummary, targetRepository, WORKFLOW_SCOPES } from './model/submitFlow';
import { isDraftDocument, type DraftValidation } from './reportDraft';

export const SUBMIT_COMMAND = 'takedown.submitReport';
const OPEN_NEW_FILE = 'Open GitHub new-file page';
const OPEN_NPM_FORM = 'Open npm malware form';

export function reportRepository(): string {
  // Application scope: only the user's own value counts, never a workspace's.
  return targetRepository(vscode.workspace.getConfiguration('takedown').inspect<string>('report.repository')?.globalValue, DEFAULT_TARGET_REPO);
}

/** "Submit pull request to <repo>" at the top of every draft. */
export class SubmitCodeLens implements vscode.CodeLensProvider {
  constructor(private readonly globalStorage: vscode.Uri) {}
  provideCodeLenses(doc: vscode.TextDocument): vscode.CodeLens[] {
    if (!isDraftDocument(doc, this.globalStorage)) return [];
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title: `Submit pull request to ${reportRepository()}`, command: SUBMIT_COMMAND, arguments: [doc.uri] })];
  }
}

export async function submitReport(arg: unknown, globalStorage: vscode.Uri, validation: DraftValidation, log: Logger): Promise<void> {
  const uri = arg instanceof vscode.Uri ? arg : vscode.window.activeTextEditor?.document.uri;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!doc || !isDraftDocument(doc, globalStorage)) {
    void vscode.window.showWarningMessage('Takedown: open a report draft first (Takedown: Report to OSV…).');
    return;
  }
  if (doc.isDirty) await doc.save();
  const errors = validation.validate(doc).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (errors.length) {
    void vscode.window.showErrorMessage(`Takedown: the draft has ${errors.length} problem(s) to fix before submitting: ${errors.slice(0, 3).map((d) => d.message).join(' ')}`);
    return;
  }
  const content = doc.getText();
  const target = draftTarget(JSON.parse(content));
  if (!target) {
    void vscode.window.showErrorMessage('Takedown: the draft does not name a valid npm package in affected[0].package.name.');
    return;
  }
  const repo = reportRepository();
  const title = pullRequestTitle(target.packageName);
  const body = pullRequestBody({ packageName: target.packageName, versions: target.versions, details: target.details, mode: 'new', file: { path: target.path, content } });
  const confirm = await vscode.window.showInformationMessage(`Open a pull request on ${repo}?`, { modal: true, detail: submitSummary({ repo, path: target.path, title, body }) }, 'Submit');
  if (confirm !== 'Submit') return;

  let session: vscode.AuthenticationSession | undefined;
  try {
    session = await vscode.authentication.getSession('github', [...BASE_SCOPES], { createIfNone: true });
  } catch (error) {
    log.info(`report: no GitHub session (${(error as Error).message})`);
    return fallback(noSessionMessage('sign-in declined or unavailable'), content, target, repo, doc.uri);
  }
  const run = (token: string) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Takedown: pull request to ${repo}` }, (progress) =>
      openReportPullRequest({ token, repo, file: { path: target.path, content }, mode: 'new', packageName: target.packageName, versions: target.versions, details: target.details, onProgress: (p) => progress.report({ message: p.message }) }),
    );
  let result: PullRequestResult = await run(session.accessToken);
  let step = nextStep(result, false);
  if (step.kind === 'retry-with-workflow-scope') {
    try {
      session = await vscode.authentication.getSession('github', [...WORKFLOW_SCOPES], { forceNewSession: { detail: step.message } });
    } catch (error) {
      log.info(`report: workflow scope not granted (${(error as Error).message})`);
      return fallback(noSessionMessage('the "workflow" scope was not granted'), content, target, repo, doc.uri);
    }
    result = await run(session.accessToken);
    step = nextStep(result, true);
  }
  if (step.kind === 'done') {
    log.info(`report: ${step.message}`);
    const choice = await vscode.window.showInformationMessage(step.message, 'Open Pull Request', OPEN_NPM_FORM);
    if (choice === 'Open Pull Request') await openLink(step.url);
    if (choice === OPEN_NPM_FORM) await openLink(npmMalwareFormUrl(target.packageName, firstVersion(target)));
    return;
  }
  log.warn(`report: ${step.message}`);
  return fallback(step.message, content, target, repo, doc.uri);
}

/**
 * Opens a web page. `Uri.parse(url).toString()` re-encodes the query (microsoft/vscode#135949,
 * #124704), which would mangle the prefilled JSON; the extension host's openExternal also takes the
 * URL text and then opens it unchanged.
 */
function openLink(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}

function firstVersion(target: DraftTarget): string | undefined {
  return target.versions === 'all' ? undefined : target.versions[0];
}

async function fallback(message: string, content: string, target: DraftTarget, repo: string, draft: vscode.Uri): Promise<void> {
  const choice = await vscode.window.showWarningMessage(`${message} Draft: ${draft.fsPath}`, OPEN_NEW_FILE, OPEN_NPM_FORM);
  if (choice === OPEN_NEW_FILE) {
    const link = newFileLink(target.path, content, { repo });
    await vscode.env.clipboard.writeText(content);
    await openLink(link.url);
    void vscode.window.showInformationMessage(`Takedown: the report is on the clipboard. ${link.note}`);
  }
  if (choice === OPEN_NPM_FORM) await openLink(npmMalwareFormUrl(target.packageName, firstVersion(target)));
}
