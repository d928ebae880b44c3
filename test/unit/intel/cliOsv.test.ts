// `takedown scan --osv-url / --osv-dir / --offline` on a lockfile, against Verdaccio and a fake OSV.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { after, before, test } from 'node:test';
import { OSV_EXAMPLES, startFakeOsv, type FakeOsv } from '../../support/fakeOsv';
import { startVerdaccio, type Published, type Verdaccio } from '../../support/verdaccio';

const root = path.join(__dirname, '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-cli-osv-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const starting = startVerdaccio();
let reg: Verdaccio;
let osv: FakeOsv;
let lockfile: string;
let osvDir: string;

const INERT = "module.exports = function greet(name) { return 'hello ' + name; };\n";

before(async () => {
  reg = await starting;
  osv = await startFakeOsv();
  const pino: Published = await reg.publish({ packageJson: { name: 'node-pino', version: '2.3.2', main: 'index.js' }, files: { 'index.js': INERT } });
  const tidy: Published = await reg.publish({ packageJson: { name: 'tidy-pkg', version: '1.0.0', main: 'index.js' }, files: { 'index.js': INERT } });
  // The known-malicious version cannot be downloaded: only the lookup can say what it is.
  rmSync(reg.tarballPath('node-pino', '2.3.2'));
  const project = path.join(tmp, 'project');
  mkdirSync(project);
  lockfile = path.join(project, 'package-lock.json');
  writeFileSync(lockfile, JSON.stringify({
    name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true,
    packages: {
      '': { name: 'app', version: '1.0.0', dependencies: { 'node-pino': '^2.3.2', 'tidy-pkg': '^1.0.0' } },
      'node_modules/node-pino': { version: '2.3.2', resolved: pino.tarballUrl, integrity: pino.integrity },
      'node_modules/tidy-pkg': { version: '1.0.0', resolved: tidy.tarballUrl, integrity: tidy.integrity },
    },
  }, null, 2));
  osvDir = path.join(tmp, 'osv', 'malicious', 'npm', 'node-pino');
  mkdirSync(osvDir, { recursive: true });
  copyFileSync(path.join(OSV_EXAMPLES, 'new-report-MAL-0000-node-pino.json'), path.join(osvDir, 'MAL-0000-node-pino.json'));
  osvDir = path.join(tmp, 'osv');
});

/** The CLI from source in a child process (async: the fake OSV answers from this process). */
function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), ...args], { cwd: tmp, env: { ...process.env, npm_config_userconfig: path.join(tmp, 'no-npmrc') }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, err: stderr });
    });
  });
}

interface JsonResult {
  name: string;
  version: string;
  verdict: string;
  skipped: string[];
  findings: { rule: string; kind: string; message: string }[];
}

test('--osv-url: every locked package in one batch first; the known-malicious one is reported without a download', async () => {
  const run = await cli('scan', '--json', '--fail-on', 'malicious', '--registry', reg.url, '--osv-url', osv.url, lockfile);
  assert.equal(run.code, 1, run.err);
  const results = JSON.parse(run.out) as JsonResult[];
  const pino = results.find((r) => r.name === 'node-pino')!;
  assert.deepEqual([pino.version, pino.verdict, pino.findings[0]?.rule, pino.findings[0]?.kind], ['2.3.2', 'malicious', 'known-malware', 'intel']);
  assert.match(pino.findings[0]!.message, /MAL-0000-node-pino .*https:\/\/osv\.dev\/vulnerability\/MAL-0000-node-pino/);
  assert.ok(pino.skipped.includes('code analysis (known malware: the package was not downloaded)'));
  const tidy = results.find((r) => r.name === 'tidy-pkg')!;
  assert.ok(tidy.verdict === 'clean' || tidy.verdict === 'notable', tidy.verdict);
  assert.deepEqual(tidy.skipped.filter((s) => s.startsWith('known-malware')), []);
  assert.deepEqual(osv.batches[0]!.queries.map((q) => `${q.package.name}@${q.version}`).sort(), ['node-pino@2.3.2', 'tidy-pkg@1.0.0']);
  assert.equal(osv.batches.length, 1, 'the batch answered for every locked package: nothing asked twice');
});

test('--offline --osv-dir: known malware from the local folder, the rest unknown with what was skipped', async () => {
  const run = await cli('scan', '--offline', '--osv-dir', osvDir, lockfile);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^MALICIOUS {2}node-pino@2\.3\.2 score 10: Known malware: MAL-0000-node-pino /m);
  assert.match(run.out, /^UNKNOWN {4}tidy-pkg@1\.0\.0 score 0: Not scanned: offline mode/m);
  assert.match(run.out, /^2 package\(s\): 1 malicious, 1 unknown$/m);
  assert.match(run.out, /^skipped: package download \(offline\)$/m);
  assert.doesNotMatch(run.out, /known-malware lookup unavailable/);
});

test('--offline without --osv-dir: the lookup is skipped and the output says so', async () => {
  const run = await cli('scan', '--offline', lockfile);
  assert.equal(run.code, 0, run.err);
  assert.doesNotMatch(run.out, /MALICIOUS/);
  assert.match(run.out, /^skipped: known-malware lookup unavailable: offline: no local OSV folder configured$/m);
});

test('a failing OSV is reported as unavailable, never as "no malware"; bad flags are usage errors', async () => {
  const down = await startFakeOsv();
  down.misbehave({ status: 503 });
  const run = await cli('scan', '--json', '--registry', reg.url, '--osv-url', down.url, lockfile);
  const results = JSON.parse(run.out) as JsonResult[];
  const pino = results.find((r) => r.name === 'node-pino')!;
  // Not known, and its tarball is gone: unknown, with both reasons on record.
  assert.equal(pino.verdict, 'unknown');
  assert.ok(pino.skipped.some((s) => /^known-malware lookup unavailable: OSV querybatch: HTTP 503/.test(s)), JSON.stringify(pino.skipped));
  assert.equal((await cli('scan', '--osv-url', 'ftp://osv.invalid', lockfile)).code, 2);
  assert.equal((await cli('scan', '--offline', '--osv-url', 'https://osv.invalid', lockfile)).code, 2);
});
