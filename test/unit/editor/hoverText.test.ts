import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandLink, HOVER_COMMANDS, hoverMarkdown, relativeAge } from '../../../src/editor/model/hoverText';
import { markdownText, plainText } from '../../../src/editor/model/safeText';
import { verdictView, type PackageState } from '../../../src/editor/model/verdictView';
import { finding, result } from './fixtures';

const now = new Date('2026-03-01T12:00:00Z');

/** Every link target in the Markdown: `](target` pairs that Markdown would read as links. */
function linkTargets(markdown: string): string[] {
  return [...markdown.matchAll(/(?<!\\)\]\(([^)\s]+)/g)].map((m) => m[1]!);
}

test('the hover shows verdict, score, findings with file:line, registry facts and our three commands', () => {
  const state: PackageState = {
    name: 'evil-pkg',
    version: '1.0.1',
    result: result({ registry: { publishedAt: '2026-03-01T07:00:00Z', publisher: 'mallory', maintainers: ['mallory'], previousVersion: '1.0.0', distTags: {}, versions: [], versionCount: 2, provenance: false } }),
    knownMalware: { status: 'hit', records: [{ id: 'MAL-2026-77', summary: 'Malicious code in evil-pkg (npm)', url: 'https://osv.dev/vulnerability/MAL-2026-77', aliases: [] }] },
  };
  const md = hoverMarkdown({ name: 'evil-pkg', version: '1.0.1', state, view: verdictView(state)!, now });
  assert.match(md, /^\*\*Takedown: Malicious\*\* — score 10\.0\/10 — evil\\-pkg\\@1\\\.0\\\.1/);
  assert.match(md, /lib\\\/index\\\.js:12\]\(command:takedown\.openPackageFile\?/);
  assert.match(md, /\[MAL\\-2026\\-77\]\(https:\/\/osv\.dev\/vulnerability\/MAL-2026-77\)/);
  assert.match(md, /\*\*Registry:\*\* published 5 hours ago \(2026\\-03\\-01 07\\:00 UTC\), by mallory, previous version 1\\\.0\\\.0/);
  const targets = linkTargets(md);
  const commands = targets.filter((t) => t.startsWith('command:')).map((t) => t.slice('command:'.length).split('?')[0]);
  assert.deepEqual([...new Set(commands)].sort(), ['takedown.allowVersion', 'takedown.investigate', 'takedown.openPackageFile', 'takedown.reportToOsv']);
  assert.ok(commands.every((c) => (HOVER_COMMANDS as readonly string[]).includes(c!)));
  assert.deepEqual(targets.filter((t) => !t.startsWith('command:')), ['https://osv.dev/vulnerability/MAL-2026-77']);
  const investigate = targets.find((t) => t.startsWith('command:takedown.investigate?'))!;
  assert.deepEqual(JSON.parse(decodeURIComponent(investigate.split('?')[1]!)), [{ name: 'evil-pkg', version: '1.0.1' }]);
});

