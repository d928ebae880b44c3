// The per-account burst: one npm account publishing unrelated packages within minutes, seen across
// the results of one scan (a lockfile, several registry targets): concrete results, and the CLI
// against a local Verdaccio.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Finding } from '../../../src/engine/analysis/types';
import { PUBLISHER_BURST_META, packageFamily, releaseLines, withPublisherBursts } from '../../../src/engine/scan/publisherBurst';
import type { ScanResult } from '../../../src/engine/scan/result';
import { assertSetRulePage, registryResult as result, scanLockfileOf } from '../../support/scanSet';
import { startVerdaccio } from '../../support/verdaccio';

const T0 = Date.parse('2025-09-15T10:00:00.000Z');
const at = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();

const installScript: Finding = { rule: 'install-script', kind: 'capability', category: 'install', severity: 'low', message: 'Runs "node setup.js" at install (postinstall).', file: 'package.json', line: 5 };

const bursts = (r: ScanResult) => r.findings.filter((f) => f.rule === 'publisher-burst').map((f) => f.message);

// Shai-Hulud shape: a stolen token republishes the account's unrelated packages with patch bumps.
function wormWave(): ScanResult[] {
  return [
    result('tinycolor-lite', '4.1.1', { publisher: 'compromised-dev', publishedAt: at(0), previousVersion: '4.1.0' }),
    result('@acme-test/deluge', '7.2.1', { publisher: 'compromised-dev', publishedAt: at(2), previousVersion: '7.2.0' }),
    result('ngx-widgets', '19.0.3', { publisher: 'compromised-dev', publishedAt: at(5), previousVersion: '19.0.2' }, [installScript]),
    result('angular-tracker', '14.1.2', { publisher: 'compromised-dev', publishedAt: at(8), previousVersion: '14.1.1' }),
    // Someone else's release in the same minutes: not part of the account's wave.
    result('left-align', '2.0.0', { publisher: 'other-dev', publishedAt: at(3) }),
  ];
}

const WAVE_TAIL = 'worms and stolen tokens publish an account\'s packages in one wave.';

test('a worm-like wave: four unrelated packages of one account with patch bumps within 8 minutes', () => {
  const input = wormWave();
  const before = structuredClone(input);
  const out = withPublisherBursts(input);
  assert.deepEqual(input, before, 'the input results are not changed');
  assert.deepEqual(out.map(bursts), [
    [`Published by npm user "compromised-dev" within 8 minutes of 3 other packages of the same account, 4 unrelated release lines in all (@acme-test/deluge@7.2.1, ngx-widgets@19.0.3, angular-tracker@14.1.2): ${WAVE_TAIL}`],
    [`Published by npm user "compromised-dev" within 8 minutes of 3 other packages of the same account, 4 unrelated release lines in all (tinycolor-lite@4.1.1, ngx-widgets@19.0.3, angular-tracker@14.1.2): ${WAVE_TAIL}`],
    [`Published by npm user "compromised-dev" within 8 minutes of 3 other packages of the same account, 4 unrelated release lines in all (tinycolor-lite@4.1.1, @acme-test/deluge@7.2.1, angular-tracker@14.1.2): ${WAVE_TAIL}`],
    [`Published by npm user "compromised-dev" within 8 minutes of 3 other packages of the same account, 4 unrelated release lines in all (tinycolor-lite@4.1.1, @acme-test/deluge@7.2.1, ngx-widgets@19.0.3): ${WAVE_TAIL}`],
    [],
  ]);
  const f = out[0]!.findings[0]!;
  assert.deepEqual({ ...f, message: '' }, { rule: 'publisher-burst', kind: 'metadata', category: 'metadata', severity: 'low', message: '' });
  // A clean package becomes notable: the burst explains the verdict.
  assert.deepEqual([out[0]!.verdict, out[0]!.score, out[0]!.reason], ['notable', 2, f.message]);
  // Everything else about the result is kept.
  const { verdict: _v, score: _s, reason: _r, findings: _f, ...rest } = out[0]!;
  const { verdict: _v0, score: _s0, reason: _r0, findings: _f0, ...restBefore } = input[0]!;
  assert.deepEqual(rest, restBefore);
  assert.equal(out[4], input[4], 'a result outside any burst is the same object');
});

