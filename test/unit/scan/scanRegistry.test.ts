// The scan pipeline and the CLI against a real local registry (Verdaccio, no uplinks).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { loadNpmConfig } from '../../../src/engine/registry/npmConfig';
import { RegistryClient } from '../../../src/engine/registry/registryClient';
import { VerdictCache } from '../../../src/engine/registry/verdictCache';
import type { ScanResult } from '../../../src/engine/scan/result';
import { Scanner } from '../../../src/engine/scan/scanner';
import { startVerdaccio, type Published, type Verdaccio } from '../../support/verdaccio';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-scan-test-'));
// An empty folder of OSV records: the CLI and worker look known malware up there, never on the real OSV.dev.
const noOsv = mkdtempSync(path.join(tmp, 'osv-'));
const cli = path.join(__dirname, '../../../dist/cli.js');
const starting = startVerdaccio();
let reg: Verdaccio;
let clean: Published;
let dropper: Published;

const DROPPER = `'use strict';
const p = 'Y29uc29sZS5sb2coImluZXJ0IHRlc3QgZml4dHVyZSIp';
eval(Buffer.from(p, 'base64').toString());
`;

before(async () => {
  reg = await starting;
  clean = await reg.publish({ packageJson: { name: 'tidy-helper', version: '1.0.0', main: 'index.js', license: 'MIT' }, files: { 'index.js': 'module.exports = (a, b) => a + b;\n' } });
  dropper = await reg.publish({ packageJson: { name: 'tidy-helpers', version: '2.0.0', main: 'index.js', license: 'MIT' }, files: { 'index.js': DROPPER } });
});

function scanner(extra: ConstructorParameters<typeof Scanner>[0] = {}): Scanner {
  const config = loadNpmConfig({ trustedWorkspace: true, userConfigPath: path.join(tmp, 'none'), env: {}, overrides: { registry: reg.url } });
  // Everything here was published a moment ago: the cool-down (its own tests: test/unit/metadata) is off.
  return new Scanner({ registry: new RegistryClient({ config, timeoutMs: 10_000, retryBaseMs: 20 }), coolDownHours: 0, ...extra });
}

test('a registry package is fetched, analysed and explained', async () => {
  const bad = await scanner().scanRegistry('tidy-helpers', '^2.0.0');
  assert.equal(bad.version, '2.0.0');
  assert.equal(bad.integrity, dropper.integrity);
  assert.ok(bad.verdict === 'suspicious' || bad.verdict === 'malicious', bad.verdict);
  assert.equal(bad.findings[0]!.rule, 'dynamic-code-decoded');
  assert.deepEqual([bad.findings[0]!.file, bad.findings[0]!.line], ['index.js', 3]);

  const good = await scanner().scanRegistry('tidy-helper', '1.0.0');
  assert.deepEqual([good.verdict, good.score, good.integrity], ['clean', 0, clean.integrity]);
});

test('failures are unknown with the reason, never clean', async () => {
  const missing = await scanner().scanRegistry('no-such-package-anywhere', '1.0.0');
  assert.deepEqual([missing.verdict, missing.error?.code], ['unknown', 'E_NOT_FOUND']);
  assert.match(missing.reason, /^Not scanned: /);

  const offline = await new Scanner({ offline: true }).scanRegistry('tidy-helper', '1.0.0');
  assert.deepEqual([offline.verdict, offline.error?.code], ['unknown', 'E_OFFLINE']);
  assert.ok(offline.skipped.includes('package download (offline)'));

  const dead = new Scanner({ registry: new RegistryClient({ config: loadNpmConfig({ trustedWorkspace: true, userConfigPath: path.join(tmp, 'none'), env: {}, overrides: { registry: 'http://127.0.0.1:9/' } }), timeoutMs: 2000, retries: 0 }) });
  const unreachable = await dead.scanRegistry('tidy-helper', '1.0.0');
  assert.equal(unreachable.verdict, 'unknown');
  assert.ok(['E_FETCH', 'E_TIMEOUT'].includes(unreachable.error!.code), unreachable.error!.code);
});

