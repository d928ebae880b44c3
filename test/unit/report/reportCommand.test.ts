import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import { main } from '../../../src/cli/main';
import { parseReportArgs, runReport, type ReportOptions } from '../../../src/cli/reportCommand';
import { validateRecord } from '../../../src/engine/report/validate';
import { startFakeGitHub } from '../../support/fakeGitHub';
import { sendJson, startFakeServer } from '../../support/fakeServer';
import { rawTgz } from '../tarball/rawTar';
import { readExample, schemaErrors } from './osvSchema';

const root = path.resolve(__dirname, '../../..');
const fixture = path.join(root, 'test/fixtures/rules/env-exfil/malicious/env-post');
const temp = mkdtempSync(path.join(os.tmpdir(), 'takedown-report-'));
after(() => rmSync(temp, { recursive: true, force: true }));

const NEW_PATH = 'osv/malicious/npm/build-helper-env/MAL-0000-build-helper-env-1-0-0.json';

function sink() {
  let text = '';
  return { write: (chunk: string) => (text += chunk), get text() { return text; } };
}

async function endpoints(osvVulns: unknown[] = [], files: Record<string, string> = {}) {
  const osv = await startFakeServer((_req, res) => sendJson(res, 200, { vulns: osvVulns }));
  const github = await startFakeGitHub({ files });
  return { osvApi: osv.url.replace(/\/$/, ''), githubApi: github.url, osv, github };
}

function options(target: string, extra: Partial<ReportOptions>): ReportOptions {
  return { target, versions: [], allVersions: false, credit: 'Jane Researcher', offline: false, ...extra };
}

test('cli report: scans a package folder, checks for a record, prints a valid new report', async () => {
  const e = await endpoints();
  const out = sink();
  const err = sink();
  const code = await runReport(options(fixture, { osvApi: e.osvApi, githubApi: e.githubApi, writeUp: 'https://blog.janeresearch.net/build-helper-env' }), out, err);
  assert.equal(code, 0, err.text);
  const record = JSON.parse(out.text) as Record<string, unknown> & { affected: { package: unknown; versions: string[] }[]; credits: unknown; references: unknown };
  assert.deepEqual(schemaErrors(record), []);
  assert.deepEqual(validateRecord(record, { filePath: NEW_PATH }).errors, []);
  assert.deepEqual(record.affected[0]!.package, { ecosystem: 'npm', name: 'build-helper-env' });
  assert.deepEqual(record.affected[0]!.versions, ['1.0.0']);
  assert.deepEqual(record.credits, [{ name: 'Jane Researcher', type: 'FINDER' }]);
  assert.deepEqual(record.references, [{ type: 'PACKAGE', url: 'https://www.npmjs.com/package/build-helper-env/v/1.0.0' }, { type: 'WEB', url: 'https://blog.janeresearch.net/build-helper-env' }]);
  assert.match(String(record.details), /^The npm package `build-helper-env` \(version 1\.0\.0\) contains code that .*It runs automatically when the package is installed \(its `postinstall` script\)/);
  assert.ok(!out.text.includes(root) && !out.text.includes(os.homedir()), 'no local path in the record');

  assert.deepEqual(e.osv.requests.map((r) => `${r.method} ${r.url}`), ['POST /v1/query']);
  assert.deepEqual(e.github.sequence(), ['GET /repos/ossf/malicious-packages/contents/osv/malicious/npm/build-helper-env']);
  const notes = err.text.split('\n');
  assert.ok(notes.includes(`takedown: repository path: ${NEW_PATH}`), err.text);
  assert.ok(notes.some((l) => l.startsWith('takedown: propose it in the browser: https://github.com/ossf/malicious-packages/new/main/osv/malicious/npm/build-helper-env?filename=MAL-0000-build-helper-env-1-0-0.json&value=%7B')), err.text);
  assert.ok(notes.includes('takedown: also tell npm: https://www.npmjs.com/support?inquire=security&security-inquire=malware&package=build-helper-env&version=1.0.0'), err.text);
});

