// Opens the report's pull request on ossf/malicious-packages (or a configured target) with the
// user's own GitHub account: login, upstream default branch, fork (asynchronous: polled until it
// exists), a branch from upstream's head, one commit with the file, the pull request. The token
// comes from the caller (the VS Code GitHub session) and is used only for `githubApi`; no message
// this returns contains it. The 422 "workflow scope" refusal is a typed result so the editor can
// ask for a session with the `workflow` scope and run the flow again.
import { createGitHubClient, describeGitHubError, type GitHubClient } from './githubClient';
import { isValidPackageName, safeFilePart } from './repositoryPath';
import { DEFAULT_GITHUB_API, DEFAULT_TARGET_REPO } from './types';

export type PullRequestStep = 'login' | 'repository' | 'fork' | 'branch' | 'commit' | 'pull-request';

export interface PullRequestProgress {
  step: PullRequestStep;
  message: string;
}

export interface PullRequestInput {
  /** The user's GitHub token (never logged, never returned). */
  token: string;
  /** REST API root, default https://api.github.com. */
  githubApi?: string;
  /** Target `owner/name`, default ossf/malicious-packages. */
  repo?: string;
  /** The record: its repository path and JSON text. */
  file: { path: string; content: string };
  /** `new`: add a MAL-0000 file; `update`: replace an existing record (its blob sha is read from the branch). */
  mode: 'new' | 'update';
  packageName: string;
  /** For the title and body. */
  versions: string[] | 'all';
  /** The record's details (Markdown, already inert): the summary and evidence of the body come from it. */
  details: string;
  /** The person confirmed the whole checklist in the UI; boxes are ticked only then. */
  checklistConfirmed?: boolean;
  /** Per item of CONTRIBUTOR_CHECKLIST, whether the person ticked it (overrides checklistConfirmed). */
  checklist?: readonly boolean[];
  /** Id of the record being updated, for the title of an update. */
  existingId?: string;
  onProgress?: (progress: PullRequestProgress) => void;
  /** Fork readiness polling (defaults 2 s, 90 s). */
  pollIntervalMs?: number;
  forkTimeoutMs?: number;
  /** A client to use instead of making one from token/githubApi (the token is still used for redaction). */
  github?: GitHubClient;
}

export type PullRequestResult =
  | { status: 'opened'; url: string; number: number; branch: string; fork: string; path: string; login: string }
  /** GitHub refused to touch workflow files without the `workflow` scope: ask again with it and retry. */
  | { status: 'needs-workflow-scope'; message: string }
  | { status: 'failed'; step: PullRequestStep; message: string; hint: string; httpStatus?: number };

const MAX_BRANCH_ATTEMPTS = 6;

export function pullRequestTitle(packageName: string): string {
  return `Report malicious package: ${packageName} (npm)`;
}

/** The contributor checklist the repository asks for; the editor asks the person each item. */
export const CONTRIBUTOR_CHECKLIST: readonly string[] = [
  'I read this report and verified the evidence myself; it was not submitted unread.',
  'The required fields are accurate: package name, versions, timestamps.',
  'The details contain no filler text: why the package is malicious, what it does, how it triggers.',
  'I will answer reviewers\u2019 questions on this pull request.',
];

/** The pull request's Markdown body: summary, evidence list, contributor checklist. */
export function pullRequestBody(input: Pick<PullRequestInput, 'packageName' | 'versions' | 'details' | 'checklistConfirmed' | 'checklist' | 'mode' | 'existingId' | 'file'>): string {
  const [summary = '', ...rest] = input.details.split(/\n\s*\n/);
  const evidence = rest.join('\n\n').trim();
  const versions = input.versions === 'all' ? 'all versions' : input.versions.join(', ');
  const ticked = (i: number) => (input.checklist ? input.checklist[i] === true : input.checklistConfirmed === true);
  const intro = input.mode === 'update'
    ? `Updates the existing record${input.existingId ? ` ${input.existingId}` : ''} (\`${input.file.path}\`) for the npm package \`${input.packageName}\`: ${versions}.`
    : `New report for the npm package \`${input.packageName}\` (${versions}): \`${input.file.path}\`.`;
  return [
    intro,
    '',
    '### Summary',
    '',
    summary.trim(),
    ...(evidence ? ['', '### Evidence', '', evidence] : []),
    '',
    '### Contributor checklist',
    '',
    ...CONTRIBUTOR_CHECKLIST.map((line, i) => `- [${ticked(i) ? 'x' : ' '}] ${line}`),
    '',
    'Drafted with Takedown from a static analysis of the published package (its code was not run).',
  ].join('\n');
}

