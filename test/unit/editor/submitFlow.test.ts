import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checklistComplete, githubApiFor, nextStep, submitRequest, submitSummary, targetRepository } from '../../../src/editor/model/submitFlow';

test('an opened pull request is done, with its link', () => {
  const step = nextStep({ status: 'opened', url: 'https://github.com/ossf/malicious-packages/pull/12', number: 12, branch: 'takedown/x-1', fork: 'me/malicious-packages', path: 'p', login: 'me' }, false);
  assert.equal(step.kind, 'done');
  assert.ok(step.kind === 'done' && step.url.endsWith('/pull/12'));
  assert.match(step.message, /#12 opened on ossf\/malicious-packages/);
});

test('the workflow scope is asked for once, then the browser fallback', () => {
  const result = { status: 'needs-workflow-scope' as const, message: 'needs workflow' };
  assert.equal(nextStep(result, false).kind, 'retry-with-workflow-scope');
  assert.equal(nextStep(result, true).kind, 'fallback');
});

test('a failure says what happened and what to do, and falls back', () => {
  const step = nextStep({ status: 'failed', step: 'fork', message: 'Could not fork x: HTTP 403 Forbidden', hint: 'Check your organisation policy.' }, false);
  assert.equal(step.kind, 'fallback');
  assert.match(step.message, /HTTP 403 Forbidden\. Check your organisation policy\. The draft is kept\./);
});

test('the summary and the repository setting', () => {
  const text = submitSummary({ repo: 'ossf/malicious-packages', path: 'osv/malicious/npm/x/MAL-0000-x-1.json', title: 'T', body: 'B'.repeat(700) });
  assert.match(text, /^Repository: ossf\/malicious-packages\nFile: osv\/malicious\/npm\/x\/MAL-0000-x-1\.json\nTitle: T/);
  assert.ok(text.endsWith('…'));
  assert.equal(targetRepository(' me/fork ', 'ossf/malicious-packages'), 'me/fork');
  assert.equal(targetRepository('not a repo', 'ossf/malicious-packages'), 'ossf/malicious-packages');
  assert.equal(targetRepository(undefined, 'ossf/malicious-packages'), 'ossf/malicious-packages');
});

test('submit arguments: a Uri, or the automation form that answers confirmation and checklist in advance', () => {
  const isUri = (v: unknown): v is { uri: string } => typeof v === 'object' && v !== null && 'uri' in v && typeof (v as { uri: unknown }).uri === 'string';
  const draft = { uri: 'file:///reports/x.json' };
  assert.deepEqual(submitRequest(draft, isUri, 4), { confirmed: false, uri: draft });
  assert.deepEqual(submitRequest({ uri: draft, confirm: true, checklist: [true, true, true, true] }, isUri, 4), { confirmed: true, uri: draft, checklist: [true, true, true, true] });
  // only `true` ticks an item; a short list leaves the rest unticked
  assert.deepEqual(submitRequest({ confirm: 'yes', checklist: [true, 1, 'x'] }, isUri, 4), { confirmed: false, checklist: [true, false, false, false] });
  assert.deepEqual(submitRequest(undefined, isUri, 4), { confirmed: false });
  assert.equal(checklistComplete([true, true, true, true], 4), true);
  assert.equal(checklistComplete([true, true, false, true], 4), false);
  assert.equal(checklistComplete([true, true, true], 4), false);
  assert.equal(checklistComplete(undefined, 4), false);
});

test('the GitHub API root is api.github.com except for a loopback fake in extension test mode', () => {
  const api = 'https://api.github.com';
  const env = { TAKEDOWN_TEST_GITHUB_API: 'http://127.0.0.1:4567/' };
  assert.equal(githubApiFor(true, env, api), 'http://127.0.0.1:4567');
  assert.equal(githubApiFor(false, env, api), api);
  assert.equal(githubApiFor(true, {}, api), api);
  assert.equal(githubApiFor(true, { TAKEDOWN_TEST_GITHUB_API: 'https://collector.example.invalid/' }, api), api);
  assert.equal(githubApiFor(true, { TAKEDOWN_TEST_GITHUB_API: 'http://198.51.100.7:80/' }, api), api);
  assert.equal(githubApiFor(true, { TAKEDOWN_TEST_GITHUB_API: 'not a url' }, api), api);
});
