import assert from 'node:assert/strict';
import { test } from 'node:test';
import { score } from '../../../src/engine/analysis/score';
import type { Finding } from '../../../src/engine/analysis/types';

const typosquat: Finding = { rule: 'typosquat', kind: 'metadata', category: 'impersonation', severity: 'low', message: 'typosquat' };
const coolDown: Finding = { rule: 'cool-down', kind: 'metadata', category: 'metadata', severity: 'low', message: 'fresh' };
const burst: Finding = { rule: 'version-burst', kind: 'metadata', category: 'metadata', severity: 'low', message: 'burst' };
const starjacking: Finding = { rule: 'starjacking', kind: 'metadata', category: 'impersonation', severity: 'low', message: 'stars' };
const installScript: Finding = { rule: 'install-script', kind: 'capability', category: 'install', severity: 'low', message: 'runs node index.js', file: 'package.json', line: 5 };
const confusion: Finding = { rule: 'dependency-confusion', kind: 'metadata', category: 'impersonation', severity: 'high', message: 'private scope' };

test('typosquat and cool-down alone are notable, never more', () => {
  assert.equal(score({ findings: [typosquat] }).verdict, 'notable');
  assert.equal(score({ findings: [coolDown] }).verdict, 'notable');
  const all = score({ findings: [typosquat, coolDown, burst, starjacking] });
  assert.equal(all.verdict, 'notable');
  assert.ok(all.score < 4, String(all.score));
});

test('a typosquat that runs code at install is at least suspicious', () => {
  const result = score({ findings: [installScript, typosquat] });
  assert.equal(result.verdict, 'suspicious');
  assert.equal(result.findings[0]!.rule, 'typosquat', 'the lure explains the verdict');
  // a fresh version with an install script is not made suspicious by its age alone
  assert.equal(score({ findings: [installScript, coolDown] }).verdict, 'notable');
});

test('dependency confusion with an install script is malicious; without one suspicious', () => {
  assert.equal(score({ findings: [confusion] }).verdict, 'suspicious');
  assert.equal(score({ findings: [confusion, installScript] }).verdict, 'malicious');
});
