import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { patchLines } from '../../../../src/editor/model/investigate/patchView';

test('a unified diff from the engine becomes classified lines, each without its sign', () => {
  const before = "'use strict';\nmodule.exports = add;\n";
  const after = "'use strict';\nrequire('./lib/loader');\nmodule.exports = add;";
  const patch = createTwoFilesPatch('a/index.js', 'b/index.js', before, after, undefined, undefined, { context: 3, headerOptions: FILE_HEADERS_ONLY });
  assert.deepEqual(patchLines(patch), {
    truncated: false,
    lines: [
      { kind: 'meta', text: '--- a/index.js' },
      { kind: 'meta', text: '+++ b/index.js' },
      { kind: 'hunk', text: '@@ -1,2 +1,3 @@' },
      { kind: 'context', text: "'use strict';" },
      { kind: 'del', text: 'module.exports = add;' },
      { kind: 'add', text: "require('./lib/loader');" },
      { kind: 'add', text: 'module.exports = add;' },
      { kind: 'meta', text: '\\ No newline at end of file' },
    ],
  });
});

test('inside a hunk, lines starting with +++ or --- are additions and removals, not headers', () => {
  const patch = '--- a/x.sh\n+++ b/x.sh\n@@ -1,2 +1,2 @@\n--- old comment\n+++ new comment\r\n';
  assert.deepEqual(patchLines(patch).lines.slice(3), [
    { kind: 'del', text: '-- old comment' },
    { kind: 'add', text: '++ new comment' },
  ]);
});

test('bidi and control characters in a patch are shown as escapes', () => {
  const { lines } = patchLines('@@ -1 +1 @@\n-const ok = 1;\n+const ok = 1; /*\u202e } if (admin) \u2066*/\u0007\n');
  assert.deepEqual(lines[2], { kind: 'add', text: 'const ok = 1; /*\\u{202e} } if (admin) \\u{2066}*/\\u{7}' });
});

test('long patches are cut at maxLines, long lines at 2000 characters', () => {
  const patch = `@@ -1,500 +1,500 @@\n${Array.from({ length: 500 }, (_, i) => `+line ${i}`).join('\n')}\n`;
  const cut = patchLines(patch, 10);
  assert.equal(cut.truncated, true);
  assert.equal(cut.lines.length, 10);
  assert.equal(cut.lines[9]!.text, 'line 8');
  assert.equal(patchLines(patch).truncated, false);
  assert.equal(patchLines(patch).lines.length, 501);
  const wide = patchLines(`@@ -1 +1 @@\n+${'x'.repeat(10_000)}`).lines[1]!;
  assert.equal(wide.text.length, 2000);
  assert.ok(wide.text.endsWith('x…'));
  assert.deepEqual(patchLines(''), { lines: [], truncated: false });
});
