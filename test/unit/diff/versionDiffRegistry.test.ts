// The version diff in a registry scan and in `takedown diff`, against a real local registry (Verdaccio).
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { build } from 'esbuild';
import { runDiff } from '../../../src/cli/diffCommand';
import { toHuman, toJson } from '../../../src/cli/formatResults';
import type { VersionDiff } from '../../../src/engine/diff/types';
import { loadNpmConfig } from '../../../src/engine/registry/npmConfig';
import { RegistryClient } from '../../../src/engine/registry/registryClient';
import { VerdictCache } from '../../../src/engine/registry/verdictCache';
import type { ScanResult } from '../../../src/engine/scan/result';
import { Scanner } from '../../../src/engine/scan/scanner';
import { packFiles, startVerdaccio, type Verdaccio } from '../../support/verdaccio';
import { EXPECTED, NAME, packageJsonText, V1, V2 } from './releaseFixture';

const root = path.join(__dirname, '../../..');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-diff-test-'));
after(() => rmSync(tmp, { recursive: true, force: true }));
const starting = startVerdaccio();
let reg: Verdaccio;

before(async () => {
  reg = await starting;
  await reg.publish({ packageJson: { ...V1.packageJson, version: '0.9.0' }, files: { ...V1.files, 'index.js': 'module.exports = (s) => s;\n' } });
  await reg.publish(V1);
  await reg.publish({ packageJson: { ...V2.packageJson, version: '1.1.0-rc.1' }, files: V2.files }, { tag: 'next' });
  await reg.publish(V2);
  await reg.publish({ packageJson: { name: 'tidy-diff-first', version: '1.0.0', main: 'index.js', license: 'MIT' }, files: { 'index.js': 'module.exports = 1;\n' } });
  await reg.publish({ packageJson: { name: 'tidy-diff-tamper', version: '1.0.0', main: 'index.js', license: 'MIT' }, files: { 'index.js': 'module.exports = 1;\n' } });
  await reg.publish({ packageJson: { name: 'tidy-diff-tamper', version: '1.0.1', main: 'index.js', license: 'MIT' }, files: { 'index.js': 'module.exports = 2;\n' } });
  // The stored 1.0.0 tarball no longer matches its published integrity.
  writeFileSync(reg.tarballPath('tidy-diff-tamper', '1.0.0'), packFiles({ 'package.json': '{"name":"tidy-diff-tamper","version":"1.0.0"}', 'index.js': 'tampered\n' }));
});

function registry(): RegistryClient {
  const config = loadNpmConfig({ trustedWorkspace: true, userConfigPath: path.join(tmp, 'none'), env: {}, overrides: { registry: reg.url } });
  // Retries stay on: a keep-alive socket the registry closed while a slow test ran resets once.
  return new RegistryClient({ config, timeoutMs: 10_000, retryBaseMs: 20 });
}

// Everything here was published a moment ago: without coolDownHours 0 every verdict would carry a
// cool-down finding (and such verdicts are not cached).
function scanner(extra: ConstructorParameters<typeof Scanner>[0] = {}): Scanner {
  return new Scanner({ registry: registry(), coolDownHours: 0, ...extra });
}

function listing(d: VersionDiff | undefined) {
  assert.ok(d, 'no diff');
  return { added: d.added, removed: d.removed, changed: d.changed.map(({ patch: _p, patchTruncated: _t, patchSkipped: _s, ...rest }) => rest), unchangedCount: d.unchangedCount, totals: d.totals };
}

function withoutDiff(r: ScanResult): ScanResult {
  const { diff: _d, ...rest } = r;
  return rest;
}

