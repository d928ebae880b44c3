import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildDraft } from '../../../src/engine/report/draft';
import { recordJson } from '../../../src/engine/report/index';
import { CONTRIBUTOR_CHECKLIST, openReportPullRequest, pullRequestBody, type PullRequestInput, type PullRequestProgress } from '../../../src/engine/report/pullRequest';
import { updateExistingRecord } from '../../../src/engine/report/updateRecord';
import { blobSha, startFakeGitHub, type FakeGitHub } from '../../support/fakeGitHub';
import { readExample } from './osvSchema';
import { scanOf, stealerFindings } from './sampleScans';

const TOKEN = 'gho_FakeSessionToken0123456789abcdefABCDEF';
const UP = '/repos/ossf/malicious-packages';
const FORK = '/repos/octo-researcher/malicious-packages';
const PATH = 'osv/malicious/npm/@acme-tools/color-utils/MAL-0000-acme-tools-color-utils-2-4-1.json';

const draft = buildDraft([scanOf('@acme-tools/color-utils', '2.4.1', stealerFindings())], { versions: ['2.4.1'], credit: { name: 'octo-researcher' }, now: new Date('2026-11-20T10:00:00Z') });

function input(github: FakeGitHub, extra: Partial<PullRequestInput> = {}): PullRequestInput {
  return {
    token: TOKEN,
    githubApi: github.url,
    file: { path: draft.path, content: recordJson(draft.record) },
    mode: 'new',
    packageName: '@acme-tools/color-utils',
    versions: ['2.4.1'],
    details: draft.record.details,
    checklistConfirmed: true,
    pollIntervalMs: 5,
    forkTimeoutMs: 5000,
    ...extra,
  };
}

function assertNoToken(github: FakeGitHub, result: unknown): void {
  assert.doesNotMatch(JSON.stringify(result), new RegExp(TOKEN));
  // The token went to the fake API (its own host) on every call, as GitHub's token scheme.
  for (const call of github.calls) assert.equal(call.authorization, `token ${TOKEN}`, `${call.method} ${call.path}`);
}

