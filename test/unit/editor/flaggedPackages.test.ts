import assert from 'node:assert/strict';
import { test } from 'node:test';
import { flaggedPackages, groupFlagged, listedInWorkspace, safeLabel } from '../../../src/editor/model/flaggedPackages';
import type { PackageState } from '../../../src/editor/model/verdictView';
import { result } from './fixtures';

function state(name: string, version: string, verdict: 'malicious' | 'suspicious' | 'notable' | 'unknown' | 'clean', reason = `${verdict} reason`): PackageState {
  return { name, version, result: result({ name, version, target: `${name}@${version}`, verdict, reason, findings: [] }) };
}

test('flagged packages are grouped by verdict, most urgent first, with counts; clean and unscanned ones are left out', () => {
  const states = new Map<string, PackageState>([
    ['b-evil@1.0.0', state('b-evil', '1.0.0', 'malicious')],
    ['a-evil@2.0.0', state('a-evil', '2.0.0', 'malicious')],
    ['fresh@0.1.0', state('fresh', '0.1.0', 'notable')],
    ['odd@1.0.0', state('odd', '1.0.0', 'suspicious')],
    ['gone@9.9.9', state('gone', '9.9.9', 'unknown')],
    ['left-pad@1.3.0', state('left-pad', '1.3.0', 'clean')],
    ['queued@1.0.0', { name: 'queued', version: '1.0.0', pending: true }],
  ]);
  const groups = groupFlagged(flaggedPackages(states, []));
  assert.deepEqual(
    groups.map((g) => [g.label, g.items.map((i) => i.label)]),
    [
      ['Malicious (2)', ['a-evil@2.0.0', 'b-evil@1.0.0']],
      ['Suspicious (1)', ['odd@1.0.0']],
      ['Unknown (1)', ['gone@9.9.9']],
      ['Notable (1)', ['fresh@0.1.0']],
    ],
  );
  assert.deepEqual(groups[0]!.items[1], { key: 'b-evil@1.0.0', name: 'b-evil', version: '1.0.0', verdict: 'malicious', label: 'b-evil@1.0.0', reason: 'malicious reason' });
});

test('a package stored under its range and its resolved version is listed once, under its exact key', () => {
  const shared = { ...state('evil', '1.0.1', 'malicious'), spec: '^1.0.0' };
  delete (shared as { version?: string }).version;
  const adopted = state('local-evil', '3.0.0', 'suspicious');
  const states = new Map<string, PackageState>([
    ['evil@^1.0.0', shared],
    ['evil@1.0.1', shared],
    ['local:/tmp/local-evil', { ...adopted, name: 'local-evil', spec: '/tmp/local-evil' }],
    ['local-evil@3.0.0', adopted],
  ]);
  const list = flaggedPackages(states, []);
  assert.deepEqual(list.map((p) => [p.key, p.label]), [['evil@1.0.1', 'evil@1.0.1'], ['local-evil@3.0.0', 'local-evil@3.0.0']]);
});

test('allowed versions are not listed, other versions of the same package still are', () => {
  const states = new Map<string, PackageState>([
    ['evil@1.0.0', state('evil', '1.0.0', 'malicious')],
    ['evil@1.0.1', state('evil', '1.0.1', 'malicious')],
  ]);
  const list = flaggedPackages(states, [{ package: 'evil@1.0.0', by: 'ana' }]);
  assert.deepEqual(list.map((p) => p.label), ['evil@1.0.1']);
});

test('a known-malware hit without a scan is flagged malicious with the record as its reason', () => {
  const states = new Map<string, PackageState>([['bad@1.0.0', { name: 'bad', version: '1.0.0', knownMalware: { status: 'hit', records: [{ id: 'MAL-2026-1', summary: 'steals tokens', url: 'https://osv.dev/vulnerability/MAL-2026-1', aliases: [] }] } }]]);
  const [item] = flaggedPackages(states, []);
  assert.equal(item?.verdict, 'malicious');
  assert.equal(item?.reason, 'known malware (MAL-2026-1): steals tokens');
});

test('labels and reasons are package text: one line, no codicon syntax, control characters visible', () => {
  assert.equal(safeLabel('$(alert) evil\n$(x)'), '$ (alert) evil $ (x)');
  assert.equal(safeLabel('a\u202eb'), 'a[U+202E]b');
  const states = new Map<string, PackageState>([['x@1.0.0', state('x', '1.0.0', 'suspicious', '$(check) looks fine\r\nreally')]]);
  assert.equal(flaggedPackages(states, [])[0]!.reason, '$ (check) looks fine really');
  assert.equal(safeLabel('y'.repeat(500)).length, 200);
});

test('the view lists what a dependency file names now and what was asked for by name, not a dependency since removed', () => {
  const states = new Map<string, PackageState>([
    ['on-line@1.0.0', state('on-line', '1.0.0', 'malicious')],
    ['removed@2.0.0', state('removed', '2.0.0', 'malicious')],
    ['typed-in@3.0.0', state('typed-in', '3.0.0', 'suspicious')],
    ['unlocked@4.1.0', state('unlocked', '4.1.0', 'notable')],
  ]);
  // diagnostics now: on-line on its line, and an unlocked range (no exact version) for `unlocked`
  const onLines = [
    { name: 'on-line', version: '1.0.0' },
    { name: 'unlocked', version: '' },
  ];
  const listed = listedInWorkspace(onLines, new Set(['typed-in@3.0.0']));
  assert.deepEqual(
    flaggedPackages(states, [], listed).map((p) => p.label),
    ['on-line@1.0.0', 'typed-in@3.0.0', 'unlocked@4.1.0'],
  );
  assert.equal(flaggedPackages(states, []).length, 4, 'without the filter every known verdict is listed (the quick pick)');
});