test('a registry scan carries the diff against the previous version (prereleases skipped); the verdict does not depend on it', async () => {
  const result = await scanner().scanRegistry(NAME, '1.1.0');
  assert.deepEqual([result.diff?.from, result.diff?.to, result.diff?.basis], ['1.0.0', '1.1.0', 'semver-previous']);
  assert.deepEqual(listing(result.diff), EXPECTED);
  assert.match(result.diff!.changed.find((c) => c.path === 'package.json')!.patch!, /^\+ {4}"postinstall": "node scripts\/setup\.js"$/m);
  assert.deepEqual(result.skipped, []);
  const plain = await scanner({ versionDiff: false }).scanRegistry(NAME, '1.1.0');
  assert.equal(plain.diff, undefined);
  assert.deepEqual(withoutDiff(result), plain);
  // per call, as `takedown scan <lockfile>` asks
  assert.equal((await scanner().scanRegistry(NAME, '1.1.0', { versionDiff: false })).diff, undefined);
});

test('the baseline lockfile version is used when given; one equal to the scanned version falls back to semver order', async () => {
  const baseline = await scanner().scanRegistry(NAME, '1.1.0', { previousVersion: '0.9.0' });
  assert.deepEqual([baseline.diff?.from, baseline.diff?.basis], ['0.9.0', 'baseline']);
  // 0.9.0 -> 1.1.0: index.js changed from a one-liner; nothing new fires in it.
  assert.deepEqual(baseline.diff!.changed.map((c) => [c.path, c.newRules]), [['index.js', []], ['package.json', ['install-script', 'phantom-dependency']]]);
  const same = await scanner().scanRegistry(NAME, '1.1.0', { previousVersion: '1.1.0' });
  assert.deepEqual([same.diff?.from, same.diff?.basis], ['1.0.0', 'semver-previous']);
});

