import assert from 'node:assert/strict';
import { test } from 'node:test';
import { manifestsForLockfile } from '../../../src/editor/model/manifests';
import { DEFAULT_SEVERITY } from '../../../src/editor/model/settings';
import type { PackageState } from '../../../src/editor/model/verdictView';
import { countVerdicts, diagnosticsForFile, entryAt, lockedVersionFor, planFile, refFor, registrySpec, type TrackedFile } from '../../../src/editor/model/workspaceState';
import { parseDependencyFile } from '../../../src/engine/deps/index';
import { result } from './fixtures';

const manifestText = `{
  "name": "app",
  "version": "1.0.0",
  "dependencies": {
    "left-pad": "^1.3.0",
    "evil-pkg": "^1.0.0",
    "local-thing": "file:../local-thing"
  },
  "devDependencies": {
    "ms": "2.1.3"
  }
}
`;

function lock(evilVersion: string): string {
  return JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'left-pad': '^1.3.0', 'evil-pkg': '^1.0.0' }, devDependencies: { ms: '2.1.3' } },
        'node_modules/left-pad': { version: '1.3.0', resolved: 'https://registry.npmjs.org/left-pad/-/left-pad-1.3.0.tgz', integrity: 'sha512-AAAA' },
        'node_modules/evil-pkg': { version: evilVersion, resolved: `https://registry.npmjs.org/evil-pkg/-/evil-pkg-${evilVersion}.tgz`, integrity: `sha512-E${evilVersion}`, dependencies: { 'helper-dep': '^2.0.0' } },
        'node_modules/helper-dep': { version: '2.0.4', resolved: 'https://registry.npmjs.org/helper-dep/-/helper-dep-2.0.4.tgz', integrity: 'sha512-HHHH' },
        'node_modules/ms': { version: '2.1.3', dev: true, resolved: 'https://registry.npmjs.org/ms/-/ms-2.1.3.tgz', integrity: 'sha512-MMMM' },
      },
    },
    null,
    2,
  );
}

const manifest: TrackedFile = { path: '/repo/package.json', model: parseDependencyFile('package-json', manifestText) };
const lockNow: TrackedFile = { path: '/repo/package-lock.json', model: parseDependencyFile('npm-lock', lock('1.0.1')) };
const lockBefore = parseDependencyFile('npm-lock', lock('1.0.0'));

test('a lockfile change scans only the bumped package, with its integrity and the version it replaced', () => {
  const plan = planFile(lockNow, lockBefore, 'added', [lockNow], []);
  assert.deepEqual(plan.scan, [{ name: 'evil-pkg', version: '1.0.1', key: 'evil-pkg@1.0.1', integrity: 'sha512-E1.0.1', previousVersion: '1.0.0' }]);
  assert.deepEqual(plan.lookup.map((p) => `${p.name}@${p.version}`).sort(), ['evil-pkg@1.0.1', 'helper-dep@2.0.4', 'left-pad@1.3.0', 'ms@2.1.3'], 'every locked package is looked up whatever the scope');
});

test('scope decides what first sight scans: nothing (added), direct dependencies (direct), everything (all)', () => {
  assert.deepEqual(planFile(lockNow, undefined, 'added', [lockNow], []).scan, []);
  assert.deepEqual(planFile(lockNow, undefined, 'direct', [lockNow], []).scan.map((r) => r.key).sort(), ['evil-pkg@1.0.1', 'left-pad@1.3.0', 'ms@2.1.3']);
  assert.deepEqual(planFile(lockNow, undefined, 'all', [lockNow], []).scan.map((r) => r.key).sort(), ['evil-pkg@1.0.1', 'helper-dep@2.0.4', 'left-pad@1.3.0', 'ms@2.1.3']);
});

test('an allowed version and a non-registry spec are never scanned', () => {
  const plan = planFile(lockNow, undefined, 'all', [lockNow], [{ package: 'evil-pkg@1.0.1', by: 'ana' }]);
  assert.ok(!plan.scan.some((r) => r.name === 'evil-pkg'));
  const manifestPlan = planFile(manifest, undefined, 'all', [lockNow], []);
  assert.deepEqual(manifestPlan.scan.map((r) => r.key).sort(), ['evil-pkg@1.0.1', 'left-pad@1.3.0', 'ms@2.1.3'], 'package.json entries resolve to the locked versions; file: is skipped');
  assert.deepEqual(manifestPlan.lookup, [], 'package.json alone locks nothing');
});