test('re-scoring: a notable package with an install script stays notable (a low metadata threat earns no install weight)', () => {
  const out = withPublisherBursts(wormWave());
  const ngx = out[2]!;
  assert.equal(wormWave()[2]!.verdict, 'notable');
  assert.deepEqual([ngx.verdict, ngx.score], ['notable', 2]);
  assert.deepEqual(ngx.findings.map((f) => f.rule), ['publisher-burst', 'install-script'], 'the threat comes first, the capability is kept');
  assert.equal(ngx.reason, ngx.findings[0]!.message);

  // With a medium threat already there the burst adds nothing to the score: the verdict stays as it was.
  const medium: Finding = { rule: 'release-anomaly', kind: 'metadata', category: 'metadata', severity: 'medium', message: 'Adds a postinstall script.', file: 'package.json' };
  const wave = wormWave();
  wave[2] = result('ngx-widgets', '19.0.3', wave[2]!.registry, [installScript, medium]);
  const scored = withPublisherBursts(wave)[2]!;
  assert.deepEqual([wave[2]!.verdict, wave[2]!.score], ['suspicious', 5.5]);
  assert.deepEqual([scored.verdict, scored.score, scored.reason], ['suspicious', 5.5, 'Adds a postinstall script.']);
  assert.equal(bursts(scored).length, 1);

  // An incomplete analysis stays unknown, with its reason.
  const incomplete = wormWave();
  incomplete[1] = { ...incomplete[1]!, verdict: 'unknown', score: 0, reason: 'The package has more files than the limit: analysis incomplete.' };
  const unknown = withPublisherBursts(incomplete)[1]!;
  assert.deepEqual([unknown.verdict, unknown.reason, bursts(unknown).length], ['unknown', 'The package has more files than the limit: analysis incomplete.', 1]);
});

test('a second pass replaces the finding rather than adding another', () => {
  const once = withPublisherBursts(wormWave());
  assert.deepEqual(withPublisherBursts(once), once);
});

test('a monorepo release is not a burst: one scope, one version, 12 packages in 2 minutes', () => {
  const release = Array.from({ length: 12 }, (_, i) => result(`@acme-test/part-${i}`, '3.0.0', { publisher: 'acme-release-bot', publishedAt: at(i / 6) }));
  const out = withPublisherBursts(release);
  assert.deepEqual(out.map(bursts).flat(), []);
  out.forEach((r, i) => assert.equal(r, release[i]));
});

test('other honest shapes: a bot publishing one scope in many versions, a fixed-version unscoped release, a release plus one more package', () => {
  // @types/* by the DefinitelyTyped bot: one scope, every package in its own version.
  const types = ['node', 'react', 'lodash', 'express', 'jest'].map((n, i) => result(`@types/${n}`, `${18 + i}.0.${i}`, { publisher: 'types', publishedAt: at(i) }));
  // A lerna fixed-mode release with unscoped names of different words: one version.
  const fixed = ['expect', 'pretty-format', 'jest-cli', '@jest/core', 'babel-jest'].map((n, i) => result(n, '29.7.0', { publisher: 'jest-bot', publishedAt: at(i) }));
  // A scoped monorepo release and the maintainer's one standalone package: two lines, not three.
  const plusOne = [
    ...['core', 'cli', 'utils'].map((n, i) => result(`@widgets-test/${n}`, '5.1.0', { publisher: 'widgets-dev', publishedAt: at(i) })),
    result('widget-helper-standalone', '1.0.4', { publisher: 'widgets-dev', publishedAt: at(6) }),
  ];
  // Two unrelated packages of one account in the same minute: a coordinated fix, under the threshold.
  const pair = [result('alpha-tool', '1.2.3', { publisher: 'pair-dev', publishedAt: at(0) }), result('beta-lib', '0.4.1', { publisher: 'pair-dev', publishedAt: at(0) })];
  assert.deepEqual(withPublisherBursts([...types, ...fixed, ...plusOne, ...pair]).map(bursts).flat(), []);
  // Four packages, but two lines: the scoped release and the standalone package.
  assert.equal(releaseLines(plusOne.map((r) => ({ version: r.version, family: packageFamily(r.name) }))), 2);
});