test('a first release has no diff and nothing skipped; a previous version that cannot be had is a skipped reason, never a changed verdict', async () => {
  const first = await scanner().scanRegistry('tidy-diff-first', '1.0.0');
  assert.deepEqual([first.verdict, first.diff, first.skipped], ['clean', undefined, []]);

  const missing = await scanner().scanRegistry(NAME, '1.1.0', { previousVersion: '0.0.1' });
  assert.equal(missing.diff, undefined);
  assert.equal(missing.skipped.length, 1);
  assert.match(missing.skipped[0]!, /^version diff: tidy-diff-demo@0\.0\.1 could not be fetched \(E_NOT_FOUND: /);
  const plain = await scanner({ versionDiff: false }).scanRegistry(NAME, '1.1.0');
  assert.deepEqual([missing.verdict, missing.score, missing.findings], [plain.verdict, plain.score, plain.findings]);

  const tampered = await scanner().scanRegistry('tidy-diff-tamper', '1.0.1');
  assert.deepEqual([tampered.verdict, tampered.diff], ['clean', undefined]);
  assert.match(tampered.skipped.join('\n'), /^version diff: tidy-diff-tamper@1\.0\.0 could not be fetched \(E_INTEGRITY: /);
});

test('a cached verdict keeps its diff; a different baseline gets a fresh diff and updates the cache', async () => {
  const cache = new VerdictCache<ScanResult>({ dir: path.join(tmp, 'cache') });
  const first = await scanner({ cache }).scanRegistry(NAME, '1.1.0');
  const noFetch = { manifest: async () => ({ ok: true, value: { name: NAME, version: '1.1.0', _integrity: first.integrity } }), tarball: async () => assert.fail('tarball fetched despite a cached verdict'), packument: async () => ({ ok: false, code: 'E_FETCH', message: 'offline fake', retryable: false, attempts: 1 }) };
  const cached = await new Scanner({ cache, coolDownHours: 0, registry: noFetch as never }).scanRegistry(NAME, '1.1.0');
  assert.deepEqual(cached.diff, first.diff);
  assert.ok(JSON.stringify(cached).length < 64 * 1024);

  const rebased = await scanner({ cache }).scanRegistry(NAME, '1.1.0', { previousVersion: '0.9.0' });
  assert.deepEqual([rebased.diff?.from, rebased.diff?.basis, rebased.verdict], ['0.9.0', 'baseline', first.verdict]);
  const again = await new Scanner({ cache, coolDownHours: 0, registry: noFetch as never }).scanRegistry(NAME, '1.1.0', { previousVersion: '0.9.0' });
  assert.equal(again.diff?.from, '0.9.0');
});

/** Runs `takedown diff` in-process against the local registry. */
async function diffCli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const json = args.includes('--json');
  const patch = args.includes('--patch');
  const targets = args.filter((a) => !a.startsWith('--'));
  const code = await runDiff(targets, { json, patch, registry: reg.url }, { write: (s: string) => (out += s) }, { write: (s: string) => (err += s) });
  return { code, out, err };
}

test('cli diff: two registry versions, stat and newly triggered rules', async () => {
  const { code, out } = await diffCli(`${NAME}@1.0.0`, `${NAME}@1.1.0`);
  assert.equal(code, 0);
  assert.equal(
    out,
    [
      'tidy-diff-demo 1.0.0 -> 1.1.0 (as given)',
      ' + binding.gyp      | 157 B  new rules: gyp-command',
      ' + scripts/setup.js | 115 B  new rules: decode-data, dynamic-code-decoded, dynamic-code-eval',
      ' + src/demo.cc      | 9 B',
      ' ~ index.js         | 101 B -> 113 B',
      ' ~ package.json     | 165 B -> 283 B  new rules: install-script, phantom-dependency',
      ' - CHANGELOG.md     | 9 B',
      ' 3 added, 2 changed, 1 removed, 1 unchanged',
      'newly triggered rules: decode-data (scripts/setup.js); dynamic-code-decoded (scripts/setup.js); dynamic-code-eval (scripts/setup.js); gyp-command (binding.gyp); install-script (package.json); phantom-dependency (package.json)',
      '',
    ].join('\n'),
  );
});

test('cli diff: one version against its previous, --json, --patch, and local tarballs and folders as a side', async () => {
  const json = await diffCli('--json', `${NAME}@1.1.0`);
  const diff = JSON.parse(json.out) as VersionDiff;
  assert.deepEqual([diff.from, diff.to, diff.basis], ['1.0.0', '1.1.0', 'semver-previous']);
  assert.deepEqual(listing(diff), EXPECTED);

  const withPatch = await diffCli('--patch', `${NAME}@1.0.0`, `${NAME}@1.1.0`);
  assert.match(withPatch.out, /\n--- a\/index\.js\n\+\+\+ b\/index\.js\n@@ -1,3 \+1,3 @@\n/);
  assert.match(withPatch.out, /^\+ {4}"postinstall": "node scripts\/setup\.js"$/m);

  const tgz = path.join(tmp, 'v1.tgz');
  writeFileSync(tgz, packFiles({ 'package.json': packageJsonText(V1.packageJson), ...V1.files }));
  const dir = path.join(tmp, 'v2-folder');
  for (const [p, content] of Object.entries({ 'package.json': packageJsonText(V2.packageJson), ...V2.files })) {
    mkdirSync(path.dirname(path.join(dir, p)), { recursive: true });
    writeFileSync(path.join(dir, p), content);
  }
  const local = JSON.parse((await diffCli('--json', tgz, dir)).out) as VersionDiff;
  assert.deepEqual([local.name, local.from, local.to, local.basis], [NAME, '1.0.0', '1.1.0', 'explicit']);
  assert.deepEqual(listing(local), EXPECTED);
  const mixed = JSON.parse((await diffCli('--json', tgz, `${NAME}@1.1.0`)).out) as VersionDiff;
  assert.deepEqual(listing(mixed), EXPECTED);

  const first = await diffCli('tidy-diff-first@1.0.0');
  assert.deepEqual([first.code, first.out], [0, 'tidy-diff-first@1.0.0 is the first published version: nothing to compare with.\n']);
  const bare = path.join(tmp, 'bare');
  mkdirSync(bare);
  writeFileSync(path.join(bare, 'index.js'), '1;\n');
  const noVersion = await diffCli(bare);
  assert.deepEqual([noVersion.code, noVersion.err], [1, `takedown diff: ${bare}: no version to find the previous one by; name both sides\n`]);
  const missing = await diffCli(`${NAME}@7.0.0`, `${NAME}@1.1.0`);
  assert.equal(missing.code, 1);
  assert.match(missing.err, /^takedown diff: tidy-diff-demo@7\.0\.0: /);
});

test('cli: the diff command is registered and documented in help', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', path.join(root, 'src/cli/main.ts'), ...args], { encoding: 'utf8', cwd: root, env: { ...process.env, npm_config_userconfig: path.join(tmp, 'none') } });
  const help = run('help');
  assert.match(help.stdout, /^ {2}diff \[<a>\] <b> +What release b changed against a/m);
  const stat = run('diff', '--registry', reg.url, `${NAME}@1.1.0`);
  assert.equal(stat.status, 0, stat.stderr);
  assert.match(stat.stdout, /^tidy-diff-demo 1\.0\.0 -> 1\.1\.0 \(the previous version in semver order\)\n/);
  assert.equal(run('diff').status, 2);
});

