import assert from 'node:assert/strict';
import { test } from 'node:test';
import { diagnosticFor, lookupUnavailableDiagnostic } from '../../../src/editor/model/diagnosticData';
import { DEFAULT_SEVERITY } from '../../../src/editor/model/settings';
import { verdictView } from '../../../src/editor/model/verdictView';
import { unknownResult } from '../../../src/engine/scan/result';
import { finding, result } from './fixtures';

const range = { start: { line: 4, column: 4 }, end: { line: 4, column: 14 } };
const options = { severity: { ...DEFAULT_SEVERITY } };
const pkg = { name: 'evil-pkg', version: '1.0.1' };

test('a malicious scan is an Error named by verdict, package and first reason, linking the rule page', () => {
  const d = diagnosticFor(verdictView({ name: 'evil-pkg', version: '1.0.1', result: result() }), pkg, range, options)!;
  assert.equal(d.severity, 'error');
  assert.equal(d.message, 'Malicious: evil-pkg@1.0.1 — Sends process.env to a hard-coded host');
  assert.deepEqual(d.code, { value: 'env-exfil', target: 'https://github.com/takedown-dev/takedown/blob/main/docs/rules/env-exfil.md' });
  assert.deepEqual(d.range, range);
  assert.deepEqual(d.related, [
    { path: 'lib/index.js', line: 12, message: 'env-exfil: Sends process.env to a hard-coded host' },
    { path: 'package.json', line: 7, message: 'install-script: Runs node install.js at install time' },
  ]);
});

test('suspicious is a Warning and notable follows its severity setting (Information by default, or hidden)', () => {
  const suspicious = diagnosticFor(verdictView({ name: 'x', result: result({ verdict: 'suspicious', score: 5 }) }), pkg, range, options)!;
  assert.equal(suspicious.severity, 'warning');
  assert.match(suspicious.message, /^Suspicious: evil-pkg@1\.0\.1 — /);
  const notable = verdictView({ name: 'x', result: result({ verdict: 'notable', score: 2, reason: 'Runs node install.js at install time' }) });
  assert.equal(diagnosticFor(notable, pkg, range, options)!.severity, 'information');
  assert.equal(diagnosticFor(notable, pkg, range, { severity: { ...DEFAULT_SEVERITY, notable: 'hint' } })!.severity, 'hint');
  assert.equal(diagnosticFor(notable, pkg, range, { severity: { ...DEFAULT_SEVERITY, notable: 'none' } }), undefined);
  assert.equal(diagnosticFor(verdictView({ name: 'x', result: result({ verdict: 'clean', score: 0, findings: [], reason: 'No findings.' }) }), pkg, range, options), undefined, 'clean shows nothing');
});

test('unknown is Information with the short reason: registry unreachable, too large, the scan timed out', () => {
  const cases: [string, string][] = [
    ['E_FETCH', 'registry unreachable'],
    ['E_TIMEOUT', 'registry unreachable'],
    ['E_TOO_LARGE', 'too large'],
    ['E_SCAN_TIMEOUT', 'the scan timed out'],
    ['E_WORKER_CRASHED', 'the scan crashed'],
  ];
  for (const [code, reason] of cases) {
    const d = diagnosticFor(verdictView({ name: 'left-pad', result: unknownResult('left-pad@1.3.0', 'left-pad', '1.3.0', code, 'Not scanned: request to https://registry.npmjs.org/left-pad failed') }), { name: 'left-pad', version: '1.3.0' }, range, options)!;
    assert.equal(d.severity, 'information', code);
    assert.equal(d.message, `Unknown: left-pad@1.3.0 — ${reason}`, code);
    assert.equal(d.code, undefined);
  }
});

test('a known MAL- record makes the package malicious without a scan, linking the OSV page built from the id', () => {
  const view = verdictView({ name: 'evil-pkg', version: '1.0.1', knownMalware: { status: 'hit', records: [{ id: 'MAL-2025-1234', summary: 'Malicious code in evil-pkg (npm)', url: 'https://attacker.invalid/', aliases: [] }] } });
  const d = diagnosticFor(view, pkg, range, options)!;
  assert.equal(d.message, 'Malicious: evil-pkg@1.0.1 — known malware (MAL-2025-1234): Malicious code in evil-pkg (npm)');
  assert.deepEqual(d.code, { value: 'MAL-2025-1234', target: 'https://osv.dev/vulnerability/MAL-2025-1234' });
  const withdrawn = verdictView({ name: 'evil-pkg', knownMalware: { status: 'hit', records: [{ id: 'MAL-2025-9', summary: 'false positive', url: '', aliases: [], withdrawn: '2025-02-01T00:00:00Z' }] } });
  assert.equal(withdrawn, undefined, 'a withdrawn record says nothing');
});

test('a failed known-malware lookup is never clean: a clean analysis becomes unknown with the lookup reason', () => {
  const view = verdictView({ name: 'a', result: result({ verdict: 'clean', score: 0, findings: [], reason: 'No findings.' }), knownMalware: { status: 'unknown', reason: 'known-malware lookup unavailable: osv.dev unreachable' } })!;
  assert.equal(view.verdict, 'unknown');
  const d = diagnosticFor(view, { name: 'a', version: '1.0.0' }, range, options)!;
  assert.equal(d.message, 'Unknown: a@1.0.0 — known-malware lookup unavailable (osv.dev unreachable); the code analysis found nothing');
  const fromScanner = verdictView({ name: 'a', result: result({ verdict: 'clean', score: 0, findings: [], reason: 'No findings.', skipped: ['known-malware lookup unavailable: OSV querybatch: ENOTFOUND'] }) })!;
  assert.deepEqual([fromScanner.verdict, fromScanner.reason], ['unknown', 'known-malware lookup unavailable (OSV querybatch: ENOTFOUND); the code analysis found nothing']);
  const lookupOnly = verdictView({ name: 'a', knownMalware: { status: 'unknown', reason: 'known-malware lookup unavailable in this version' } })!;
  assert.equal(lookupOnly.verdict, 'unknown');
  const summary = lookupUnavailableDiagnostic(3, 10, 'osv.dev unreachable', options)!;
  assert.equal(summary.message, 'Unknown: known-malware lookup unavailable for 3 of 10 locked package(s) — osv.dev unreachable');
  assert.equal(summary.severity, 'information');
  assert.equal(lookupUnavailableDiagnostic(0, 10, 'x', options), undefined);
});

test('package text in a message cannot hide behind bidi controls or newlines', () => {
  const view = verdictView({ name: 'x', result: result({ reason: 'innocent\u202Etxt.exe\nsecond line', findings: [finding({ rule: 'obfuscated-code' })] }) })!;
  const d = diagnosticFor(view, { name: 'evil\u200Bpkg', version: '1.0.1' }, range, options)!;
  assert.equal(d.message, 'Malicious: evil[U+200B]pkg@1.0.1 — innocent[U+202E]txt.exe second line');
});

test('a rule id that is not kebab-case gets no link', () => {
  const view = verdictView({ name: 'x', result: result({ findings: [finding({ rule: '../../evil' })] }) })!;
  assert.equal(view.code, undefined);
});
