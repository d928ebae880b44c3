// The set-level half of starjacking: one repository claimed by packages of many unrelated families,
// seen across the results of one scan (a lockfile, several registry targets): concrete results, and
// the CLI against a local Verdaccio.
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, test } from 'node:test';
import type { Finding } from '../../../src/engine/analysis/types';
import { namedAfterRepository, repositoryParts } from '../../../src/engine/rules/starjacking';
import { withPublisherBursts } from '../../../src/engine/scan/publisherBurst';
import { REPOSITORY_CLAIMED_META, withRepositoryClaims } from '../../../src/engine/scan/repositoryClaims';
import type { ScanResult } from '../../../src/engine/scan/result';
import { assertSetRulePage, registryResult as result, scanLockfileOf } from '../../support/scanSet';
import { startVerdaccio } from '../../support/verdaccio';

const installScript: Finding = { rule: 'install-script', kind: 'capability', category: 'install', severity: 'low', message: 'Runs "node setup.js" at install (postinstall).', file: 'package.json', line: 5 };

const claims = (r: ScanResult) => r.findings.filter((f) => f.rule === 'repository-claimed').map((f) => f.message);
const claimer = (name: string, repository: string | undefined, maintainers: string[] = ['starjacker'], version = '1.0.0') => result(name, version, { ...(repository ? { repository } : {}), maintainers });

// Three unrelated packages borrowing React's repository, each spelling it differently.
function starjackers(): ScanResult[] {
  return [
    claimer('quick-date-formatter', 'git+https://github.com/facebook/react.git', ['starjacker'], '3.1.4'),
    claimer('left-align', 'https://github.com/sindresorhus/left-align'),
    claimer('@tiny-test/colors', 'github:facebook/react', ['starjacker'], '0.2.7'),
    result('ngx-widgets', '19.0.3', { repository: 'https://GitHub.com/Facebook/React/tree/main', maintainers: ['starjacker'] }, [installScript]),
  ];
}

const TAIL = 'none named after it';

test('three unrelated packages claiming facebook/react are each reported, naming the others', () => {
  const input = starjackers();
  const before = structuredClone(input);
  const out = withRepositoryClaims(input);
  assert.deepEqual(input, before, 'the input results are not changed');
  assert.deepEqual(out.map(claims), [
    [`Its repository (facebook/react) is claimed by 2 other packages of this scan too, 3 unrelated families in all, ${TAIL} (@tiny-test/colors@0.2.7, ngx-widgets@19.0.3): possible starjacking.`],
    [],
    [`Its repository (facebook/react) is claimed by 2 other packages of this scan too, 3 unrelated families in all, ${TAIL} (ngx-widgets@19.0.3, quick-date-formatter@3.1.4): possible starjacking.`],
    [`Its repository (facebook/react) is claimed by 2 other packages of this scan too, 3 unrelated families in all, ${TAIL} (@tiny-test/colors@0.2.7, quick-date-formatter@3.1.4): possible starjacking.`],
  ]);
  const f = out[0]!.findings[0]!;
  assert.deepEqual({ ...f, message: '' }, { rule: 'repository-claimed', kind: 'metadata', category: 'impersonation', severity: 'low', message: '' });
  // A clean package becomes notable: the claim explains the verdict; everything else is kept.
  assert.deepEqual([out[0]!.verdict, out[0]!.score, out[0]!.reason], ['notable', 2, f.message]);
  const { verdict: _v, score: _s, reason: _r, findings: _f, ...rest } = out[0]!;
  const { verdict: _v0, score: _s0, reason: _r0, findings: _f0, ...restBefore } = input[0]!;
  assert.deepEqual(rest, restBefore);
  // The install script is kept, after the threat.
  assert.deepEqual(out[3]!.findings.map((x) => x.rule), ['repository-claimed', 'install-script']);
  assert.equal(out[1], input[1], 'a result outside any claim is the same object');
});

test('monorepo members named after the repository neither count nor are reported', () => {
  // react and react-dom are named after facebook/react; scheduler is not, but is one family alone.
  const react = ['react', 'react-dom', 'scheduler'].map((n) => claimer(n, 'git+https://github.com/facebook/react.git', ['react-bot']));
  const out = withRepositoryClaims(react);
  assert.deepEqual(out.map(claims).flat(), []);
  out.forEach((r, i) => assert.equal(r, react[i]));
  // With two unrelated starjackers beside them: scheduler, as unrelated by name, would make three,
  // but it shares a maintainer with react, which vouches for it.
  const mixed = [...react, claimer('quick-date-formatter', 'github:facebook/react'), claimer('left-pad-pro', 'github:facebook/react')];
  assert.deepEqual(withRepositoryClaims(mixed).map(claims).flat(), []);
  // Without the shared maintainer scheduler counts, and the three are reported.
  const unvouched = [...react.slice(0, 2), claimer('scheduler', 'github:facebook/react', ['someone-else']), ...mixed.slice(3)];
  assert.deepEqual(withRepositoryClaims(unvouched).map((r) => claims(r).length), [0, 0, 1, 1, 1]);

  // A scope that is the owner (babel/babel), one family however many (@types/* in DefinitelyTyped).
  const babel = ['@babel/core', '@babel/parser', '@babel/types', 'babel-jest'].map((n) => claimer(n, 'https://github.com/babel/babel', []));
  const types = ['node', 'react', 'lodash', 'express'].map((n) => claimer(`@types/${n}`, 'https://github.com/DefinitelyTyped/DefinitelyTyped.git', ['types']));
  assert.deepEqual(withRepositoryClaims([...babel, ...types]).map(claims).flat(), []);
  assert.deepEqual(['react-dom', '@babel/core', 'lodash.merge', 'scheduler', '@types/node'].map((n) => namedAfterRepository(n, repositoryParts({ 'react-dom': 'facebook/react', '@babel/core': 'babel/babel', 'lodash.merge': 'lodash/lodash', scheduler: 'facebook/react', '@types/node': 'DefinitelyTyped/DefinitelyTyped' }[n]!)!)), [true, true, true, false, false]);
});

