/** Investigate's Rescan: the coordinator scans one package again as it was scanned, past the disk cache of verdicts. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createFakeVscode, useFakeVscode } from './fakeVscode';
import { result } from './fixtures';

const fake = createFakeVscode({});
useFakeVscode(fake);

const log = { info() {}, warn() {}, error() {}, show() {}, child: () => log };

test('rescan scans again with the settings the package was first scanned with, without the verdict cache, and keeps them', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ScanCoordinator } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  const requests: Record<string, unknown>[] = [];
  let verdict: 'malicious' | 'clean' = 'malicious';
  const worker = {
    run: async (request: Record<string, unknown>) => {
      requests.push(request);
      return result({ name: 'evil-pkg', version: '1.0.1', verdict, reason: `${verdict} now` });
    },
  };
  const coordinator = new ScanCoordinator(() => worker as never, log as never, { global: fake.vscode.Uri.file('/fake/global') as never }, 1);
  const settings = { trustedWorkspace: true, offline: false, registry: 'http://192.0.2.10/', cacheDir: '/fake/global/verdicts' } as never;
  const first = await coordinator.scanNow({ name: 'evil-pkg', key: 'evil-pkg@1.0.1', version: '1.0.1' }, settings);
  assert.equal(first.result?.verdict, 'malicious');

  // a person clicks Rescan once the first scan is over
  assert.equal(await coordinator.waitForIdle(5_000), true);
  verdict = 'clean';
  const again = await coordinator.rescan('evil-pkg@1.0.1');
  assert.equal(again?.result?.verdict, 'clean');
  assert.equal(coordinator.states.get('evil-pkg@1.0.1')?.result?.reason, 'clean now');
  assert.deepEqual(
    requests.map((r) => [r.type, r.name, r.spec, (r.settings as { registry?: string }).registry, (r.settings as { cacheDir?: string }).cacheDir]),
    [
      ['scanRegistry', 'evil-pkg', '1.0.1', 'http://192.0.2.10/', '/fake/global/verdicts'],
      ['scanRegistry', 'evil-pkg', '1.0.1', 'http://192.0.2.10/', undefined],
    ],
  );
  // later reads and scans of this package still use its first settings, cache included
  assert.equal((coordinator.origins.get('evil-pkg@1.0.1')?.settings as { cacheDir?: string }).cacheDir, '/fake/global/verdicts');
  assert.equal(coordinator.rescan('never-seen@1.0.0'), undefined);
  coordinator.dispose();
});

test('a scan asked for again the moment the previous one resolves is run again, not lost', async () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { ScanCoordinator } = require('../../../src/editor/scanCoordinator') as typeof import('../../../src/editor/scanCoordinator');
  let calls = 0;
  const worker = {
    run: async () => {
      calls += 1;
      return result({ name: 'pkg', version: '1.0.0', verdict: 'clean', reason: `scan ${calls}` });
    },
  };
  const coordinator = new ScanCoordinator(() => worker as never, log as never, { global: fake.vscode.Uri.file('/fake/global') as never }, 1);
  const settings = { trustedWorkspace: true, offline: false, registry: 'http://192.0.2.10/' } as never;
  const ref = { name: 'pkg', key: 'pkg@1.0.0', version: '1.0.0' };
  // no waiting for idle in between: the second request comes in the same turn as the first answer
  const second = await coordinator.scanNow(ref, settings).then(() => coordinator.scanNow(ref, settings));
  assert.equal(second.result?.reason, 'scan 2');
  assert.equal(calls, 2);
  coordinator.dispose();
});