test('package text cannot become a link, an image, HTML or a command in the hover', () => {
  const hostile = 'click [here](command:workbench.action.terminal.sendSequence?%5B%22rm%22%5D) ![x](https://img.attacker.invalid/x.png) <img src=x onerror=alert(1)> https://phish.attacker.invalid/login **bold**';
  const state: PackageState = {
    name: 'pkg',
    version: '1.0.0',
    result: result({ name: 'pkg', reason: hostile, findings: [finding({ message: hostile, file: '](command:evil)/x.js' })], registry: { publisher: '[admin](https://attacker.invalid)', maintainers: [], distTags: {}, versions: [], versionCount: 1, provenance: false } }),
    knownMalware: { status: 'hit', records: [{ id: 'javascript:alert(1)', summary: hostile, url: 'javascript:alert(1)', aliases: [] }] },
  };
  const md = hoverMarkdown({ name: 'pkg)](command:evil', version: '1.0.0', state, view: verdictView(state)!, now });
  const targets = linkTargets(md);
  for (const t of targets) assert.ok(/^command:takedown\.(investigate|reportToOsv|allowVersion|openPackageFile)\?/.test(t) || t.startsWith('https://osv.dev/'), `unexpected link target ${t}`);
  assert.ok(!/(?<!\\)<img/.test(md) && md.includes('\\<img'), 'HTML shows escaped, as text');
  assert.ok(!/(?<!\\)https:\/\/phish/.test(md), 'no autolink');
  assert.ok(!md.includes('javascript:alert'), 'a record id that is not an OSV id is escaped, not linked');
  // the odd name is carried inside the command arguments, percent-encoded, parentheses included
  const allow = targets.find((t) => t.startsWith('command:takedown.allowVersion?'))!;
  assert.ok(!allow.includes('(') && !allow.includes(')'));
  assert.deepEqual(JSON.parse(decodeURIComponent(allow.split('?')[1]!)), [{ name: 'pkg)](command:evil', version: '1.0.0' }]);
});

test('an entry that was not scanned says why and offers a scan', () => {
  const md = hoverMarkdown({ name: 'left-pad', spec: '^1.3.0', notScanned: 'outside takedown.scan.scope "added"', now });
  assert.equal(md, '**Takedown:** left\\-pad\\@\\^1\\.3\\.0 — not scanned: outside takedown\\.scan\\.scope \\"added\\"\n\n[Scan this package](command:takedown.scanPackage?%5B%22left-pad%40%5E1.3.0%22%5D)');
  const lookedUp = hoverMarkdown({ name: 'ms', version: '2.1.3', state: { name: 'ms', version: '2.1.3', knownMalware: { status: 'none' } }, now });
  assert.equal(lookedUp, '**Takedown:** ms\\@2\\.1\\.3 — not scanned yet\n\nNo known-malware record names this version (OSV).\n\n[Scan this package](command:takedown.scanPackage?%5B%22ms%402.1.3%22%5D)');
  const pending = hoverMarkdown({ name: 'left-pad', version: '1.3.0', state: { name: 'left-pad', version: '1.3.0', pending: true }, now });
  assert.equal(pending, '**Takedown:** left\\-pad\\@1\\.3\\.0 — scanning…');
  const allowed = hoverMarkdown({ name: 'x', version: '1.0.0', allowed: { package: 'x@1.0.0', by: 'ana', at: '2026-02-02T10:00:00Z' }, now });
  assert.equal(allowed, '**Takedown: allowed** x\\@1\\.0\\.0\n\nAllowed by ana on 2026\\-02\\-02 (`takedown.allow`).');
});

test('command links encode their JSON arguments so Markdown cannot end the link early', () => {
  assert.equal(commandLink('Go', 'takedown.investigate', [{ name: "a'(b)*!" }]), '[Go](command:takedown.investigate?%5B%7B%22name%22%3A%22a%27%28b%29%2A%21%22%7D%5D)');
});

test('safe text: controls become visible, length is capped without splitting a surrogate pair', () => {
  assert.equal(plainText('a\u0007b\u2066c'), 'a[U+0007]b[U+2066]c');
  assert.equal(plainText('x'.repeat(10), 5), 'xxxx…');
  assert.equal(plainText('abc😀def', 5), 'abc…');
  assert.equal(markdownText('[a](b) `c` *d* <e>'), '\\[a\\]\\(b\\) \\`c\\` \\*d\\* \\<e\\>');
});

test('publish times read as an age', () => {
  assert.equal(relativeAge('2026-03-01T11:30:00Z', now), 'less than an hour ago');
  assert.equal(relativeAge('2026-02-28T12:00:00Z', now), '24 hours ago');
  assert.equal(relativeAge('2026-02-01T12:00:00Z', now), '28 days ago');
  assert.equal(relativeAge('not a date', now), undefined);
});