test('fewer than three unrelated families is not reported', () => {
  const two = [claimer('quick-date-formatter', 'github:facebook/react'), claimer('left-pad-pro', 'github:facebook/react')];
  assert.deepEqual(withRepositoryClaims(two).map(claims).flat(), []);
  // Four packages, two families (quick-*, left-*), and two versions of one package.
  const families = [...two, claimer('quick-color-picker', 'github:facebook/react'), result('left-pad-pro', '1.0.1', { repository: 'github:facebook/react', maintainers: [] })];
  const out = withRepositoryClaims(families);
  assert.deepEqual(out.map(claims).flat(), []);
  out.forEach((r, i) => assert.equal(r, families[i]));
});

test('results without a repository, with one that names no owner/repo, or without registry facts are ignored', () => {
  const input = [
    claimer('quick-date-formatter', 'github:facebook/react'),
    claimer('left-pad-pro', 'github:facebook/react'),
    claimer('no-repository', undefined),
    claimer('odd-repository', 'https://example.com/some/where/else'),
    result('local-folder', '1.0.0', undefined),
  ];
  const out = withRepositoryClaims(input);
  assert.deepEqual(out.map(claims).flat(), []);
  out.forEach((r, i) => assert.equal(r, input[i]));
});

test('a second pass replaces the finding; it composes with publisher-burst; a long list is cut at six', () => {
  const once = withRepositoryClaims(starjackers());
  assert.deepEqual(withRepositoryClaims(once), once);
  const stamped = starjackers().map((r, i) => ({ ...r, registry: { ...r.registry!, publisher: 'starjacker', publishedAt: new Date(Date.UTC(2025, 8, 15, 10, i)).toISOString() } }));
  const both = withRepositoryClaims(withPublisherBursts(stamped));
  assert.deepEqual(both[0]!.findings.map((f) => f.rule).sort(), ['publisher-burst', 'repository-claimed']);
  assert.deepEqual([both[0]!.verdict, both[0]!.score], ['notable', 2]);

  const words = ['amber', 'birch', 'cedar', 'delta', 'ember', 'fjord', 'grove', 'harbor', 'island'];
  const many = words.map((w) => claimer(`${w}-util`, 'github:lodash/lodash'));
  assert.deepEqual(claims(withRepositoryClaims(many)[0]!), [
    `Its repository (lodash/lodash) is claimed by 8 other packages of this scan too, 9 unrelated families in all, ${TAIL} (birch-util@1.0.0, cedar-util@1.0.0, delta-util@1.0.0, ember-util@1.0.0, fjord-util@1.0.0, grove-util@1.0.0, and 2 more): possible starjacking.`,
  ]);
});

test('repository-claimed is not a code rule, and has a rule page like the code rules', () => {
  assertSetRulePage(REPOSITORY_CLAIMED_META, 'starjacking');
});

test('cli: scanning a lockfile reports the unrelated claimers of one repository, and nothing on the rest', async () => {
  const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-repository-claimed-'));
  after(() => rmSync(tmp, { recursive: true, force: true }));
  // A repository that is on no popular list, so the per-package starjacking rule stays out of it.
  const REPO = 'git+https://github.com/acme-test/widget-kit.git';
  const published: [string, string, string, string][] = [
    ['widget-kit-core', '2.0.0', REPO, 'widget-kit-team'], // named after it: an honest member
    // Three accounts, so no publisher-burst (Verdaccio publishes them all within seconds).
    ['quick-date-formatter', '1.0.0', REPO, 'starjacker-1'],
    ['@tiny-test/colors', '1.2.0', 'github:acme-test/widget-kit', 'starjacker-2'],
    ['left-pad-pro', '0.3.1', 'https://github.com/Acme-Test/Widget-Kit', 'starjacker-3'],
    ['left-align', '2.0.0', 'https://github.com/sindresorhus/left-align', 'other-dev'],
  ];
  const verdaccio = await startVerdaccio();
  after(() => verdaccio.stop());
  // An old publish time: a version published just now would be reported by cool-down.
  const OLD = '2024-01-01T00:00:00.000Z';
  const results = await scanLockfileOf(verdaccio, tmp, published.map(([name, version, repository, publisher]) => ({ name, version, publisher, time: OLD, manifest: { repository } })));
  const byName = Object.fromEntries(results.map((r) => [r.name, [r.verdict, r.findings.filter((f) => f.rule === 'repository-claimed').length]]));
  assert.deepEqual(byName, {
    'widget-kit-core': ['clean', 0],
    'quick-date-formatter': ['notable', 1],
    '@tiny-test/colors': ['notable', 1],
    'left-pad-pro': ['notable', 1],
    'left-align': ['clean', 0],
  });
  const quick = results.find((r) => r.name === 'quick-date-formatter')!;
  assert.deepEqual(quick.findings.map((f) => f.rule), ['repository-claimed']);
  assert.equal(quick.findings[0]!.message, `Its repository (acme-test/widget-kit) is claimed by 2 other packages of this scan too, 3 unrelated families in all, ${TAIL} (@tiny-test/colors@1.2.0, left-pad-pro@0.3.1): possible starjacking.`);
});