test('a package.json entry maps to the version its lockfile (or a monorepo root lockfile) locks, else its spec', () => {
  const entry = manifest.model.entries.find((e) => e.name === 'evil-pkg')!;
  assert.equal(lockedVersionFor('/repo/package.json', entry, [lockNow]), '1.0.1');
  assert.equal(lockedVersionFor('/repo/packages/web/package.json', entry, [lockNow]), '1.0.1', 'a workspace package uses the root lockfile');
  assert.equal(lockedVersionFor('/elsewhere/package.json', entry, [lockNow]), undefined);
  const tooOld = { ...entry, spec: '^2.0.0' };
  assert.equal(lockedVersionFor('/repo/package.json', tooOld, [lockNow]), undefined, 'a locked version outside the range is not this entry');
  assert.deepEqual(refFor(manifest, tooOld, [lockNow]), { name: 'evil-pkg', spec: '^2.0.0', key: 'evil-pkg@^2.0.0' });
  const local = manifest.model.entries.find((e) => e.name === 'local-thing')!;
  assert.equal(refFor(manifest, local, []).notScannable, 'not a registry package (directory)');
  assert.equal(registrySpec({ ...entry, spec: 'npm:other@^3.1.0' }), '^3.1.0');
});

test('diagnostics land on the package.json key and on the lockfile entry of the flagged version', () => {
  const states = new Map<string, PackageState>([
    ['evil-pkg@1.0.1', { name: 'evil-pkg', version: '1.0.1', result: result() }],
    ['left-pad@1.3.0', { name: 'left-pad', version: '1.3.0', result: result({ name: 'left-pad', version: '1.3.0', verdict: 'clean', score: 0, findings: [], reason: 'No findings.' }) }],
    ['helper-dep@2.0.4', { name: 'helper-dep', version: '2.0.4', knownMalware: { status: 'unknown', reason: 'osv.dev unreachable' } }],
  ]);
  const options = { severity: { ...DEFAULT_SEVERITY } };
  const inManifest = diagnosticsForFile(manifest, states, [lockNow], [], options);
  assert.deepEqual(inManifest.entries.map((d) => [d.message, d.range.start.line, d.range.start.column]), [['Malicious: evil-pkg@1.0.1 — Sends process.env to a hard-coded host', 5, 4]]);
  assert.equal(inManifest.lookupUnavailable, undefined);
  const inLock = diagnosticsForFile(lockNow, states, [lockNow], [], options);
  const lockLines = lock('1.0.1').split('\n');
  assert.equal(inLock.entries.length, 1);
  assert.match(lockLines[inLock.entries[0]!.range.start.line]!, /"node_modules\/evil-pkg"/);
  assert.equal(inLock.lookupUnavailable?.message, 'Unknown: known-malware lookup unavailable for 1 of 4 locked package(s) — osv.dev unreachable');
  const allowed = diagnosticsForFile(lockNow, states, [lockNow], [{ package: 'evil-pkg@1.0.1' }], options);
  assert.equal(allowed.entries.length, 0, 'Allow this version removes the diagnostic');
  assert.deepEqual(countVerdicts([inManifest.entries, inLock.entries]), { malicious: 1, suspicious: 0, notable: 0, unknown: 0 }, 'one package flagged in two files counts once');
});

test('hovering anywhere on an entry line finds the entry', () => {
  const evil = manifest.model.entries.find((e) => e.name === 'evil-pkg')!;
  assert.equal(entryAt(manifest.model, evil.range.start.line, 20)?.name, 'evil-pkg', 'on the version string');
  assert.equal(entryAt(manifest.model, 0, 0), undefined);
});

test('a lockfile gets the direct dependencies of its package.json and of its workspaces', () => {
  const root: TrackedFile = { path: '/mono/package.json', model: parseDependencyFile('package-json', JSON.stringify({ name: 'mono', workspaces: ['packages/*'], dependencies: { a: '^1.0.0' } })) };
  const web: TrackedFile = { path: '/mono/packages/web/package.json', model: parseDependencyFile('package-json', JSON.stringify({ name: 'web', devDependencies: { b: '2.0.0' }, dependencies: { c: 'npm:d@^3' } })) };
  const stray: TrackedFile = { path: '/mono/fixtures/x/package.json', model: parseDependencyFile('package-json', JSON.stringify({ dependencies: { z: '1' } })) };
  assert.deepEqual(manifestsForLockfile('/mono/yarn.lock', [root, web, stray]), {
    '': { dependencies: { a: '^1.0.0' } },
    'packages/web': { devDependencies: { b: '2.0.0' }, dependencies: { c: 'npm:d@^3' } },
  });
  assert.deepEqual(manifestsForLockfile('/other/yarn.lock', [root]), {});
});
