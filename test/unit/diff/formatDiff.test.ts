import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatDiff } from '../../../src/cli/diffCommand';
import type { VersionDiff } from '../../../src/engine/diff/types';
import { diffSummaryLine } from '../../../src/engine/diff/summary';

const HOSTILE: VersionDiff = {
  name: 'evil\u001b[2Jpkg',
  from: '1.0.0',
  to: '1.0.1',
  basis: 'baseline',
  added: [{ path: 'lib/\u202eexe.js', size: 10, binary: false, newRules: ['exfil-webhook'] }],
  removed: [],
  changed: [
    { path: 'index.js', sizeBefore: 5, sizeAfter: 9, binary: false, newRules: [], patch: '--- a/index.js\n+++ b/index.js\n@@ -1 +1 @@\n-a\n+\u001b]0;owned\u0007b\n', patchTruncated: true },
    { path: 'bin/tool', sizeBefore: 8, sizeAfter: 8, binary: true, newRules: [], patchSkipped: 'binary', modeBefore: 0o644, modeAfter: 0o755 },
  ],
  unchangedCount: 4,
  totals: { added: 1, removed: 0, changed: 2 },
  packageNewRules: ['too-large'],
  truncated: 'the new version was read only partly (maxFiles limit)',
};

test('human diff output escapes control and bidi characters from the package, and says what is missing', () => {
  const text = formatDiff(HOSTILE, true);
  assert.doesNotMatch(text, /[\u001b\u0007\u202e]/);
  assert.equal(
    text,
    [
      'evil\\u{1b}[2Jpkg 1.0.0 -> 1.0.1 (the baseline lockfile version)',
      ' + lib/\\u{202e}exe.js | 10 B  new rules: exfil-webhook',
      ' ~ index.js           | 5 B -> 9 B',
      ' ~ bin/tool           | 8 B -> 8 B, mode 644 -> 755',
      ' 1 added, 2 changed, 0 removed, 4 unchanged',
      'newly triggered rules: exfil-webhook (lib/\\u{202e}exe.js); too-large (package)',
      'incomplete: the new version was read only partly (maxFiles limit)',
      '',
      '--- a/index.js',
      '+++ b/index.js',
      '@@ -1 +1 @@',
      '-a',
      '+\\u{1b}]0;owned\\u{7}b',
      '... (patch cut)',
      '',
      '~ bin/tool: no patch (binary)',
      '',
    ].join('\n'),
  );
  assert.equal(formatDiff(HOSTILE, false).includes('--- a/index.js'), false);
});

test('the one-line summary counts totals, not the listed entries', () => {
  assert.equal(diffSummaryLine({ ...HOSTILE, added: [], totals: { added: 2500, removed: 3, changed: 7 } }), 'changed since 1.0.0: +2500 files, ~7 changed, -3 removed, new rules: too-large');
});
