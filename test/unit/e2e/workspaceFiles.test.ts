/**
 * The workspace files the end-to-end tests write are read by the product's own parsers the way the
 * tests expect: which entries are direct, which only locked, and on which line each one is.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDependencyFile } from '../../../src/engine/deps/index';
import { packageJsonText, packageLockText, type LockedPackage } from '../../e2e/workspaceFiles';

const clean: LockedPackage = { name: '@takedown-demo/clean-util', version: '1.0.0', resolved: 'http://127.0.0.1:4873/@takedown-demo/clean-util/-/clean-util-1.0.0.tgz', integrity: 'sha512-AAAA' };
const deep: LockedPackage = { name: '@takedown-demo/deep-evil', version: '1.0.0', resolved: 'http://127.0.0.1:4873/@takedown-demo/deep-evil/-/deep-evil-1.0.0.tgz', integrity: 'sha512-BBBB' };

test('packageLockText: a v3 lockfile whose transitive entry is locked but not direct, on its own line', () => {
  const text = packageLockText([clean], [deep]);
  const model = parseDependencyFile('npm-lock', text);
  assert.equal(model.fatal, false);
  assert.deepEqual(model.problems, []);
  assert.equal(model.formatVersion, '3');
  const entries = model.entries.map((e) => ({ key: `${e.name}@${e.version}`, direct: e.direct, integrity: e.integrity, line: e.range.start.line }));
  assert.deepEqual(entries, [
    { key: '@takedown-demo/clean-util@1.0.0', direct: true, integrity: 'sha512-AAAA', line: text.split('\n').indexOf('    "node_modules/@takedown-demo/clean-util": {') },
    { key: '@takedown-demo/deep-evil@1.0.0', direct: false, integrity: 'sha512-BBBB', line: text.split('\n').indexOf('    "node_modules/@takedown-demo/deep-evil": {') },
  ]);
  assert.equal(entries[1]!.line, 19);
});

test('packageJsonText: one dependency per line, in the order given', () => {
  const text = packageJsonText({ '@takedown-demo/clean-util': '1.0.0', '@takedown-demo/evil-setup': '1.0.0' });
  const model = parseDependencyFile('package-json', text);
  assert.deepEqual(model.entries.map((e) => [e.name, e.spec, e.range.start.line]), [
    ['@takedown-demo/clean-util', '1.0.0', 5],
    ['@takedown-demo/evil-setup', '1.0.0', 6],
  ]);
});
