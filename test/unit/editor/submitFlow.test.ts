import assert from 'node:assert/strict';
import { test } from 'node:test';
import { nextStep, submitSummary, targetRepository } from '../../../src/editor/model/submitFlow';

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
