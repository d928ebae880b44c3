// The scanner's known-malware short-circuit against a real local registry (Verdaccio) and a fake
// OSV API: a known-malicious version is reported without its tarball ever being downloaded.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { OfflineOsvIndex } from '../../../src/engine/intel/offlineIndex';
import { OsvClient } from '../../../src/engine/intel/osvClient';
import { loadNpmConfig } from '../../../src/engine/registry/npmConfig';
import { RegistryClient } from '../../../src/engine/registry/registryClient';
import { NOT_DOWNLOADED } from '../../../src/engine/scan/knownMalware';
import { Scanner, type ScannerOptions } from '../../../src/engine/scan/scanner';
import { OSV_EXAMPLES, startFakeOsv, type FakeOsv } from '../../support/fakeOsv';
import { packFiles, startVerdaccio, type Verdaccio } from '../../support/verdaccio';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-scanner-intel-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const starting = startVerdaccio();
let reg: Verdaccio;
let osv: FakeOsv;

const INERT = "module.exports = function greet(name) { return 'hello ' + name; };\n";

before(async () => {
  reg = await starting;
  osv = await startFakeOsv();
  // The names and versions of the real OSV example records, with inert content.
  await reg.publish({ packageJson: { name: 'node-pino', version: '2.3.2', main: 'index.js', license: 'MIT' }, files: { 'index.js': INERT } }, { tag: 'evil' });
  await reg.publish({ packageJson: { name: 'node-pino', version: '2.3.3', main: 'index.js', license: 'MIT' }, files: { 'index.js': INERT } });
  await reg.publish({ packageJson: { name: 'tidy-pkg', version: '1.0.0', main: 'index.js', license: 'MIT' }, files: { 'index.js': INERT } });
  await reg.publish({ packageJson: { name: 'gone-colors', version: '0.0.1-security', description: 'security holding package', repository: { type: 'git', url: 'npm/security-holder' } }, files: { 'README.md': '# Security holding package\n' } });
  // No node-pino tarball can be served any more: a scan that tried to download one could not finish.
  rmSync(reg.tarballPath('node-pino', '2.3.2'));
  rmSync(reg.tarballPath('node-pino', '2.3.3'));
});

function scanner(extra: ScannerOptions = {}): Scanner {
  const config = loadNpmConfig({ trustedWorkspace: true, userConfigPath: path.join(tmp, 'none'), env: {}, overrides: { registry: reg.url } });
  return new Scanner({ registry: new RegistryClient({ config, timeoutMs: 10_000, retryBaseMs: 20, retries: 0 }), intel: new OsvClient({ endpoint: osv.url, retryBaseMs: 5, pauseAfterFailureMs: 0 }), ...extra });
}

test('a version OSV names as malware is malicious on the record alone, without downloading the tarball', async () => {
  for (const spec of ['2.3.2', 'evil']) {
    const r = await scanner().scanRegistry('node-pino', spec);
    assert.deepEqual([r.verdict, r.score, r.version, r.error], ['malicious', 10, '2.3.2', undefined], spec);
    assert.deepEqual(r.knownMalware?.map((k) => k.id), ['MAL-0000-node-pino']);
    assert.equal(r.findings.length, 1);
    const f = r.findings[0]!;
    assert.deepEqual([f.rule, f.kind, f.severity], ['known-malware', 'intel', 'critical']);
    assert.match(f.message, /^Known malware: MAL-0000-node-pino "node-pino is a one-edit typosquat of the popular `pino` logger.*" \(https:\/\/osv\.dev\/vulnerability\/MAL-0000-node-pino\)$/);
    assert.equal(r.reason, f.message);
    assert.deepEqual([r.files, r.skipped], [[], [NOT_DOWNLOADED]]);
  }
  // The control: a version OSV does not name needs its tarball, which is gone, so that scan cannot finish.
  const control = await scanner().scanRegistry('node-pino', '2.3.3');
  assert.equal(control.verdict, 'unknown');
  assert.match(control.reason, /^Not scanned: tarball node-pino@2\.3\.3/);
  assert.equal(control.knownMalware, undefined);
});