test('spread over a day is not a burst; the window is 30 minutes, inclusive', () => {
  const day = ['tinycolor-lite', 'ngx-widgets', 'angular-tracker', 'deluge-client'].map((n, i) => result(n, `1.0.${i + 1}`, { publisher: 'busy-dev', publishedAt: at(i * 360) }));
  assert.deepEqual(withPublisherBursts(day).map(bursts).flat(), []);
  const spaced = (last: number) => [result('aa-one', '1.0.1', { publisher: 'edge-dev', publishedAt: at(0) }), result('bb-two', '2.0.1', { publisher: 'edge-dev', publishedAt: at(15) }), result('cc-three', '3.0.1', { publisher: 'edge-dev', publishedAt: at(last) })];
  assert.equal(withPublisherBursts(spaced(30)).map(bursts).flat().length, 3);
  assert.match(bursts(withPublisherBursts(spaced(30))[0]!)[0]!, /within 30 minutes of 2 other packages/);
  assert.deepEqual(withPublisherBursts(spaced(31)).map(bursts).flat(), []);
});

test('results without a publisher or a publish time are neither counted nor changed', () => {
  const input = [
    result('tinycolor-lite', '4.1.1', { publisher: 'compromised-dev', publishedAt: at(0) }),
    result('ngx-widgets', '19.0.3', { publishedAt: at(1) }),
    result('angular-tracker', '14.1.2', { publisher: 'compromised-dev' }),
    result('deluge-client', '7.2.1', { publisher: 'compromised-dev', publishedAt: 'not a date' }),
    result('local-folder', '1.0.0', undefined),
    result('@acme-test/deluge', '7.2.1', { publisher: 'compromised-dev', publishedAt: at(2) }),
  ];
  const out = withPublisherBursts(input);
  assert.deepEqual(out.map(bursts).flat(), []);
  out.forEach((r, i) => assert.equal(r, input[i]));
});

test('a long wave lists six other packages and counts the rest', () => {
  const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor', 'island'];
  const wave = words.map((w, i) => result(`${w}-util`, `${i + 1}.0.1`, { publisher: 'wide-dev', publishedAt: at(i) }));
  assert.deepEqual(bursts(withPublisherBursts(wave)[0]!), [
    `Published by npm user "wide-dev" within 8 minutes of 8 other packages of the same account, 9 unrelated release lines in all (birch-util@2.0.1, cedar-util@3.0.1, delta-util@4.0.1, ember-util@5.0.1, fjord-util@6.0.1, grove-util@7.0.1, and 2 more): ${WAVE_TAIL}`,
  ]);
});

test('families and release lines', () => {
  assert.deepEqual(['@babel/core', 'babel-core', 'lodash.merge', 'is_even', 'express', '@Types/Node'].map(packageFamily), ['babel', 'babel', 'lodash', 'is', 'express', 'types']);
  assert.equal(releaseLines([{ family: 'a', version: '1.0.0' }, { family: 'b', version: '1.0.0' }, { family: 'c', version: '2.0.0' }, { family: 'c', version: '3.0.0' }]), 2);
});

test('publisher-burst is not a code rule, and has a rule page like the code rules', () => {
  assertSetRulePage(PUBLISHER_BURST_META, 'version-burst');
});

test('cli: scanning a lockfile reports the wave on each package of it, and nothing on the rest', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-publisher-burst-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  const published: [string, string, string, string][] = [
    ['tinycolor-lite', '4.1.1', 'compromised-dev', at(0)],
    ['@acme-test/deluge', '7.2.1', 'compromised-dev', at(2)],
    ['ngx-widgets', '19.0.3', 'compromised-dev', at(5)],
    ['angular-tracker', '14.1.2', 'compromised-dev', at(8)],
    ['left-align', '2.0.0', 'other-dev', at(3)],
  ];
  // A real registry, with the wave's publishers and publish times on disk.
  const verdaccio = await startVerdaccio();
  after(() => verdaccio.stop());
  const results = await scanLockfileOf(verdaccio, tmp, published.map(([name, version, publisher, time]) => ({ name, version, publisher, time })));
  const byName = Object.fromEntries(results.map((r) => [r.name, [r.verdict, r.findings.filter((f) => f.rule === 'publisher-burst').length]]));
  assert.deepEqual(byName, {
    'tinycolor-lite': ['notable', 1],
    '@acme-test/deluge': ['notable', 1],
    'ngx-widgets': ['notable', 1],
    'angular-tracker': ['notable', 1],
    'left-align': ['clean', 0],
  });
  const tiny = results.find((r) => r.name === 'tinycolor-lite')!;
  assert.equal(tiny.findings[0]!.message, `Published by npm user "compromised-dev" within 8 minutes of 3 other packages of the same account, 4 unrelated release lines in all (@acme-test/deluge@7.2.1, ngx-widgets@19.0.3, angular-tracker@14.1.2): ${WAVE_TAIL}`);
});
