/** The checks over every scanned package (publisher burst, repository claimed) in the editor. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ScanResult } from '../../../src/engine/scan/result';
import { createFakeVscode, declaredDefaults, useFakeVscode } from './fakeVscode';
import { result } from './fixtures';

const defaults = declaredDefaults();
const fake = createFakeVscode(defaults);
useFakeVscode(fake);

const log = { info() {}, warn() {}, error() {}, show() {}, child: () => log };
const settings = { trustedWorkspace: true, offline: false, registry: 'http://192.0.2.10/' } as never;

/** Unrelated, harmless-looking packages (each its own patch bump) one account published minutes apart. */
const VERSIONS = ['1.0.3', '2.4.1', '0.9.7'];

function released(name: string, version: string, minute: number): ScanResult {
  return result({
    target: `${name}@${version}`,
    name,
    version,
    verdict: 'clean',
    score: 0,
    reason: 'No findings.',
    findings: [],
    registry: { publishedAt: new Date(Date.UTC(2026, 10, 20, 12, minute)).toISOString(), publisher: 'fresh-account', maintainers: ['fresh-account'], distTags: { latest: version }, versions: [{ version }], versionCount: 1, provenance: false },
  });
}

async function scanAll(names: string[]) {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ScanCoordinator } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  const byName = new Map(names.map((n, i) => [n, released(n, VERSIONS[i]!, i * 4)]));
  const worker = { run: async (request: { name: string }) => byName.get(request.name)! };
  const coordinator = new ScanCoordinator(() => worker as never, log as never, { global: fake.vscode.Uri.file('/fake/global') as never }, 2);
  let changes = 0;
  coordinator.onDidChange(() => changes++);
  names.forEach((name, i) => coordinator.enqueue({ name, key: `${name}@${VERSIONS[i]}`, version: VERSIONS[i]! }, settings));
  assert.equal(await coordinator.waitForIdle(5_000), true);
  return { coordinator, changes: () => changes };
}

test('once the queue empties, packages one account released together carry a publisher-burst finding', async () => {
  const { coordinator } = await scanAll(['left-widget', 'colour-tools', 'http-probe']);
  for (const [i, name] of ['left-widget', 'colour-tools', 'http-probe'].entries()) {
    const state = coordinator.states.get(`${name}@${VERSIONS[i]}`)!;
    assert.deepEqual(state.result?.findings.map((f) => f.rule), ['publisher-burst'], name);
    assert.match(state.result!.findings[0]!.message, /fresh-account/);
    assert.deepEqual(state.scanned?.findings, [], 'the scan’s own result is kept as it was');
  }
  coordinator.dispose();
});

test('two packages from that account are no burst, and the check can be switched off', async () => {
  const pair = await scanAll(['left-widget', 'colour-tools']);
  assert.deepEqual(pair.coordinator.states.get('left-widget@1.0.3')?.result?.findings, []);
  pair.coordinator.dispose();

  fake.user['rules.disabled'] = ['publisher-burst'];
  try {
    const { coordinator } = await scanAll(['left-widget', 'colour-tools', 'http-probe']);
    assert.deepEqual(coordinator.states.get('http-probe@0.9.7')?.result?.findings, []);
    coordinator.dispose();
  } finally {
    delete fake.user['rules.disabled'];
  }
});