test('the worker passes the baseline version through to the scan', async (t) => {
  // The worker as the product builds it, bundled fresh into a temp folder (dist/ may be stale).
  const script = path.join(tmp, 'worker.js');
  await build({ entryPoints: [path.join(root, 'src/worker/worker.ts')], bundle: true, platform: 'node', target: 'node20', format: 'cjs', mainFields: ['module', 'main'], external: ['node-gyp'], outfile: script, logLevel: 'silent' });
  const { WorkerPool } = await import('../../../src/worker/pool');
  const pool = new WorkerPool({ script, size: 1 });
  t.after(() => pool.dispose());
  const settings = { trustedWorkspace: true, offline: false, registry: reg.url, userConfigPath: path.join(tmp, 'none') };
  const result = await pool.run({ type: 'scanRegistry', name: NAME, spec: '1.1.0', previousVersion: '0.9.0', settings });
  assert.deepEqual([result.diff?.from, result.diff?.basis, result.diff?.totals], ['0.9.0', 'baseline', { added: 3, removed: 1, changed: 2 }]);
  await assert.rejects(pool.run({ type: 'scanRegistry', name: NAME, spec: '1.1.0', previousVersion: 42, settings } as never), (e: { code?: string }) => e.code === 'E_PROTOCOL');
});

test('scan output: a flagged package with a diff gets one line saying what changed', async () => {
  // The formatter `takedown scan` prints with (run in-process: the scan command may look packages up online).
  const result = await scanner().scanRegistry(NAME, '1.1.0');
  assert.ok(result.verdict === 'suspicious' || result.verdict === 'malicious', `${result.verdict}: ${result.reason}`);
  const lines = toHuman([result]).split('\n');
  assert.match(lines[0]!, /^(SUSPICIOUS|MALICIOUS) +tidy-diff-demo@1\.1\.0 /);
  assert.equal(lines[1], `${' '.repeat(11)}changed since 1.0.0: +3 files, ~2 changed, -1 removed, new rules: decode-data, dynamic-code-decoded, dynamic-code-eval, gyp-command, install-script, phantom-dependency`);
  // --json carries the diff (without patches) and the registry summary
  const [json] = toJson([result]) as { diff: VersionDiff; registry: { previousVersion?: string } }[];
  assert.deepEqual([json!.diff.from, json!.diff.totals, json!.registry.previousVersion], ['1.0.0', { added: 3, removed: 1, changed: 2 }, '1.0.0']);
  assert.ok(result.diff!.changed.some((c) => c.patch), 'the scan result has patches');
  assert.equal(json!.diff.changed.some((c) => c.patch !== undefined), false, 'the JSON leaves them to takedown diff --patch');
});
