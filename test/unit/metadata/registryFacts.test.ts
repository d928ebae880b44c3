import assert from 'node:assert/strict';
import { test } from 'node:test';
import { defaultMetadataSettings } from '../../../src/engine/analysis/helpers/metadata';
import { registryFacts, SUMMARY_VERSION_CAP } from '../../../src/engine/registry/registryFacts';

const settings = defaultMetadataSettings(new Date('2026-01-10T12:00:00.000Z'));
const att = { url: 'https://registry.example.com/-/npm/v1/attestations/x', provenance: { predicateType: 'https://slsa.dev/provenance/v1' } };

test('a realistic packument gives the summary and the rule input', () => {
  const packument = {
    name: 'left-helper',
    'dist-tags': { latest: '2.0.0', next: '3.0.0-beta.1' },
    maintainers: [{ name: 'alice', email: 'alice@example.com' }],
    repository: { type: 'git', url: 'git+https://github.com/example/left-helper.git' },
    time: { created: '2025-01-01T00:00:00.000Z', modified: '2025-05-01T00:00:00.000Z', '1.0.0': '2025-01-01T00:00:00.000Z', '1.10.0': '2025-03-01T00:00:00Z', '1.9.0': '2025-04-01T00:00:00.000Z', '2.0.0': '2025-05-01T00:00:00.000Z', '3.0.0-beta.1': '2025-04-15T00:00:00.000Z' },
    versions: {
      '1.0.0': { name: 'left-helper', version: '1.0.0', _npmUser: { name: 'alice', email: 'alice@example.com' }, dist: { attestations: att } },
      '1.9.0': { name: 'left-helper', version: '1.9.0', _npmUser: 'bob <bob@example.com>', dist: { attestations: att } },
      '1.10.0': { name: 'left-helper', version: '1.10.0', _npmUser: { name: 'alice' }, dist: { attestations: att }, maintainers: [{ name: 'alice' }, 'bob <bob@example.com>'] },
      '2.0.0': { name: 'left-helper', version: '2.0.0', _npmUser: { name: 'mallory' }, maintainers: [{ name: 'mallory' }], deprecated: 'use right-helper', dist: { tarball: 'https://registry.example.com/x.tgz' } },
      '3.0.0-beta.1': { name: 'left-helper', version: '3.0.0-beta.1' },
    },
  };
  const facts = registryFacts(packument, '2.0.0', settings)!;
  assert.deepEqual(facts.summary, {
    publishedAt: '2025-05-01T00:00:00.000Z',
    publisher: 'mallory',
    maintainers: ['mallory'],
    // semver order, not publish order: 1.10.0 (published before 1.9.0) is still the previous one
    previousVersion: '1.10.0',
    distTags: { latest: '2.0.0', next: '3.0.0-beta.1' },
    versions: [
      { version: '3.0.0-beta.1', publishedAt: '2025-04-15T00:00:00.000Z' },
      { version: '2.0.0', publishedAt: '2025-05-01T00:00:00.000Z' },
      { version: '1.10.0', publishedAt: '2025-03-01T00:00:00.000Z' },
      { version: '1.9.0', publishedAt: '2025-04-01T00:00:00.000Z' },
      { version: '1.0.0', publishedAt: '2025-01-01T00:00:00.000Z' },
    ],
    versionCount: 5,
    repository: 'git+https://github.com/example/left-helper.git',
    provenance: false,
    deprecated: 'use right-helper',
  });
  const input = facts.input;
  assert.deepEqual([input.current.version, input.current.publisher, input.current.provenance], ['2.0.0', 'mallory', false]);
  assert.deepEqual([input.previous?.version, input.previous?.publisher, input.previous?.maintainers, input.previous?.provenance], ['1.10.0', 'alice', ['alice', 'bob'], true]);
  assert.deepEqual(input.earlier, [
    { version: '1.10.0', provenance: true, publishedAt: '2025-03-01T00:00:00.000Z', publisher: 'alice' },
    { version: '1.9.0', provenance: true, publishedAt: '2025-04-01T00:00:00.000Z', publisher: 'bob' },
    { version: '1.0.0', provenance: true, publishedAt: '2025-01-01T00:00:00.000Z', publisher: 'alice' },
  ]);
  assert.deepEqual(input.publishTimes.map((p) => p.version), ['1.0.0', '1.10.0', '1.9.0', '3.0.0-beta.1', '2.0.0']);
  assert.equal(input.settings.coolDownHours, 48);
});

