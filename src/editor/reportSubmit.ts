// Report to OSV, second step: the draft's pull request with the user's GitHub session, or the
// browser fallback without one. Thin: the decisions are in model/submitFlow.ts, the flow in the engine.
import * as vscode from 'vscode';
import { editFileLink, newFileLink, npmMalwareFormUrl } from '../engine/report/fallback';
import { CONTRIBUTOR_CHECKLIST, openReportPullRequest, pullRequestBody, pullRequestTitle, type PullRequestResult } from '../engine/report/pullRequest';
import { DEFAULT_TARGET_REPO } from '../engine/report/types';
import type { Logger } from '../log';
import { draftTarget, updatedRecordOf, type DraftTarget } from './model/recordDiagnostics';
import { BASE_SCOPES, checklistComplete, nextStep, noSessionMessage, submitRequest, submitSummary, targetRepository, WORKFLOW_SCOPES } from './model/submitFlow';
import { isDraftDocument, type DraftValidation } from './reportDraft';

export const SUBMIT_COMMAND = 'takedown.submitReport';
/** True while the active editor shows a report draft: the editor title's submit button. */
export const DRAFT_CONTEXT_KEY = 'takedown.isReportDraft';
const OPEN_NEW_FILE = 'Open GitHub new-file page';
const OPEN_EDIT_FILE = 'Open the record on GitHub';
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
    const updating = updatedRecordOf(doc.uri.path);
    const title = `Submit pull request to ${reportRepository()}${updating ? ` (update of ${updating})` : ''}`;
    return [new vscode.CodeLens(new vscode.Range(0, 0, 0, 0), { title, command: SUBMIT_COMMAND, arguments: [doc.uri] })];
  }
}

/** Keeps `takedown.isReportDraft` in step with the active editor. */
export function trackDraftEditors(globalStorage: vscode.Uri): vscode.Disposable {
  const update = (editor: vscode.TextEditor | undefined) => void vscode.commands.executeCommand('setContext', DRAFT_CONTEXT_KEY, !!editor && isDraftDocument(editor.document, globalStorage));
  update(vscode.window.activeTextEditor);
  return vscode.window.onDidChangeActiveTextEditor(update);
}

/** What `takedown.submitReport` returns (automation and tests read it; people see the notifications). */
export type SubmitOutcome =
  | { status: 'opened'; url: string; number: number; path: string; mode: 'new' | 'update' }
  | { status: 'fallback'; message: string }
  | { status: 'cancelled'; reason: string }
  | { status: 'invalid'; message: string };

export interface SubmitContext {
  globalStorage: vscode.Uri;
  validation: DraftValidation;
  log: Logger;
  /** The GitHub REST root (api.github.com outside extension tests). */
  githubApi: string;
}

