import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { analyzePackage } from '../../../src/engine/analysis/analyze';
import rule from '../../../src/engine/rules/phantom-dependency';
import { readFixturePackage } from '../../support/fixturePackage';

const fixture = path.join(__dirname, '../../fixtures/rules/phantom-dependency/malicious/new-in-this-version');

test('phantom-dependency: a dependency new in this version (registry data) is medium and says so', async () => {
  const pkg = await readFixturePackage(fixture);
  assert.equal(pkg.registry?.previous?.version, '1.14.0');
  const found = analyzePackage(pkg, [rule]).findings.filter((f) => f.rule === 'phantom-dependency');
  assert.deepEqual(found.map((f) => [f.severity, f.line]), [['medium', 8]]);
  assert.match(found[0]!.message, /shim-crypto-fixture.*new in this version \(1\.14\.0 did not declare it\)/);
});

test('phantom-dependency: without registry data the same package is low', async () => {
  const pkg = await readFixturePackage(fixture);
  delete pkg.registry;
  const found = analyzePackage(pkg, [rule]).findings.filter((f) => f.rule === 'phantom-dependency');
  assert.deepEqual(found.map((f) => [f.severity, f.line]), [['low', 8]]);
});

test('phantom-dependency: a dependency moved from optionalDependencies is not new, so it stays low', async () => {
  const pkg = await readFixturePackage(fixture);
  const previous = pkg.registry!.previous!;
  previous.manifest = { ...previous.manifest, optionalDependencies: { 'shim-crypto-fixture': '^4.2.0' } };
  const found = analyzePackage(pkg, [rule]).findings.filter((f) => f.rule === 'phantom-dependency');
  assert.deepEqual(found.map((f) => [f.severity, f.line]), [['low', 8]]);
  assert.doesNotMatch(found[0]!.message, /new in this version/);
});