class FlowError extends Error {
  constructor(readonly result: PullRequestResult) {
    super(result.status === 'failed' ? result.message : result.status);
  }
}

function isWorkflowScopeError(info: { status: number; message: string }): boolean {
  return /workflow/i.test(info.message) && /scope/i.test(info.message);
}

/** Runs the whole flow; every failure comes back as a value saying what happened and what to do. */
export async function openReportPullRequest(input: PullRequestInput): Promise<PullRequestResult> {
  const secrets = [input.token];
  const progress = (step: PullRequestStep, message: string) => input.onProgress?.({ step, message });
  const fail = (step: PullRequestStep, error: unknown, what: string, hint: string): never => {
    const info = describeGitHubError(error, secrets);
    if (isWorkflowScopeError(info)) throw new FlowError({ status: 'needs-workflow-scope', message: `GitHub needs the "workflow" scope to update your fork (${info.message}). Sign in again allowing it, then retry.` });
    if (!info.status) throw new FlowError({ status: 'failed', step, message: `${what}: GitHub could not be reached (${info.message})`, hint: 'Check the network connection (and proxy settings), then retry.' });
    throw new FlowError({ status: 'failed', step, message: `${what}: HTTP ${info.status} ${info.message}`, hint, httpStatus: info.status });
  };
  try {
    const github = input.github ?? (await createGitHubClient({ token: input.token, baseUrl: input.githubApi ?? DEFAULT_GITHUB_API }));
    const [owner, repo] = (input.repo ?? DEFAULT_TARGET_REPO).split('/') as [string, string];
    if (!isValidPackageName(input.packageName)) return { status: 'failed', step: 'repository', message: 'The report does not name a valid npm package.', hint: 'Draft the report again from a scan result.' };
    if (!owner || !repo) return { status: 'failed', step: 'repository', message: `The target repository "${input.repo}" is not owner/name.`, hint: 'Set the target repository as owner/name, e.g. ossf/malicious-packages.' };

    progress('login', 'Checking your GitHub sign-in');
    const login = await github.rest.users.getAuthenticated().then((r) => r.data.login, (e: unknown) => fail('login', e, 'Could not check the GitHub sign-in', 'Sign in to GitHub again (the session may have expired or been revoked).'));

    progress('repository', `Reading ${owner}/${repo}`);
    const upstream = await github.rest.repos.get({ owner, repo }).then((r) => r.data, (e: unknown) => fail('repository', e, `Could not read ${owner}/${repo}`, 'Check the target repository setting and your network connection.'));
    const base = upstream.default_branch || 'main';
    const baseSha = await github.rest.git.getRef({ owner, repo, ref: `heads/${base}` }).then((r) => r.data.object.sha, (e: unknown) => fail('repository', e, `Could not read branch ${base} of ${owner}/${repo}`, 'Try again in a minute; if it persists, check the target repository setting.'));

    progress('fork', `Forking ${owner}/${repo} to ${login}`);
    const fork = await github.rest.repos.createFork({ owner, repo, default_branch_only: true }).then((r) => r.data, (e: unknown) => fail('fork', e, `Could not fork ${owner}/${repo}`, 'Check that your account may fork public repositories (organisation policies can forbid it), then retry.'));
    const forkOwner = fork.owner?.login ?? login;
    const forkName = fork.name ?? repo;
    await waitForFork(github, forkOwner, forkName, input, progress, fail);

    const branch = await createBranch(github, forkOwner, forkName, baseSha, branchBase(input), progress, fail);

    progress('commit', `Committing ${input.file.path}`);
    const existingSha = await github.rest.repos.getContent({ owner: forkOwner, repo: forkName, path: input.file.path, ref: branch }).then(
      (r) => (Array.isArray(r.data) ? undefined : (r.data as { sha?: string }).sha),
      (e: unknown) => ((e as { status?: unknown }).status === 404 ? undefined : fail('commit', e, `Could not read ${input.file.path} on your fork`, 'Retry; if it persists, open the fallback link instead.')),
    );
    if (input.mode === 'new' && existingSha) return { status: 'failed', step: 'commit', message: `${input.file.path} already exists in ${owner}/${repo}.`, hint: 'Someone has already added this file: check the existing record and update it instead of adding a new one.' };
    if (input.mode === 'update' && !existingSha) return { status: 'failed', step: 'commit', message: `${input.file.path} does not exist in ${owner}/${repo}; there is nothing to update.`, hint: 'The record may have been moved (withdrawn or renamed): run the existing-record check again.' };
    const message = input.mode === 'update' ? `Update ${input.existingId ?? 'record'}: ${input.packageName} (npm)` : pullRequestTitle(input.packageName);
    await github.rest.repos.createOrUpdateFileContents({
      owner: forkOwner,
      repo: forkName,
      path: input.file.path,
      message,
      content: Buffer.from(input.file.content, 'utf8').toString('base64'),
      branch,
      ...(existingSha ? { sha: existingSha } : {}),
    }).catch((e: unknown) => fail('commit', e, `Could not commit ${input.file.path} to ${forkOwner}/${forkName}`, 'Retry; if it persists, use the fallback link to add the file in the browser.'));

    progress('pull-request', `Opening the pull request on ${owner}/${repo}`);
    const pr = await github.rest.pulls.create({ owner, repo, title: pullRequestTitle(input.packageName), head: `${forkOwner}:${branch}`, base, body: pullRequestBody(input), maintainer_can_modify: true }).then(
      (r) => r.data,
      (e: unknown) => fail('pull-request', e, `Could not open the pull request on ${owner}/${repo}`, `The commit is on ${forkOwner}/${forkName} branch ${branch}: open the pull request from there in the browser.`),
    );
    return { status: 'opened', url: pr.html_url, number: pr.number, branch, fork: `${forkOwner}/${forkName}`, path: input.file.path, login };
  } catch (error) {
    if (error instanceof FlowError) return error.result;
    const info = describeGitHubError(error, secrets);
    return { status: 'failed', step: 'login', message: `Unexpected error: ${info.message}`, hint: 'Retry; if it persists, use the fallback link to add the file in the browser.' };
  }
}