export async function submitReport(arg: unknown, ctx: SubmitContext): Promise<SubmitOutcome> {
  const request = submitRequest(arg, (v): v is vscode.Uri => v instanceof vscode.Uri, CONTRIBUTOR_CHECKLIST.length);
  const uri = request.uri ?? vscode.window.activeTextEditor?.document.uri;
  const doc = uri ? await vscode.workspace.openTextDocument(uri) : undefined;
  if (!doc || !isDraftDocument(doc, ctx.globalStorage)) {
    const message = 'Takedown: open a report draft first (Takedown: Report to OSV…).';
    void vscode.window.showWarningMessage(message);
    return { status: 'invalid', message };
  }
  if (doc.isDirty) await doc.save();
  // Never skipped, also not for automation: a draft with errors is not submitted.
  const errors = ctx.validation.validate(doc).filter((d) => d.severity === vscode.DiagnosticSeverity.Error);
  if (errors.length) {
    const message = `Takedown: the draft has ${errors.length} problem(s) to fix before submitting: ${errors.slice(0, 3).map((d) => d.message).join(' ')}`;
    void vscode.window.showErrorMessage(message);
    return { status: 'invalid', message };
  }
  const content = doc.getText();
  const target = draftTarget(JSON.parse(content), doc.uri.path);
  if (!target) {
    const message = 'Takedown: the draft does not name a valid npm package in affected[0].package.name.';
    void vscode.window.showErrorMessage(message);
    return { status: 'invalid', message };
  }
  const repo = reportRepository();
  const title = pullRequestTitle(target.packageName);
  const bodyInput = { packageName: target.packageName, versions: target.versions, details: target.details, mode: target.mode, ...(target.existingId ? { existingId: target.existingId } : {}), file: { path: target.path, content } };
  if (!request.confirmed) {
    const body = pullRequestBody(bodyInput);
    const confirm = await vscode.window.showInformationMessage(`Open a pull request on ${repo}?`, { modal: true, detail: submitSummary({ repo, path: target.path, title, body }) }, 'Submit');
    if (confirm !== 'Submit') return { status: 'cancelled', reason: 'not confirmed' };
  }
  const checklist = request.checklist ?? (await askChecklist());
  if (!checklistComplete(checklist, CONTRIBUTOR_CHECKLIST.length)) {
    const message = 'Takedown: the pull request needs every item of the contributor checklist ticked; nothing was submitted. The draft is kept.';
    void vscode.window.showWarningMessage(message);
    return { status: 'cancelled', reason: 'checklist not confirmed' };
  }

  let session: vscode.AuthenticationSession | undefined;
  try {
    session = await vscode.authentication.getSession('github', [...BASE_SCOPES], { createIfNone: true });
  } catch (error) {
    ctx.log.info(`report: no GitHub session (${(error as Error).message})`);
    return fallback(noSessionMessage('sign-in declined or unavailable'), content, target, repo, doc.uri);
  }
  const run = (token: string) =>
    vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Takedown: pull request to ${repo}` }, (progress) =>
      openReportPullRequest({ ...bodyInput, token, githubApi: ctx.githubApi, repo, checklist, onProgress: (p) => progress.report({ message: p.message }) }),
    );
  let result: PullRequestResult = await run(session.accessToken);
  let step = nextStep(result, false);
  if (step.kind === 'retry-with-workflow-scope') {
    try {
      session = await vscode.authentication.getSession('github', [...WORKFLOW_SCOPES], { forceNewSession: { detail: step.message } });
    } catch (error) {
      ctx.log.info(`report: workflow scope not granted (${(error as Error).message})`);
      return fallback(noSessionMessage('the "workflow" scope was not granted'), content, target, repo, doc.uri);
    }
    result = await run(session.accessToken);
    step = nextStep(result, true);
  }
  if (step.kind === 'done' && result.status === 'opened') {
    ctx.log.info(`report: ${step.message.replace(/^Takedown: /, '')}`);
    // Not awaited: the command returns while the notification waits for the person.
    void vscode.window.showInformationMessage(step.message, 'Open Pull Request', OPEN_NPM_FORM).then(async (choice) => {
      if (choice === 'Open Pull Request') await openLink(step.url);
      if (choice === OPEN_NPM_FORM) await openLink(npmMalwareFormUrl(target.packageName, firstVersion(target)));
    });
    return { status: 'opened', url: result.url, number: result.number, path: result.path, mode: target.mode };
  }
  ctx.log.warn(`report: ${step.message.replace(/^Takedown: /, '')}`);
  return fallback(step.message, content, target, repo, doc.uri);
}

/** The contributor checklist as a multi-select: every item must be ticked by the person. */
async function askChecklist(): Promise<boolean[] | undefined> {
  const items = CONTRIBUTOR_CHECKLIST.map((label, index) => ({ label, index, picked: false }));
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    ignoreFocusOut: true,
    title: 'Takedown: contributor checklist (tick every item to submit)',
    placeHolder: 'The pull request body shows these boxes ticked: tick only what is true',
  });
  if (!picked) return undefined;
  return CONTRIBUTOR_CHECKLIST.map((_, i) => picked.some((p) => p.index === i));
}

/**
 * Opens a web page. `Uri.parse(url).toString()` re-encodes the query (microsoft/vscode#135949,
 * #124704), which would mangle the prefilled JSON; the extension host's openExternal also takes the
 * URL text and then opens it unchanged (test/e2e/vsix.test.ts checks the URL Chromium is asked to open).
 */
function openLink(url: string): Thenable<boolean> {
  return vscode.env.openExternal(url as unknown as vscode.Uri);
}

function firstVersion(target: DraftTarget): string | undefined {
  return target.versions === 'all' ? undefined : target.versions[0];
}

function fallback(message: string, content: string, target: DraftTarget, repo: string, draft: vscode.Uri): SubmitOutcome {
  const fileButton = target.mode === 'update' ? OPEN_EDIT_FILE : OPEN_NEW_FILE;
  // Not awaited: the command returns while the notification waits for the person.
  void vscode.window.showWarningMessage(`${message} Draft: ${draft.fsPath}`, fileButton, OPEN_NPM_FORM).then(async (choice) => {
    if (choice === fileButton) {
      // A browser may refuse the clipboard (no permission): the page still opens, the draft file holds the JSON.
      await Promise.resolve(vscode.env.clipboard.writeText(content)).catch(() => undefined);
      if (target.mode === 'update') {
        await openLink(editFileLink(target.path, { repo }));
        void vscode.window.showInformationMessage('Takedown: the updated record is on the clipboard. Replace the file\u2019s text with it on GitHub, then commit it to propose the change.');
      } else {
        const link = newFileLink(target.path, content, { repo });
        await openLink(link.url);
        void vscode.window.showInformationMessage(`Takedown: the report is on the clipboard. ${link.note}`);
      }
    }
    if (choice === OPEN_NPM_FORM) await openLink(npmMalwareFormUrl(target.packageName, firstVersion(target)));
  });
  return { status: 'fallback', message };
}
