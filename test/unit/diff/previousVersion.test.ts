import assert from 'node:assert/strict';
import { test } from 'node:test';
import { previousVersionOf } from '../../../src/engine/diff/previousVersion';

test('the greatest lower version in semver order, not in publish or string order', () => {
  const published = ['1.10.0', '1.2.0', '1.9.3', '2.0.0', '1.9.10', '0.9.0'];
  assert.equal(previousVersionOf(published, '2.0.0'), '1.10.0');
  assert.equal(previousVersionOf(published, '1.10.0'), '1.9.10');
  assert.equal(previousVersionOf(published, '1.9.10'), '1.9.3');
  // a backport published later: 1.9.11 is still the one below 1.10.0
  assert.equal(previousVersionOf([...published, '1.9.11'], '1.10.0'), '1.9.11');
});

test('prereleases count only when the scanned version is one', () => {
  const published = ['1.0.0', '2.0.0-rc.1', '2.0.0-rc.2', '2.0.0', '2.1.0-beta.0'];
  assert.equal(previousVersionOf(published, '2.0.0'), '1.0.0');
  assert.equal(previousVersionOf(published, '2.1.0'), '2.0.0');
  assert.equal(previousVersionOf(published, '2.0.0-rc.2'), '2.0.0-rc.1');
  assert.equal(previousVersionOf(published, '2.0.0-rc.1'), '1.0.0');
});

test('a first release, a version that is not semver, and hostile keys', () => {
  assert.equal(previousVersionOf(['1.0.0'], '1.0.0'), undefined);
  assert.equal(previousVersionOf([], '1.0.0'), undefined);
  assert.equal(previousVersionOf(['1.0.0'], 'latest'), undefined);
  assert.equal(previousVersionOf(['__proto__', '../../etc', '1.0.0\n', 'v0.9.0', '0.8.0'], '1.0.0'), 'v0.9.0');
});
