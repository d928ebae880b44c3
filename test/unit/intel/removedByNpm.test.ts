import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detectRemovedByNpm } from '../../../src/engine/intel/removedByNpm';

test("npm's security holding package is probably a takedown", () => {
  // The shape npm publishes in place of a removed malicious package.
  const holding = {
    name: 'evil-colors',
    description: 'security holding package',
    'dist-tags': { latest: '0.0.1-security' },
    versions: { '0.0.1-security': { name: 'evil-colors', version: '0.0.1-security', description: 'security holding package', repository: { type: 'git', url: 'npm/security-holder' } } },
    time: { created: '2026-01-01T00:00:00.000Z', '0.0.1-security': '2026-01-02T00:00:00.000Z' },
    repository: { type: 'git', url: 'npm/security-holder' },
  };
  assert.deepEqual(detectRemovedByNpm(holding), {
    probably: true,
    reason: 'npm replaced this package with its security holding package (version 0.0.1-security, description "security holding package", repository npm/security-holder); npm usually does this after removing malware.',
  });
  // Any one sign is enough: a -security.N version alone, or the description alone.
  assert.equal(detectRemovedByNpm({ name: 'x', versions: { '0.0.1-security.2': {} } })?.probably, true);
  assert.match(detectRemovedByNpm({ name: 'x', description: 'Security holding package', versions: { '1.0.0': {} } })!.reason, /description "security holding package"/);
});

test('an emptied packument (no versions, time.unpublished) is probably a removal', () => {
  const emptied = { name: 'gone-pkg', time: { created: '2026-01-01T00:00:00.000Z', unpublished: { time: '2026-03-04T05:06:07.000Z', versions: ['1.0.0', '1.0.1'] } } };
  assert.deepEqual(detectRemovedByNpm(emptied), { probably: true, reason: 'The registry lists no versions of this package (unpublished on 2026-03-04T05:06:07.000Z): it was probably removed.' });
  assert.deepEqual(detectRemovedByNpm({ name: 'gone', versions: {} }), { probably: true, reason: 'The registry lists no versions of this package: it was probably removed.' });
});

test('an ordinary packument, or something that is not one, shows no takedown', () => {
  const normal = { name: 'left-pad', description: 'String left pad', 'dist-tags': { latest: '1.3.0' }, versions: { '1.3.0': { version: '1.3.0' }, '1.0.0-security-fix': { version: '1.0.0-security-fix' } }, repository: 'github:stevemao/left-pad' };
  assert.equal(detectRemovedByNpm(normal), undefined);
  for (const junk of [null, 'text', 42, [], undefined]) assert.equal(detectRemovedByNpm(junk), undefined, JSON.stringify(junk));
  assert.equal(detectRemovedByNpm(['0.0.1-security']), undefined);
});
