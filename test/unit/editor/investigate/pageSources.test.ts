import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { escapeHtml, investigateCsp, investigatePageHtml } from '../../../../src/editor/model/investigate/pageHtml';

const root = path.join(__dirname, '../../../..');
const webviewDir = path.join(root, 'src/webview');

// APIs that turn a string into markup, code or a navigation: the page must build DOM by hand.
const FORBIDDEN: [string, RegExp][] = [
  ['innerHTML', /\binnerHTML\b/],
  ['outerHTML', /\bouterHTML\b/],
  ['insertAdjacentHTML', /\binsertAdjacentHTML\b/],
  ['document.write', /\bdocument\s*\.\s*write(ln)?\b/],
  ['eval', /\beval\s*\(/],
  ['new Function', /\bnew\s+Function\b/],
  ['setAttribute on…', /setAttribute\s*\(\s*['"`]on/i],
  ['setAttribute href/src/style', /setAttribute\s*\(\s*['"`](href|src|style|srcdoc|action|formaction)\b/i],
  ['.href =', /\.href\s*=(?!=)/],
  ['.src =', /\.src\s*=(?!=)/],
  ['.style', /\.style\b/],
  ['.on… handler property', /\.on[a-z]+\s*=(?!=)/],
  ['DOMParser / createContextualFragment', /\b(DOMParser|createContextualFragment)\b/],
  ['window.open / location', /\b(window\.open|location\s*\.\s*(href|assign|replace)|location\s*=)/],
  ['fetch / XMLHttpRequest', /\b(fetch\s*\(|XMLHttpRequest)\b/],
];

function forbiddenUses(source: string): string[] {
  // comments may name the APIs they avoid
  const code = source.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`])\/\/.*$/gm, '$1');
  return FORBIDDEN.filter(([, pattern]) => pattern.test(code)).map(([name]) => name);
}

function sourcesUnder(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f));
}

test('the forbidden-API scan catches each API it names', () => {
  const samples: [string, string][] = [
    ['innerHTML', 'node.innerHTML = text;'],
    ['outerHTML', 'x.outerHTML = y'],
    ['insertAdjacentHTML', "node.insertAdjacentHTML('beforeend', t)"],
    ['document.write', 'document.write(t)'],
    ['eval', 'eval(code)'],
    ['new Function', 'new Function("return 1")'],
    ['setAttribute on…', "node.setAttribute('onclick', x)"],
    ['setAttribute href/src/style', 'a.setAttribute("href", url)'],
    ['.href =', 'a.href = url;'],
    ['.src =', 'img.src = url;'],
    ['.style', 'node.style.color = c;'],
    ['.on… handler property', 'node.onclick = f;'],
    ['DOMParser / createContextualFragment', 'new DOMParser()'],
    ['window.open / location', 'window.open(u)'],
    ['fetch / XMLHttpRequest', 'fetch(u)'],
  ];
  for (const [name, sample] of samples) assert.deepEqual(forbiddenUses(sample), [name], sample);
  assert.deepEqual(forbiddenUses("// no innerHTML here\nconst a = b === c;\nnode.textContent = t; if (x.href === y) {}"), []);
});

test('the Investigate page sources use none of the forbidden APIs', () => {
  const files = sourcesUnder(webviewDir);
  assert.ok(files.some((f) => f.endsWith(path.join('investigate', 'main.ts'))), 'main.ts is scanned');
  assert.ok(files.length >= 8, `${files.length} page modules`);
  const found = files.flatMap((f) => forbiddenUses(readFileSync(f, 'utf8')).map((api) => `${path.relative(root, f)}: ${api}`));
  assert.deepEqual(found, []);
});

test('the page imports only types from outside src/webview, and nothing from node or vscode', () => {
  for (const file of sourcesUnder(webviewDir)) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/^import\s+(type\s+)?[^'"]*from\s+['"]([^'"]+)['"]/gm)) {
      const [statement, typeOnly, specifier] = match;
      const target = path.resolve(path.dirname(file), specifier!);
      const inside = specifier!.startsWith('.') && target.startsWith(webviewDir + path.sep);
      assert.ok(inside || typeOnly, `${path.relative(root, file)}: ${statement}`);
    }
    assert.doesNotMatch(source, /require\s*\(|import\s*\(/, `${path.relative(root, file)} loads nothing at run time`);
  }
});

test('the page document carries the exact CSP, a nonce on its only script, and the stylesheets in order', () => {
  const nonce = 'q3J0bHx8c2VjcmV0bm9uY2U9PQ==';
  const html = investigatePageHtml({
    cspSource: 'https://*.vscode-cdn.net',
    nonce,
    scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/investigate.js',
    styleUris: ['https://x.vscode-cdn.net/codicon.css', 'https://x.vscode-cdn.net/investigate.css'],
    title: 'Investigate evil-pkg',
  });
  const csp = html.match(/<meta http-equiv="Content-Security-Policy" content="([^"]*)">/)?.[1];
  assert.equal(
    csp,
    "default-src &#39;none&#39;; script-src &#39;nonce-q3J0bHx8c2VjcmV0bm9uY2U9PQ==&#39;; style-src https://*.vscode-cdn.net; font-src https://*.vscode-cdn.net; img-src https://*.vscode-cdn.net; connect-src &#39;none&#39;; frame-src &#39;none&#39;; form-action &#39;none&#39;; base-uri &#39;none&#39;",
  );
  assert.deepEqual([...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]), [`<script nonce="${nonce}" src="https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview/investigate.js">`]);
  assert.deepEqual([...html.matchAll(/<link rel="stylesheet" href="([^"]*)">/g)].map((m) => m[1]), ['https://x.vscode-cdn.net/codicon.css', 'https://x.vscode-cdn.net/investigate.css']);
  assert.match(html, /<main id="root"><\/main>/);
  assert.match(html, /<title>Investigate evil-pkg<\/title>/);
  assert.doesNotMatch(html, /style=|<style|\bon[a-z]+=/i);
});

test('every value in the page document is escaped', () => {
  const html = investigatePageHtml({
    cspSource: 'https://a.example',
    nonce: 'abcdefghijklmnop',
    scriptUri: 'x"><script>alert(1)</script>',
    styleUris: ["y'><img src=x onerror=alert(1)>"],
    title: '</title><script>alert(1)</script>',
  });
  assert.equal([...html.matchAll(/<script\b/g)].length, 1);
  assert.doesNotMatch(html, /<img/);
  assert.match(html, /src="x&#34;&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;"/);
  assert.match(html, /<title>&#60;\/title&#62;&#60;script&#62;alert\(1\)&#60;\/script&#62;<\/title>/);
  assert.equal(escapeHtml(`&<>"'`), '&#38;&#60;&#62;&#34;&#39;');
});

test('a nonce or CSP source that could change the policy is refused', () => {
  assert.throws(() => investigateCsp("https://a.example; script-src 'unsafe-inline'", 'abcdefghijklmnop'), /invalid CSP source/);
  assert.throws(() => investigateCsp('https://a.example', "abc' 'unsafe-inline"), /invalid nonce/);
  assert.throws(() => investigateCsp('https://a.example', 'short'), /invalid nonce/);
  assert.throws(() => investigateCsp('', 'abcdefghijklmnop'), /invalid CSP source/);
  assert.throws(() => investigateCsp("'self' 'unsafe-inline'", 'abcdefghijklmnop'), /invalid CSP source/);
  assert.throws(() => investigateCsp('https://a.example,https://b.example', 'abcdefghijklmnop'), /invalid CSP source/);
  // code-server serves webviews from its own origin and says so with 'self'
  assert.match(investigateCsp("'self' https://*.vscode-cdn.net", 'abcdefghijklmnop'), /; style-src 'self' https:\/\/\*\.vscode-cdn\.net; font-src 'self' https:/);
  assert.match(investigateCsp('https://a.example', 'abcdefghijklmnop'), /^default-src 'none'; script-src 'nonce-abcdefghijklmnop'; /);
});
