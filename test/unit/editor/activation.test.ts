import assert from 'node:assert/strict';
import childProcess from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import workerThreads from 'node:worker_threads';
import { createFakeVscode, declaredDefaults, useFakeVscode } from './fakeVscode';

const root = path.join(__dirname, '../../..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };
const defaults = declaredDefaults();
const fake = createFakeVscode(defaults);

useFakeVscode(fake);

interface FakeContext {
  subscriptions: { dispose(): unknown }[];
}

function context(): FakeContext & Record<string, unknown> {
  const memento = { get: (_k: string, d: unknown) => d, update: async () => undefined, keys: () => [] };
  return {
    subscriptions: [],
    extensionUri: { fsPath: root, path: root, scheme: 'file' },
    globalStorageUri: { fsPath: '/fake/global', path: '/fake/global', scheme: 'file' },
    storageUri: { fsPath: '/fake/storage', path: '/fake/storage', scheme: 'file' },
    workspaceState: memento,
    extension: { packageJSON: { version: manifest.version } },
  };
}

/** Runs `fn` with the side effects activation must not have counted: workers, file reads, processes. */
function watchSideEffects<T>(fn: () => T): { value: T; effects: string[] } {
  const effects: string[] = [];
  const restore: (() => void)[] = [];
  const spy = (target: Record<string, unknown>, key: string, label: string) => {
    const original = target[key];
    target[key] = function (this: unknown, ...args: unknown[]) {
      effects.push(label);
      return (original as (...a: unknown[]) => unknown).apply(this, args);
    };
    restore.push(() => (target[key] = original));
  };
  const OriginalWorker = workerThreads.Worker;
  (workerThreads as { Worker: unknown }).Worker = class extends OriginalWorker {
    constructor(...args: ConstructorParameters<typeof OriginalWorker>) {
      effects.push('new Worker');
      super(...args);
    }
  };
  restore.push(() => ((workerThreads as { Worker: unknown }).Worker = OriginalWorker));
  for (const key of ['readFile', 'readFileSync', 'readdir', 'readdirSync', 'statSync']) spy(fs as unknown as Record<string, unknown>, key, `fs.${key}`);
  for (const key of ['readFile', 'readdir', 'stat', 'open']) spy(fs.promises as unknown as Record<string, unknown>, key, `fs.promises.${key}`);
  for (const key of ['execFile', 'spawn', 'exec']) spy(childProcess as unknown as Record<string, unknown>, key, `child_process.${key}`);
  try {
    return { value: fn(), effects };
  } finally {
    for (const r of restore) r();
  }
}

test('activate() only wires: no worker, no file read, no process, no workspace search; then looks after returning', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const extension = require('../../../src/extension') as typeof import('../../../src/extension');
  const ctx = context();
  const before = fake.calls.length;
  const { effects } = watchSideEffects(() => extension.activate(ctx as never));
  assert.deepEqual(effects, []);
  const wired = fake.calls.slice(before);
  assert.ok(!wired.includes('findFiles') && !wired.some((c) => c.startsWith('fs.')), `activation searched or read the workspace: ${wired.join(', ')}`);
  for (const id of ['takedown.scanWorkspace', 'takedown.scanPackage', 'takedown.investigate', 'takedown.reportToOsv', 'takedown.clearCache', 'takedown.showLog', 'takedown.allowVersion', 'takedown.openPackageFile', 'takedown.internal.waitForIdle', 'takedown.investigateInEditor', 'takedown.internal.investigateState']) {
    assert.ok(wired.includes(`registerCommand:${id}`), `${id} is registered`);
  }
  for (const call of ['createDiagnosticCollection:takedown', 'registerHoverProvider', 'registerCodeActionsProvider', 'registerTextDocumentContentProvider:takedown-pkg', 'createFileSystemWatcher:**/{package.json,package-lock.json,npm-shrinkwrap.json,yarn.lock,pnpm-lock.yaml,bun.lock}', 'createTreeView:takedown.flagged', 'registerWebviewViewProvider:takedown.investigate']) {
    assert.ok(wired.includes(call), `${call} is wired`);
  }
  // The first look at the workspace comes once activate() has returned.
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(fake.calls.slice(before).includes('findFiles'), 'the workspace is searched after activation');
  for (const s of ctx.subscriptions) s.dispose();
});
