// The metadata rules through Scanner.scanRegistry against a real local registry (Verdaccio, no uplinks).
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { loadNpmConfig } from '../../../src/engine/registry/npmConfig';
import { RegistryClient } from '../../../src/engine/registry/registryClient';
import { VerdictCache } from '../../../src/engine/registry/verdictCache';
import type { ScanResult } from '../../../src/engine/scan/result';
import { Scanner, type ScannerOptions } from '../../../src/engine/scan/scanner';
import { packFiles, startVerdaccio, type Verdaccio } from '../../support/verdaccio';

const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-metadata-test-'));
const starting = startVerdaccio();
let reg: Verdaccio;

const INDEX = "module.exports = (a, b) => a + b;\n";
const GYP = "{ 'targets': [ { 'target_name': 'addon', 'sources': [ 'addon.cc' ] } ] }\n";

before(async () => {
  reg = await starting;
  const base = { name: 'steady-widget', main: 'index.js', license: 'MIT', dependencies: { 'tidy-number-helper': '^1.0.0' } };
  await reg.publish({ packageJson: { ...base, version: '1.0.0' }, files: { 'index.js': INDEX } });
  // The release that adds a postinstall, a binding.gyp and a dependency.
  await reg.publish({
    packageJson: { ...base, version: '1.0.1', scripts: { postinstall: 'node setup.js' }, dependencies: { ...base.dependencies, 'plain-helper-js': '^4.2.1' } },
    files: { 'index.js': INDEX, 'setup.js': "console.log('inert fixture');\n", 'binding.gyp': GYP, 'addon.cc': '// fixture\n' },
  });
  await reg.publish({ packageJson: { ...base, version: '1.0.2' }, files: { 'index.js': INDEX } });
  await reg.publish({ packageJson: { name: 'tidy-helpr', version: '1.0.0', main: 'index.js' }, files: { 'index.js': INDEX } });
  await reg.publish({ packageJson: { name: 'tidy-helpre', version: '1.0.0', main: 'index.js', scripts: { preinstall: 'node index.js' } }, files: { 'index.js': INDEX } });
  // Manifest confusion: the registry is told there are no scripts; the tarball runs one.
  await reg.publish({
    packageJson: { name: 'two-faced-widget', version: '1.0.0', main: 'index.js' },
    tarball: packFiles({ 'package.json': JSON.stringify({ name: 'two-faced-widget', version: '1.0.0', main: 'index.js', scripts: { postinstall: 'node index.js' } }), 'index.js': INDEX }),
  });
});

function scanner(extra: ScannerOptions = {}): Scanner {
  const config = loadNpmConfig({ trustedWorkspace: true, userConfigPath: path.join(tmp, 'none'), env: {}, overrides: { registry: reg.url } });
  // Published seconds ago: a clock three days on keeps the cool-down out of tests about other rules.
  return new Scanner({ registry: new RegistryClient({ config, timeoutMs: 10_000, retryBaseMs: 20 }), versionDiff: false, now: () => new Date(Date.now() + 72 * 3_600_000), ...extra });
}

const rulesOf = (r: ScanResult, id: string) => r.findings.filter((f) => f.rule === id);

test('a release that adds a postinstall, a binding.gyp and a dependency is reported against the previous version', async () => {
  const result = await scanner().scanRegistry('steady-widget', '1.0.1');
  const anomalies = rulesOf(result, 'release-anomaly').map((f) => [f.severity, f.file, f.message]);
  assert.deepEqual(anomalies, [
    ['medium', 'package.json', 'Adds a postinstall script "node setup.js" that the previous version (1.0.0) did not have.'],
    ['medium', 'binding.gyp', 'Adds a binding.gyp, which node-gyp runs at install even with no install script, that the previous version (1.0.0) did not have.'],
    ['low', 'package.json', 'Adds a dependency (plain-helper-js) that the previous version (1.0.0) did not have.'],
  ]);
  assert.equal(result.registry?.previousVersion, '1.0.0');
  assert.equal(result.registry?.versionCount, 3);
  assert.deepEqual(result.registry?.versions.map((v) => v.version), ['1.0.2', '1.0.1', '1.0.0']);
  assert.match(result.registry?.publishedAt ?? '', /^\d{4}-\d\d-\d\dT/);
  assert.equal(result.registry?.provenance, false);
  assert.ok(!result.skipped.some((s) => s.startsWith('registry metadata checks')), result.skipped.join('; '));

  // The next release, back to the old shape, adds nothing.
  const next = await scanner().scanRegistry('steady-widget', '1.0.2');
  assert.deepEqual(rulesOf(next, 'release-anomaly'), []);
  assert.equal(next.registry?.previousVersion, '1.0.1');
});

test('a typosquat of a popular package is notable alone and suspicious with an install script', async () => {
  const popularPackages = { names: ['tidy-helper'] };
  const alone = await scanner({ popularPackages }).scanRegistry('tidy-helpr', '1.0.0');
  assert.deepEqual(rulesOf(alone, 'typosquat').map((f) => f.message), ['Name "tidy-helpr" is one typing mistake (a letter added, dropped, changed or swapped) away from the popular package "tidy-helper": a possible typosquat.']);
  assert.equal(alone.verdict, 'notable');

  const lure = await scanner({ popularPackages }).scanRegistry('tidy-helpre', '1.0.0');
  assert.equal(rulesOf(lure, 'typosquat').length, 1);
  assert.equal(lure.verdict, 'suspicious');
  assert.equal(lure.findings[0]!.rule, 'typosquat');

  // With the default list, the same names are nobody's typosquat.
  assert.deepEqual(rulesOf(await scanner().scanRegistry('tidy-helpr', '1.0.0'), 'typosquat'), []);
});