test('cli report: --out writes the file at its repository path; a .tgz gets its sha1 and sha512', async () => {
  const pkg = readFileSync(path.join(fixture, 'package.json'), 'utf8');
  const tgz = rawTgz([{ path: 'package/package.json', body: pkg }, { path: 'package/setup.js', body: readFileSync(path.join(fixture, 'setup.js'), 'utf8') }]);
  const tgzFile = path.join(temp, 'build-helper-env-1.0.0.tgz');
  writeFileSync(tgzFile, tgz);
  const e = await endpoints();
  const out = sink();
  const err = sink();
  const outDir = path.join(temp, 'repo');
  assert.equal(await runReport(options(tgzFile, { osvApi: e.osvApi, githubApi: e.githubApi, out: outDir, versions: ['1.0.1'] }), out, err), 0, err.text);
  const file = path.join(outDir, ...NEW_PATH.split('/'));
  assert.equal(out.text, `${file}\n`);
  const record = JSON.parse(readFileSync(file, 'utf8')) as { affected: { versions: string[]; database_specific: { indicators: unknown } }[] };
  assert.deepEqual(record.affected[0]!.versions, ['1.0.0', '1.0.1']);
  assert.deepEqual(record.affected[0]!.database_specific.indicators, {
    package_integrity: [{ filename: 'build-helper-env-1.0.0.tgz', hashes: { sha1: createHash('sha1').update(tgz).digest('hex'), sha512_sri: `sha512-${createHash('sha512').update(tgz).digest('base64')}` } }],
  });
  assert.deepEqual(schemaErrors(record), []);
});

test('cli report: an existing record is updated instead of adding a MAL-0000 file', async () => {
  const existing: Record<string, unknown> = { ...readExample('new-report-MAL-0000-node-pino.json'), id: 'MAL-2026-3002', affected: [{ package: { ecosystem: 'npm', name: 'build-helper-env' }, versions: ['0.9.0'] }] };
  const existingPath = 'osv/malicious/npm/build-helper-env/MAL-2026-3002.json';
  const e = await endpoints([existing], { [existingPath]: JSON.stringify(existing) });
  const out = sink();
  const err = sink();
  assert.equal(await runReport(options(fixture, { osvApi: e.osvApi, githubApi: e.githubApi }), out, err), 0, err.text);
  const record = JSON.parse(out.text) as { id: string; details: string; affected: { versions: string[] }[]; credits: { name: string }[] };
  assert.equal(record.id, 'MAL-2026-3002');
  assert.equal(record.details, existing.details, 'the contributor text already there is kept');
  assert.deepEqual(record.affected[0]!.versions, ['0.9.0', '1.0.0']);
  assert.deepEqual(record.credits.map((c) => c.name), ['pkgproof (https://pkgproof.dev)', 'pkgproof (https://pkgproof.dev)', 'Jane Researcher']);
  assert.match(err.text, /takedown: build-helper-env already has MAL-2026-3002 \(osv\/malicious\/npm\/build-helper-env\/MAL-2026-3002\.json\), covering versions 0\.9\.0\.\n/);
  assert.match(err.text, /takedown: drafted an update of MAL-2026-3002 instead of a new file: adds 1\.0\.0, 1 reference\(s\), 1 credit\(s\)\.\n/);
  assert.match(err.text, /takedown: repository path: osv\/malicious\/npm\/build-helper-env\/MAL-2026-3002\.json\n/);
  assert.match(err.text, /takedown: edit it in the browser: https:\/\/github\.com\/ossf\/malicious-packages\/edit\/main\/osv\/malicious\/npm\/build-helper-env\/MAL-2026-3002\.json\n/);
});