test('pull request: new report, fork created asynchronously (202, then 404 three times, then ready)', async () => {
  const github = await startFakeGitHub({ token: TOKEN, forkPendingPolls: 3 });
  const progress: PullRequestProgress[] = [];
  const result = await openReportPullRequest(input(github, { onProgress: (p) => progress.push(p) }));

  assert.deepEqual(result, { status: 'opened', url: 'https://github.com/ossf/malicious-packages/pull/4242', number: 4242, branch: 'takedown/acme-tools-color-utils-2-4-1', fork: 'octo-researcher/malicious-packages', path: PATH, login: 'octo-researcher' });
  assert.deepEqual(github.sequence(), [
    'GET /user',
    `GET ${UP}`,
    `GET ${UP}/git/ref/heads/main`,
    `POST ${UP}/forks`,
    `GET ${FORK}`,
    `GET ${FORK}`,
    `GET ${FORK}`,
    `GET ${FORK}`,
    `POST ${FORK}/git/refs`,
    `GET ${FORK}/contents/${PATH}`,
    `PUT ${FORK}/contents/${PATH}`,
    `POST ${UP}/pulls`,
  ]);
  const calls = github.calls;
  assert.deepEqual(calls[3]!.body, { default_branch_only: true });
  assert.deepEqual(calls[8]!.body, { ref: 'refs/heads/takedown/acme-tools-color-utils-2-4-1', sha: 'a'.repeat(40) });
  assert.deepEqual(calls[9]!.query, { ref: 'takedown/acme-tools-color-utils-2-4-1' });
  const put = calls[10]!.body as Record<string, string>;
  assert.deepEqual(Object.keys(put).sort(), ['branch', 'content', 'message']);
  assert.equal(put.message, 'Report malicious package: @acme-tools/color-utils (npm)');
  assert.equal(put.branch, 'takedown/acme-tools-color-utils-2-4-1');
  assert.equal(Buffer.from(put.content!, 'base64').toString('utf8'), recordJson(draft.record));
  assert.equal(github.commits.get(`takedown/acme-tools-color-utils-2-4-1:${PATH}`), recordJson(draft.record));

  const pr = calls[11]!.body as Record<string, unknown>;
  assert.equal(pr.title, 'Report malicious package: @acme-tools/color-utils (npm)');
  assert.equal(pr.head, 'octo-researcher:takedown/acme-tools-color-utils-2-4-1');
  assert.equal(pr.base, 'main');
  assert.equal(pr.maintainer_can_modify, true);
  const body = String(pr.body);
  assert.match(body, /^New report for the npm package `@acme-tools\/color-utils` \(2\.4\.1\): `osv\/malicious\/npm\/@acme-tools\/color-utils\/MAL-0000-acme-tools-color-utils-2-4-1\.json`\.\n\n### Summary\n\nThe npm package/);
  assert.match(body, /### Evidence\n\nEvidence in version 2\.4\.1:\n\n- `lib\/setup\.js`, line 9: Reads/);
  assert.match(body, /### Contributor checklist\n\n- \[x\] I read this report and verified the evidence myself; it was not submitted unread\.\n- \[x\] The required fields are accurate: package name, versions, timestamps\.\n- \[x\] The details contain no filler text: why the package is malicious, what it does, how it triggers\.\n- \[x\] I will answer reviewers’ questions on this pull request\./);

  assert.deepEqual(progress.map((p) => p.step), ['login', 'repository', 'fork', 'fork', 'branch', 'commit', 'pull-request']);
  assert.equal(progress[3]!.message, 'Waiting for GitHub to create octo-researcher/malicious-packages');
  assertNoToken(github, result);
});

test('pull request: a 422 for the missing workflow scope is a typed result for the caller to re-ask', async () => {
  const github = await startFakeGitHub({ token: TOKEN, forkExists: true, workflowScopeError: true });
  const result = await openReportPullRequest(input(github));
  assert.equal(result.status, 'needs-workflow-scope');
  assert.match((result as { message: string }).message, /^GitHub needs the "workflow" scope to update your fork \(refusing to allow an OAuth App to create or update workflow `\.github\/workflows\/ci\.yml` without `workflow` scope\)\. Sign in again allowing it, then retry\.$/);
  assert.deepEqual(github.sequence(), ['GET /user', `GET ${UP}`, `GET ${UP}/git/ref/heads/main`, `POST ${UP}/forks`, `GET ${FORK}`, `POST ${FORK}/git/refs`]);
  assertNoToken(github, result);
});

test('pull request: an existing branch is never reused; the next free name is taken', async () => {
  const github = await startFakeGitHub({ token: TOKEN, forkExists: true, existingBranches: ['takedown/acme-tools-color-utils-2-4-1', 'takedown/acme-tools-color-utils-2-4-1-2'] });
  const result = await openReportPullRequest(input(github));
  assert.equal(result.status, 'opened');
  assert.equal((result as { branch: string }).branch, 'takedown/acme-tools-color-utils-2-4-1-3');
  const refs = github.calls.filter((c) => c.path === `${FORK}/git/refs`).map((c) => (c.body as { ref: string }).ref);
  assert.deepEqual(refs, ['refs/heads/takedown/acme-tools-color-utils-2-4-1', 'refs/heads/takedown/acme-tools-color-utils-2-4-1-2', 'refs/heads/takedown/acme-tools-color-utils-2-4-1-3']);
  assert.equal((github.calls.at(-1)!.body as { head: string }).head, 'octo-researcher:takedown/acme-tools-color-utils-2-4-1-3');
});

test('pull request: updating an existing record replaces the file with its blob sha', async () => {
  const existingPath = 'osv/malicious/npm/@ctrl/tinycolor/MAL-2025-47141.json';
  const existingText = JSON.stringify(readExample('scoped-imported-MAL-2025-47141.json'), null, 2);
  const github = await startFakeGitHub({ token: TOKEN, forkExists: true, files: { [existingPath]: existingText } });
  const tiny = buildDraft([scanOf('@ctrl/tinycolor', '4.1.1', stealerFindings()), scanOf('@ctrl/tinycolor', '4.1.3', stealerFindings())], { versions: ['4.1.1', '4.1.3'], credit: { name: 'octo-researcher' }, now: new Date('2026-11-20T10:00:00Z') });
  const update = updateExistingRecord(JSON.parse(existingText) as Record<string, unknown>, tiny.record);
  const result = await openReportPullRequest(input(github, { mode: 'update', existingId: 'MAL-2025-47141', packageName: '@ctrl/tinycolor', versions: ['4.1.1', '4.1.3'], details: tiny.record.details, file: { path: existingPath, content: recordJson(update.record) } }));
  assert.equal(result.status, 'opened');
  assert.deepEqual(github.sequence(), ['GET /user', `GET ${UP}`, `GET ${UP}/git/ref/heads/main`, `POST ${UP}/forks`, `GET ${FORK}`, `POST ${FORK}/git/refs`, `GET ${FORK}/contents/${existingPath}`, `PUT ${FORK}/contents/${existingPath}`, `POST ${UP}/pulls`]);
  assert.deepEqual(github.calls[6]!.query, { ref: 'takedown/ctrl-tinycolor-4-1-1' });
  const put = github.calls.at(-2)!.body as Record<string, string>;
  assert.equal(put.sha, blobSha(existingText));
  assert.equal(put.message, 'Update MAL-2025-47141: @ctrl/tinycolor (npm)');
  assert.equal(put.branch, 'takedown/ctrl-tinycolor-4-1-1');
  const committed = JSON.parse(Buffer.from(put.content!, 'base64').toString('utf8')) as Record<string, unknown>;
  assert.equal(committed.id, 'MAL-2025-47141');
  assert.match(String((github.calls.at(-1)!.body as { body: string }).body), /^Updates the existing record MAL-2025-47141 \(`osv\/malicious\/npm\/@ctrl\/tinycolor\/MAL-2025-47141\.json`\) for the npm package `@ctrl\/tinycolor`: 4\.1\.1, 4\.1\.3\./);
});

test('pull request: failures say what happened and what to do, and never carry the token', async () => {
  // The fake echoes the credentials it received in its 401 message, as a careless proxy might.
  const badToken = await startFakeGitHub({ token: 'ghp_TheRightTokenIsNotThisOne0000000000' });
  const denied = await openReportPullRequest(input(badToken));
  assert.deepEqual(denied, { status: 'failed', step: 'login', message: 'Could not check the GitHub sign-in: HTTP 401 Bad credentials (received ***)', hint: 'Sign in to GitHub again (the session may have expired or been revoked).', httpStatus: 401 });
  assert.deepEqual(badToken.sequence(), ['GET /user']);

  const slowFork = await startFakeGitHub({ token: TOKEN, forkPendingPolls: 1000 });
  const timedOut = await openReportPullRequest(input(slowFork, { forkTimeoutMs: 60 }));
  assert.equal(timedOut.status, 'failed');
  assert.deepEqual({ ...timedOut, message: undefined }, { status: 'failed', step: 'fork', message: undefined, hint: 'GitHub is still creating it: retry in a few minutes.' });
  assert.match((timedOut as { message: string }).message, /^The fork octo-researcher\/malicious-packages was not ready after 0 s\.$/);

  const duplicate = await startFakeGitHub({ token: TOKEN, forkExists: true, pullRequestExists: true });
  const dup = await openReportPullRequest(input(duplicate));
  assert.deepEqual(dup, {
    status: 'failed',
    step: 'pull-request',
    message: 'Could not open the pull request on ossf/malicious-packages: HTTP 422 Validation Failed: A pull request already exists for octo-researcher:takedown/acme-tools-color-utils-2-4-1.',
    hint: 'The commit is on octo-researcher/malicious-packages branch takedown/acme-tools-color-utils-2-4-1: open the pull request from there in the browser.',
    httpStatus: 422,
  });

  const taken = await startFakeGitHub({ token: TOKEN, forkExists: true, files: { [PATH]: '{}' } });
  const exists = await openReportPullRequest(input(taken));
  assert.deepEqual(exists, { status: 'failed', step: 'commit', message: `${PATH} already exists in ossf/malicious-packages.`, hint: 'Someone has already added this file: check the existing record and update it instead of adding a new one.' });

  const closed = await startFakeGitHub();
  await closed.close();
  const unreachable = await openReportPullRequest(input(taken, { githubApi: closed.url }));
  assert.deepEqual({ ...unreachable, message: undefined }, { status: 'failed', step: 'login', message: undefined, hint: 'Check the network connection (and proxy settings), then retry.' });
  assert.match((unreachable as { message: string }).message, /^Could not check the GitHub sign-in: GitHub could not be reached \(.*ECONNREFUSED.*\)$/);
  for (const r of [denied, timedOut, dup, exists, unreachable]) assert.doesNotMatch(JSON.stringify(r), /gho_|ghp_TheRight|FakeSessionToken/);
});

test('pull request body: each checklist box is ticked only when the person ticked that item', () => {
  const base = { packageName: 'left-pad-evil', versions: ['1.0.2'], details: 'Steals tokens.\n\n- `index.js` line 3', mode: 'new' as const, file: { path: 'osv/malicious/npm/left-pad-evil/MAL-0000-left-pad-evil-1-0-2.json', content: '{}' } };
  const boxes = (body: string) => body.split('\n').filter((l) => /^- \[[x ]\] /.test(l)).map((l) => l.slice(3, 4));
  assert.deepEqual(boxes(pullRequestBody({ ...base, checklist: [true, false, true, true] })), ['x', ' ', 'x', 'x']);
  assert.deepEqual(boxes(pullRequestBody({ ...base, checklist: [true, true, true, true] })), ['x', 'x', 'x', 'x']);
  // no confirmation at all: nothing is ticked, whatever the flow was given
  assert.deepEqual(boxes(pullRequestBody(base)), [' ', ' ', ' ', ' ']);
  // a short list leaves the missing items unticked even when checklistConfirmed says otherwise
  assert.deepEqual(boxes(pullRequestBody({ ...base, checklistConfirmed: true, checklist: [true] })), ['x', ' ', ' ', ' ']);
  assert.equal(CONTRIBUTOR_CHECKLIST.length, 4);
});