test('a lookup that fails is said in skipped, and code analysis goes on (never "not malware")', async () => {
  const down = await startFakeOsv();
  down.misbehave({ status: 500 });
  const r = await scanner({ intel: new OsvClient({ endpoint: down.url, retries: 0, pauseAfterFailureMs: 0 }) }).scanRegistry('tidy-pkg', '1.0.0');
  // Inert code: whatever the code and metadata rules say, it is not malicious, and it was analysed.
  assert.ok(r.verdict === 'clean' || r.verdict === 'notable', `${r.verdict}: ${r.reason}`);
  assert.ok(r.files.some((f) => f.path === 'index.js'), 'the package was analysed');
  assert.equal(r.findings.filter((f) => f.kind === 'intel').length, 0);
  assert.ok(r.skipped.includes('known-malware lookup unavailable: OSV querybatch: HTTP 500 Internal Server Error'), JSON.stringify(r.skipped));
  // With a working lookup the same scan skips nothing.
  assert.deepEqual((await scanner().scanRegistry('tidy-pkg', '1.0.0')).skipped.filter((s) => s.startsWith('known-malware')), []);
});

test('offline with a local OSV folder: a locked exact version is looked up without any network', async () => {
  const folder = path.join(tmp, 'osv-folder', 'npm', 'node-pino');
  mkdirSync(folder, { recursive: true });
  copyFileSync(path.join(OSV_EXAMPLES, 'new-report-MAL-0000-node-pino.json'), path.join(folder, 'MAL-0000-node-pino.json'));
  const intel = await OfflineOsvIndex.build(path.join(tmp, 'osv-folder'));
  const offline = new Scanner({ offline: true, intel });
  const hit = await offline.scanRegistry('node-pino', '2.3.2');
  assert.deepEqual([hit.verdict, hit.knownMalware?.[0]?.id], ['malicious', 'MAL-0000-node-pino']);
  const other = await offline.scanRegistry('tidy-pkg', '1.0.0');
  assert.deepEqual([other.verdict, other.error?.code, other.skipped], ['unknown', 'E_OFFLINE', ['package download (offline)']]);
});

test('local folders and tarballs are looked up by their package.json name and version', async () => {
  const dir = path.join(tmp, 'local-pino');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'node-pino', version: '2.3.2', main: 'index.js' }));
  writeFileSync(path.join(dir, 'index.js'), INERT);
  const tgz = path.join(tmp, 'node-pino-2.3.2.tgz');
  writeFileSync(tgz, packFiles({ 'package.json': JSON.stringify({ name: 'node-pino', version: '2.3.2', main: 'index.js' }), 'index.js': INERT }));
  for (const r of [await scanner().scanDirectory(dir), await scanner().scanTarballFile(tgz)]) {
    assert.deepEqual([r.verdict, r.score, r.findings[0]?.rule, r.knownMalware?.[0]?.id], ['malicious', 10, 'known-malware', 'MAL-0000-node-pino'], r.target);
    assert.ok(r.files.some((f) => f.path === 'index.js'), 'local code is still analysed');
  }
  // Without a lookup source the same inert folder is clean: the verdict came from the record.
  const plain = await new Scanner().scanDirectory(dir);
  assert.ok(plain.verdict === 'clean' || plain.verdict === 'notable', `${plain.verdict}: ${plain.reason}`);
  assert.equal(plain.knownMalware, undefined);
  const nameless = path.join(tmp, 'nameless');
  mkdirSync(nameless, { recursive: true });
  writeFileSync(path.join(nameless, 'index.js'), INERT);
  assert.ok((await scanner().scanDirectory(nameless)).skipped.includes('known-malware lookup unavailable: package.json gives no name and version to look up'));
});

test("npm's security holding package sets registry.removedByNpm, also when the locked version is gone", async () => {
  const missing = await scanner().scanRegistry('gone-colors', '1.0.0');
  assert.equal(missing.verdict, 'unknown');
  assert.equal(missing.error?.code, 'E_NOT_FOUND');
  assert.equal(missing.registry?.removedByNpm?.probably, true);
  assert.match(missing.registry!.removedByNpm!.reason, /security holding package \(version 0\.0\.1-security, description "security holding package", repository npm\/security-holder\)/);
  const placeholder = await scanner().scanRegistry('gone-colors', 'latest');
  assert.equal(placeholder.version, '0.0.1-security');
  assert.equal(placeholder.registry?.removedByNpm?.probably, true);
  assert.equal((await scanner().scanRegistry('tidy-pkg', '1.0.0')).registry?.removedByNpm, undefined);
});
