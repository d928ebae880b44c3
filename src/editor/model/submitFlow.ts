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