function branchBase(input: PullRequestInput): string {
  const version = input.versions === 'all' ? 'all-versions' : input.versions[0] ?? '';
  return `takedown/${safeFilePart(input.packageName)}${version ? `-${safeFilePart(version)}` : ''}`.slice(0, 100);
}

type Fail = (step: PullRequestStep, error: unknown, what: string, hint: string) => never;

/** GitHub creates forks asynchronously: the fork's repository answers 404 until it exists. */
async function waitForFork(github: GitHubClient, owner: string, repo: string, input: PullRequestInput, progress: (s: PullRequestStep, m: string) => void, fail: Fail): Promise<void> {
  const interval = input.pollIntervalMs ?? 2000;
  const deadline = Date.now() + (input.forkTimeoutMs ?? 90_000);
  for (let attempt = 0; ; attempt++) {
    try {
      await github.rest.repos.get({ owner, repo });
      return;
    } catch (error) {
      const status = (error as { status?: unknown }).status;
      if (status !== 404) fail('fork', error, `Could not check the fork ${owner}/${repo}`, 'Retry in a minute.');
      if (Date.now() + interval > deadline) {
        throw new FlowError({ status: 'failed', step: 'fork', message: `The fork ${owner}/${repo} was not ready after ${Math.round((input.forkTimeoutMs ?? 90_000) / 1000)} s.`, hint: 'GitHub is still creating it: retry in a few minutes.' });
      }
      if (attempt === 0) progress('fork', `Waiting for GitHub to create ${owner}/${repo}`);
      await new Promise((resolve) => setTimeout(resolve, interval));
    }
  }
}

/**
 * A fresh branch from upstream's head. A branch of the same name left by an earlier report is never
 * reused (it may carry an open pull request or other commits): the next free `-2`, `-3` ... is taken.
 */
async function createBranch(github: GitHubClient, owner: string, repo: string, sha: string, name: string, progress: (s: PullRequestStep, m: string) => void, fail: Fail): Promise<string> {
  for (let attempt = 1; attempt <= MAX_BRANCH_ATTEMPTS; attempt++) {
    const branch = attempt === 1 ? name : `${name}-${attempt}`;
    progress('branch', `Creating branch ${branch}`);
    try {
      await github.rest.git.createRef({ owner, repo, ref: `refs/heads/${branch}`, sha });
      return branch;
    } catch (error) {
      const info = describeGitHubError(error);
      if (info.status === 422 && /already exists/i.test(info.message)) continue;
      fail('branch', error, `Could not create branch ${branch} on ${owner}/${repo}`, 'Your fork may be out of date: sync it with the upstream repository on GitHub, then retry.');
    }
  }
  throw new FlowError({ status: 'failed', step: 'branch', message: `Branches ${name} to ${name}-${MAX_BRANCH_ATTEMPTS} already exist on ${owner}/${repo}.`, hint: 'Delete old report branches on your fork, then retry.' });
}