test('a registry manifest that hides the tarball install script is manifest confusion', async () => {
  const result = await scanner().scanRegistry('two-faced-widget', '1.0.0');
  const found = rulesOf(result, 'manifest-confusion');
  assert.deepEqual(found.map((f) => [f.severity, f.file, f.line, f.message]), [
    ['high', 'package.json', 1, 'The registry\'s manifest and the tarball\'s package.json disagree on scripts: the tarball runs postinstall ("node index.js"), which the registry does not show.'],
  ]);
  // Hiding the script it runs is intent: with the install-time code, scoring makes it malicious.
  assert.equal(result.verdict, 'malicious');
  assert.equal(result.findings[0]!.rule, 'manifest-confusion');
  // an honestly published package agrees with itself
  assert.deepEqual(rulesOf(await scanner().scanRegistry('steady-widget', '1.0.1'), 'manifest-confusion'), []);
});

test('cool-down follows the injected clock, and a fresh verdict is not cached', async () => {
  const cache = new VerdictCache<ScanResult>({ dir: path.join(tmp, 'cache') });
  const fresh = await scanner({ now: () => new Date(Date.now() + 3_600_000), cache }).scanRegistry('tidy-helpr', '1.0.0');
  const [finding] = rulesOf(fresh, 'cool-down');
  assert.match(finding?.message ?? '', /^Published (?:1 hour|\d+ minute)\(s\) ago \(.+\), within the 48-hour cool-down/);
  assert.equal(fresh.verdict, 'notable');
  assert.equal(await cache.get({ name: 'tidy-helpr', version: '1.0.0', integrity: fresh.integrity!, engineVersion: fresh.engineVersion }), undefined, 'a verdict that expires is not cached');

  assert.deepEqual(rulesOf(await scanner({ coolDownHours: 0.5, now: () => new Date(Date.now() + 3_600_000) }).scanRegistry('tidy-helpr', '1.0.0'), 'cool-down'), []);
  const old = await scanner({ cache }).scanRegistry('tidy-helpr', '1.0.0');
  assert.deepEqual(rulesOf(old, 'cool-down'), []);
  assert.equal(old.verdict, 'clean');
  // that clean verdict, cached under the default 48 hours, does not answer for a week-long cool-down
  assert.equal((await scanner({ cache, coolDownHours: 168 }).scanRegistry('tidy-helpr', '1.0.0')).verdict, 'notable');
});

test('private scopes and internal name patterns come from the scanner options', async () => {
  await reg.publish({ packageJson: { name: '@acme-corp/billing', version: '1.0.0', main: 'index.js' }, files: { 'index.js': INDEX } });
  const result = await scanner({ privateScopes: ['acme-corp'] }).scanRegistry('@acme-corp/billing', '1.0.0');
  assert.deepEqual(rulesOf(result, 'dependency-confusion').map((f) => f.severity), ['high']);
  assert.equal(result.verdict, 'suspicious');
  const pattern = await scanner({ internalNamePatterns: ['tidy-*'] }).scanRegistry('tidy-helpr', '1.0.0');
  assert.match(rulesOf(pattern, 'dependency-confusion')[0]?.message ?? '', /matches your internal package name pattern "tidy-\*"/);
  assert.deepEqual(rulesOf(await scanner().scanRegistry('@acme-corp/billing', '1.0.0'), 'dependency-confusion'), []);

  // A verdict cached before the scope was configured does not hide the confusion afterwards.
  const cache = new VerdictCache<ScanResult>({ dir: path.join(tmp, 'scope-cache') });
  assert.equal((await scanner({ cache }).scanRegistry('@acme-corp/billing', '1.0.0')).verdict, 'clean');
  assert.equal((await scanner({ cache, privateScopes: ['@acme-corp'] }).scanRegistry('@acme-corp/billing', '1.0.0')).verdict, 'suspicious');
  assert.equal((await scanner({ cache }).scanRegistry('@acme-corp/billing', '1.0.0')).verdict, 'clean');
});

test('when the packument cannot be fetched the metadata checks are skipped, and the result says so', async () => {
  const inner = scanner();
  const client = (inner as unknown as { options: { registry: RegistryClient } }).options.registry;
  const failing = new Proxy(client, {
    get(target, prop) {
      if (prop === 'packument') return async () => ({ ok: false, code: 'E_FETCH', message: 'packument tidy-helpr: HTTP 503', retryable: true, attempts: 3 });
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  const result = await new Scanner({ registry: failing, versionDiff: false, popularPackages: { names: ['tidy-helper'] } }).scanRegistry('tidy-helpr', '1.0.0');
  assert.ok(result.skipped.includes('registry metadata checks: packument tidy-helpr: HTTP 503'), result.skipped.join('; '));
  assert.equal(result.registry, undefined);
  assert.deepEqual(rulesOf(result, 'typosquat'), [], 'no registry facts, no metadata findings');
  assert.equal(result.verdict, 'clean', 'the code itself was analysed');
});