test('cli report: a merged MAL-0000 file still waiting for its id is updated as a new report', async () => {
  const pending = { ...readExample('new-report-MAL-0000-node-pino.json'), affected: [{ package: { ecosystem: 'npm', name: 'build-helper-env' }, versions: ['0.9.0'], database_specific: { cwes: [{ cweId: 'CWE-506', name: 'Embedded Malicious Code', description: 'The product contains code that appears to be malicious in nature.' }] } }] };
  const pendingPath = 'osv/malicious/npm/build-helper-env/MAL-0000-build-helper-env.json';
  const e = await endpoints([], { [pendingPath]: JSON.stringify(pending) });
  const out = sink();
  const err = sink();
  assert.equal(await runReport(options(fixture, { osvApi: e.osvApi, githubApi: e.githubApi }), out, err), 0, err.text);
  const record = JSON.parse(out.text) as Record<string, unknown> & { affected: { versions: string[] }[] };
  assert.equal(record.id, undefined);
  assert.deepEqual(record.affected[0]!.versions, ['0.9.0', '1.0.0']);
  assert.match(err.text, /takedown: build-helper-env already has MAL-0000-build-helper-env \(osv\/malicious\/npm\/build-helper-env\/MAL-0000-build-helper-env\.json\), covering versions 0\.9\.0\.\n/);
  assert.deepEqual(validateRecord(record, { filePath: pendingPath }).errors, []);
});

test('cli report: nothing is drafted without evidence; an unchecked repository is said plainly', async () => {
  const plain = path.join(temp, 'plain-pkg');
  mkdirSync(plain);
  writeFileSync(path.join(plain, 'package.json'), JSON.stringify({ name: 'plain-pkg', version: '3.1.4', main: 'index.js' }));
  writeFileSync(path.join(plain, 'index.js'), 'module.exports = (a, b) => a + b;\n');
  const err = sink();
  assert.equal(await runReport(options(plain, { offline: true }), sink(), err), 1);
  assert.equal(err.text, 'takedown: not drafted: the scan found nothing malicious in plain-pkg@3.1.4 (verdict clean). A report is written from evidence.\n');

  const offline = sink();
  const out = sink();
  assert.equal(await runReport(options(fixture, { offline: true }), out, offline), 0);
  assert.match(offline.text, /takedown: note: could not check for an existing record \(offline: not checked\); if build-helper-env already has one, the repository will refuse a new file\.\n/);
  assert.equal(JSON.parse(out.text).affected[0].package.name, 'build-helper-env');

  const missing = sink();
  assert.equal(await runReport(options(path.join(temp, 'no-such-folder'), { offline: true }), sink(), missing), 1);
  assert.match(missing.text, /^takedown: not drafted: .*could not be scanned \(/);
});

test('cli report: argument checks', async () => {
  // Registered in the command line: a usage error exits 2.
  assert.equal(await main(['report', 'x@1.0.0']), 2);
  assert.equal(parseReportArgs(['x@1.0.0']), 'report needs --credit "your name" (the command line has no GitHub sign-in)');
  assert.equal(parseReportArgs(['--credit', 'me']), 'report takes one package: name@version, a package folder or a .tgz');
  assert.equal(parseReportArgs(['x', '--credit', 'me', '--version', 'latest']), '--version latest is not an exact version');
  assert.equal(parseReportArgs(['x', '--credit', 'me', '--write-up', 'http://x']), '--write-up takes an https:// URL');
  assert.equal(parseReportArgs(['x', '--credit', 'me', '--osv-url', 'file:///x']), '--osv-url takes an http(s) URL');
  assert.deepEqual(parseReportArgs(['@a/b@1.0.0', '--credit', ' me ', '--version', '1.0.1', '--version', '1.0.2', '--all-versions', '--out', 'o', '--repo', 'me/mirror', '--github-url', 'http://127.0.0.1:1']), {
    target: '@a/b@1.0.0', versions: ['1.0.1', '1.0.2'], allVersions: true, credit: 'me', offline: false, out: 'o', githubApi: 'http://127.0.0.1:1', repo: 'me/mirror',
  });
});
