import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { describeSettings, effectiveValue, resolveSettings, RESTRICTED_SETTINGS, toScanSettings, type InspectedValue } from '../../../src/editor/model/settings';

const manifest = JSON.parse(readFileSync(path.join(__dirname, '../../../package.json'), 'utf8'));
const declared = Object.assign({}, ...manifest.contributes.configuration.map((s: { properties: object }) => s.properties)) as Record<string, { default?: unknown }>;

/** An `inspect` over package.json defaults plus the given user / workspace values. */
function inspector(user: Record<string, unknown> = {}, workspace: Record<string, unknown> = {}, folder: Record<string, unknown> = {}) {
  return (key: string): InspectedValue | undefined => {
    const full = `takedown.${key}`;
    if (!(full in declared)) return undefined;
    return { defaultValue: declared[full]!.default, globalValue: user[key], workspaceValue: workspace[key], workspaceFolderValue: folder[key] };
  };
}

test('defaults come from package.json and match what the code falls back to', () => {
  const s = resolveSettings(inspector(), true);
  assert.equal(s.scanScope, 'direct');
  assert.equal(s.scanOnChange, true);
  assert.equal(s.concurrency, 2);
  assert.equal(s.maxDependencyFileBytes, 32 * 1024 * 1024);
  assert.deepEqual(s.severity, { malicious: 'error', suspicious: 'warning', notable: 'information', unknown: 'information' });
  assert.equal(s.coolDownHours, 48);
  assert.equal(s.offline, false);
  assert.equal(s.timeoutMs, 60_000);
  assert.deepEqual(s.limits, { maxCompressedBytes: 50 * 1024 * 1024, maxUnpackedBytes: 200 * 1024 * 1024, maxFiles: 20_000 });
  assert.deepEqual([s.registry, s.osvEndpoint, s.osvOfflineFolder, s.disabledRules, s.allow], [undefined, undefined, undefined, [], []]);
});

test('hand-edited values of the wrong type or out of range fall back or are clamped', () => {
  const s = resolveSettings(inspector({ 'scan.scope': 'everything', 'scan.concurrency': 99, 'limits.maxDependencyFileMB': -3, 'diagnostics.severity': { notable: 'loud', unknown: 'hint' }, 'rules.disabled': ['env-access', 7, 'Bad Id', 'env-access'], 'registry.url': 'file:///etc/passwd' }), true);
  assert.equal(s.scanScope, 'direct');
  assert.equal(s.concurrency, 8);
  assert.equal(s.maxDependencyFileBytes, 1024 * 1024);
  assert.deepEqual(s.severity, { malicious: 'error', suspicious: 'warning', notable: 'information', unknown: 'hint' });
  assert.deepEqual(s.disabledRules, ['env-access']);
  assert.equal(s.registry, undefined, 'only http(s) registries');
});

test('the registry and the OSV endpoint come from user settings only, trusted or not', () => {
  const inspect = inspector({ 'registry.url': 'https://user-registry.invalid/' }, { 'registry.url': 'https://workspace-registry.invalid/', 'osv.endpoint': 'https://osv.attacker.invalid/' });
  for (const trusted of [true, false]) {
    const s = resolveSettings(inspect, trusted);
    assert.equal(s.registry, 'https://user-registry.invalid/');
    assert.equal(s.osvEndpoint, undefined);
  }
});

test('an untrusted workspace cannot allow versions, disable rules, hide verdicts or point at its own OSV folder', () => {
  const workspace = {
    allow: [{ package: 'evil@1.0.0', by: 'attacker' }],
    'rules.disabled': ['env-exfil'],
    'diagnostics.severity': { malicious: 'none' },
    'osv.offlineFolder': '/repo/fake-osv',
    'scan.scope': 'all',
  };
  const user = { allow: ['left-pad@1.3.0'] };
  const untrusted = resolveSettings(inspector(user, workspace), false);
  assert.deepEqual(untrusted.allow.map((a) => a.package), ['left-pad@1.3.0']);
  assert.deepEqual(untrusted.disabledRules, []);
  assert.equal(untrusted.severity.malicious, 'error');
  assert.equal(untrusted.osvOfflineFolder, undefined);
  assert.equal(untrusted.scanScope, 'all', 'settings that redirect nothing still apply');
  const trusted = resolveSettings(inspector(user, workspace), true);
  assert.deepEqual(trusted.allow.map((a) => a.package), ['left-pad@1.3.0', 'evil@1.0.0'], 'user and workspace lists are merged');
  assert.deepEqual(trusted.disabledRules, ['env-exfil']);
  assert.equal(trusted.severity.malicious, 'none');
  assert.equal(trusted.osvOfflineFolder, '/repo/fake-osv');
});

test('a folder value wins over the workspace and the user value for ordinary settings', () => {
  assert.equal(effectiveValue(inspector({ 'scan.scope': 'added' }, { 'scan.scope': 'direct' }, { 'scan.scope': 'all' }), 'scan.scope', true), 'all');
  assert.equal(effectiveValue(inspector({ 'scan.scope': 'added' }), 'scan.scope', false), 'added');
});

test('package.json restricts exactly the keys the code treats as user-only in untrusted workspaces', () => {
  assert.equal(manifest.capabilities.untrustedWorkspaces.supported, 'limited');
  assert.deepEqual([...manifest.capabilities.untrustedWorkspaces.restrictedConfigurations].sort(), RESTRICTED_SETTINGS.map((k) => `takedown.${k}`).sort());
});

test('toScanSettings hands the worker what it needs and nothing the user did not set', () => {
  const s = resolveSettings(inspector({ 'registry.url': 'https://registry.example.invalid', 'osv.offlineFolder': '/data/osv', 'scan.offline': true, 'rules.disabled': ['env-access'], 'scan.coolDownHours': 12, 'metadata.privateScopes': ['@acme', 'acme'] }), true);
  const scan = toScanSettings(s, { trusted: true, workspaceFolder: '/work/project', cacheDir: '/storage/verdicts' });
  assert.deepEqual(scan, {
    trustedWorkspace: true,
    offline: true,
    timeoutMs: 60_000,
    limits: { maxCompressedBytes: 50 * 1024 * 1024, maxUnpackedBytes: 200 * 1024 * 1024, maxFiles: 20_000 },
    workspaceFolder: '/work/project',
    cacheDir: '/storage/verdicts',
    registry: 'https://registry.example.invalid/',
    osv: { offlineFolder: '/data/osv' },
    disabledRules: ['env-access'],
    metadata: { coolDownHours: 12, privateScopes: ['@acme'], internalNamePatterns: [] },
  });
  const plain = toScanSettings(resolveSettings(inspector(), false), { trusted: false });
  assert.equal(plain.trustedWorkspace, false);
  assert.equal('osv' in plain || 'registry' in plain || 'disabledRules' in plain, false);
});

test('the settings log line starts with the scope, counts the allow list and never shows registry credentials', () => {
  const s = resolveSettings(inspector({ 'registry.url': 'https://ana:npm_SECRETTOKEN@registry.example.invalid/', allow: ['a@1.0.0', 'b@2.0.0'] }), true);
  const line = describeSettings(s);
  assert.ok(line.startsWith('{"scanScope":"direct",'), line);
  assert.ok(!line.includes('SECRETTOKEN') && !line.includes('ana:'), line);
  assert.ok(line.includes('"registry":"https://***@registry.example.invalid/"'), line);
  assert.ok(line.endsWith('"allow":2}'), line);
});