test('hostile or broken packuments never throw and keep only what is valid', () => {
  assert.equal(registryFacts(null, '1.0.0', settings), undefined);
  assert.equal(registryFacts({ versions: ['1.0.0'] }, '1.0.0', settings), undefined);
  assert.equal(registryFacts({ versions: { '1.0.0': {} } }, '2.0.0', settings), undefined, 'a version the packument does not list');
  assert.equal(registryFacts({ versions: Object.create({ '1.0.0': {} }) }, '1.0.0', settings), undefined, 'inherited keys are not versions');

  const hostile = {
    'dist-tags': { latest: 7, ['x'.repeat(300)]: '1.0.0', ok: '1.0.0' },
    maintainers: 'not a list',
    time: { '1.0.0': 'yesterday', 'not-a-version': '2025-01-01T00:00:00Z', '0.9.0': 12 },
    repository: ['x'],
    versions: {
      '1.0.0': { _npmUser: { name: { toString: 'x' } }, maintainers: [null, 5, { name: 'a'.repeat(1000) }, { name: 'eve' }, { name: 'eve' }], dist: { attestations: 'yes' }, deprecated: 42, repository: { url: 'u'.repeat(2000) } },
      '0.9.0': 'not an object',
      'not-a-version': {},
    },
  };
  const facts = registryFacts(hostile, '1.0.0', settings)!;
  assert.deepEqual(facts.summary.distTags, { ok: '1.0.0' });
  assert.equal(facts.summary.publishedAt, undefined, 'an unparsable time is no time');
  assert.equal(facts.summary.publisher, undefined);
  assert.deepEqual(facts.summary.maintainers, ['a'.repeat(214), 'eve']);
  assert.equal(facts.summary.provenance, false, 'attestations must be an object');
  assert.equal(facts.summary.deprecated, undefined);
  assert.equal(facts.summary.repository!.length, 500);
  assert.equal(facts.summary.versionCount, 2, 'only valid semver versions count');
  assert.equal(facts.summary.previousVersion, '0.9.0');
  assert.deepEqual(facts.input.previous?.manifest, {}, 'a non-object manifest reads as empty');
  assert.deepEqual(facts.input.publishTimes, []);
});

test('the version list is capped, newest first; private scopes are normalised', () => {
  const versions: Record<string, unknown> = {};
  const time: Record<string, string> = {};
  for (let i = 0; i < 250; i++) {
    versions[`1.0.${i}`] = {};
    time[`1.0.${i}`] = new Date(Date.UTC(2025, 0, 1) + i * 60_000).toISOString();
  }
  const facts = registryFacts({ versions, time }, '1.0.200', { ...settings, privateScopes: ['acme', '@Other/', ' '] })!;
  assert.equal(facts.summary.versions.length, SUMMARY_VERSION_CAP);
  assert.equal(facts.summary.versions[0]!.version, '1.0.249');
  assert.equal(facts.summary.versionCount, 250);
  assert.equal(facts.input.publishTimes.length, 250);
  assert.equal(facts.input.earlier.length, 50);
  assert.deepEqual(facts.input.settings.privateScopes, ['@acme', '@other']);
});

test('a release is compared with the release before it, not with its own release candidates', () => {
  const versions = { '1.0.0': {}, '2.0.0-rc.1': {}, '2.0.0-rc.2': {}, '2.0.0': {} };
  assert.equal(registryFacts({ versions }, '2.0.0', settings)!.summary.previousVersion, '1.0.0');
  assert.deepEqual(registryFacts({ versions }, '2.0.0', settings)!.input.earlier.map((e) => e.version), ['1.0.0']);
  assert.equal(registryFacts({ versions }, '2.0.0-rc.2', settings)!.summary.previousVersion, '2.0.0-rc.1');
  assert.equal(registryFacts({ versions }, '1.0.0', settings)!.summary.previousVersion, undefined);
});