test('a lockfile integrity that does not match what the registry serves is a finding', async () => {
  const locked = 'sha512-' + Buffer.alloc(64, 7).toString('base64');
  const result = await scanner().scanRegistry('tidy-helper', '1.0.0', { integrity: locked });
  assert.equal(result.verdict, 'suspicious');
  assert.equal(result.findings[0]!.rule, 'integrity-mismatch');
  assert.match(result.findings[0]!.message, /differs from the lockfile's/);
});

test('verdicts are cached by name, version, integrity and engine version', async () => {
  const cache = new VerdictCache<ScanResult>({ dir: path.join(tmp, 'cache') });
  const first = await scanner({ cache }).scanRegistry('tidy-helpers', '2.0.0');
  // A scanner with no registry at all can still answer from the cache: nothing is fetched twice.
  const cachedScanner = new Scanner({ cache, coolDownHours: 0, registry: { manifest: async () => ({ ok: true, value: { name: 'tidy-helpers', version: '2.0.0', _integrity: dropper.integrity } }), tarball: async () => assert.fail('tarball fetched despite a cached verdict') } as never });
  const second = await cachedScanner.scanRegistry('tidy-helpers', '2.0.0');
  assert.deepEqual([second.verdict, second.score, second.findings.length], [first.verdict, first.score, first.findings.length]);
});

test('cli: scan name@version, a lockfile, JSON, SARIF and --fail-on', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, 'scan', '--registry', reg.url, '--cool-down', '0', '--osv-dir', noOsv, ...args], { encoding: 'utf8', cwd: tmp, env: { ...process.env, npm_config_userconfig: path.join(tmp, 'none') } });
  const human = run('tidy-helpers@2.0.0', 'tidy-helper@1.0.0');
  assert.equal(human.status, 0, human.stderr);
  assert.match(human.stdout, /^(MALICIOUS|SUSPICIOUS) +tidy-helpers@2\.0\.0 score [\d.]+: Runs code produced by Buffer\.from/m);
  assert.doesNotMatch(human.stdout, /tidy-helper@1\.0\.0 score/);
  assert.match(human.stdout, /2 package\(s\): .*1 clean/);

  assert.equal(run('--fail-on', 'suspicious', 'tidy-helpers@2.0.0').status, 1);
  assert.equal(run('--fail-on', 'suspicious', 'tidy-helper@1.0.0').status, 0);

  const lock = path.join(tmp, 'package-lock.json');
  writeFileSync(lock, JSON.stringify({ name: 'app', lockfileVersion: 3, requires: true, packages: { '': { dependencies: { 'tidy-helper': '1.0.0', 'tidy-helpers': '^2.0.0' } }, 'node_modules/tidy-helper': { version: '1.0.0', integrity: clean.integrity }, 'node_modules/tidy-helpers': { version: '2.0.0', integrity: dropper.integrity } } }, null, 2));
  const json = JSON.parse(run('--json', lock).stdout) as { target: string; name: string; version: string; verdict: string; findings: { rule: string; line: number; file: string }[] }[];
  assert.deepEqual(json.map((r) => [r.name, r.version]).sort(), [['tidy-helper', '1.0.0'], ['tidy-helpers', '2.0.0']]);
  const flagged = json.find((r) => r.name === 'tidy-helpers')!;
  assert.deepEqual([flagged.findings[0]!.rule, flagged.findings[0]!.file, flagged.findings[0]!.line], ['dynamic-code-decoded', 'index.js', 3]);

  const sarif = JSON.parse(run('--sarif', 'tidy-helpers@2.0.0').stdout) as { version: string; runs: { tool: { driver: { rules: { id: string }[] } }; results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[] };
  assert.equal(sarif.version, '2.1.0');
  const result = sarif.runs[0]!.results.find((r) => r.ruleId === 'dynamic-code-decoded')!;
  assert.deepEqual([result.locations[0]!.physicalLocation.artifactLocation.uri, result.locations[0]!.physicalLocation.region.startLine], ['tidy-helpers@2.0.0/index.js', 3]);
  assert.ok(sarif.runs[0]!.tool.driver.rules.some((r) => r.id === 'dynamic-code-decoded'));

  const offline = spawnSync(process.execPath, [cli, 'scan', '--offline', 'tidy-helper@1.0.0'], { encoding: 'utf8', cwd: tmp });
  assert.match(offline.stdout, /UNKNOWN +tidy-helper@1\.0\.0 score 0: Not scanned: offline mode/);
  assert.match(offline.stdout, /skipped: package download \(offline\)/);
});

test('the engine worker pool scans a registry package off the calling thread', async (t) => {
  const { WorkerPool } = await import('../../../src/worker/pool');
  const pool = new WorkerPool({ script: path.join(__dirname, '../../../dist/worker.js'), size: 1 });
  t.after(() => pool.dispose());
  const settings = { trustedWorkspace: true, offline: false, registry: reg.url, userConfigPath: path.join(tmp, 'none'), osv: { offlineFolder: noOsv } };
  const result = await pool.run({ type: 'scanRegistry', name: 'tidy-helpers', spec: '2.0.0', settings });
  assert.equal(result.findings[0]!.rule, 'dynamic-code-decoded');
  await assert.rejects(pool.run({ type: 'scanRegistry', name: 'x', spec: '1', settings: { offline: 'yes' } } as never), (e: { code?: string }) => e.code === 'E_PROTOCOL');
});
