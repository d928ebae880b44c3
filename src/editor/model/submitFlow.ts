// What the editor does around the pull-request flow: the modal summary, and the next step after
// each result (done, ask again with the `workflow` scope, or fall back to the browser). Pure.
import type { PullRequestResult } from '../../engine/report/pullRequest';

export const BASE_SCOPES = ['public_repo'] as const;
export const WORKFLOW_SCOPES = ['public_repo', 'workflow'] as const;

export type SubmitStep =
  | { kind: 'done'; url: string; message: string }
  | { kind: 'retry-with-workflow-scope'; message: string }
  | { kind: 'fallback'; message: string };

/** The next step after a run of the flow; `retried` says the workflow scope was already asked for once. */
export function nextStep(result: PullRequestResult, retried: boolean): SubmitStep {
  switch (result.status) {
    case 'opened':
      return { kind: 'done', url: result.url, message: `Takedown: pull request #${result.number} opened on ${result.url.replace(/^https:\/\/github\.com\//, '').replace(/\/pull\/\d+$/, '')} from ${result.fork} (branch ${result.branch}).` };
    case 'needs-workflow-scope':
      return retried
        ? { kind: 'fallback', message: `Takedown: GitHub still refuses to update your fork without the "workflow" scope. Sync or delete your fork on GitHub, or add the file in the browser. The draft is kept.` }
        : { kind: 'retry-with-workflow-scope', message: result.message };
    case 'failed':
      return { kind: 'fallback', message: `Takedown: ${result.message.replace(/\.?$/, '.')} ${result.hint} The draft is kept.` };
  }
}

/** The fallback's explanation when no GitHub session is available. */
export function noSessionMessage(reason: string): string {
  return `Takedown: no GitHub session (${reason}). You can add the file in the browser (the report is copied to the clipboard) and report it to npm as well. The draft is kept.`;
}

/** The modal confirmation's detail text. */
export function submitSummary(input: { repo: string; path: string; title: string; body: string }): string {
  const body = input.body.length > 600 ? `${input.body.slice(0, 600)}…` : input.body;
  return [`Repository: ${input.repo}`, `File: ${input.path}`, `Title: ${input.title}`, '', 'Body:', body].join('\n');
}

/** `owner/name` or undefined; the setting is free text. */
export function targetRepository(value: unknown, fallback: string): string {
  if (typeof value !== 'string') return fallback;
  const v = value.trim();
  return /^[A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+$/.test(v) ? v : fallback;
}

/**
 * `takedown.submitReport`'s arguments: a draft's Uri (CodeLens, title button), or for automation
 * `{ uri, confirm: true, checklist: [true, ...] }`, which answers the confirmation and the checklist
 * in advance. Validation of the draft is never skipped; an unticked item is still unticked in the body.
 */
export interface SubmitRequest<U> {
  uri?: U;
  /** The modal summary is answered "Submit" in advance. */
  confirmed: boolean;
  /** The checklist answered in advance, one boolean per item. */
  checklist?: boolean[];
}

export function submitRequest<U>(arg: unknown, isUri: (v: unknown) => v is U, checklistLength: number): SubmitRequest<U> {
  if (isUri(arg)) return { confirmed: false, uri: arg };
  if (typeof arg !== 'object' || arg === null) return { confirmed: false };
  const a = arg as { uri?: unknown; confirm?: unknown; checklist?: unknown };
  const checklist = Array.isArray(a.checklist) ? Array.from({ length: checklistLength }, (_, i) => (a.checklist as unknown[])[i] === true) : undefined;
  return { confirmed: a.confirm === true, ...(isUri(a.uri) ? { uri: a.uri } : {}), ...(checklist ? { checklist } : {}) };
}

/** Whether every checklist item was ticked: the pull request is opened only then. */
export function checklistComplete(checklist: readonly boolean[] | undefined, length: number): boolean {
  return !!checklist && checklist.length === length && checklist.every((x) => x === true);
}

export const TEST_GITHUB_API_ENV = 'TAKEDOWN_TEST_GITHUB_API';

/**
 * The GitHub REST root the token goes to: api.github.com, except in VS Code's extension test mode,
 * where `TAKEDOWN_TEST_GITHUB_API` may name a local fake (an http URL on a loopback address only).
 * No setting can change it, so no workspace or user setting can send the token elsewhere.
 */
export function githubApiFor(testMode: boolean, env: Record<string, string | undefined>, fallback: string): string {
  if (!testMode) return fallback;
  const value = env[TEST_GITHUB_API_ENV];
  if (!value) return fallback;
  try {
    const url = new URL(value);
    const loopback = url.hostname === '127.0.0.1' || url.hostname === 'localhost' || url.hostname === '[::1]';
    return url.protocol === 'http:' && loopback ? value.replace(/\/+$/, '') : fallback;
  } catch {
    return fallback;
  }
}
