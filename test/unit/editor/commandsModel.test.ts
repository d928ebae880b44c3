import assert from 'node:assert/strict';
import { test } from 'node:test';
import { applyEdits } from 'jsonc-parser';
import { isExactVersion, parsePackageInput } from '../../../src/editor/model/packageInput';
import { removeDependencyEdits } from '../../../src/editor/model/removeDependency';
import { parseDependencyFile } from '../../../src/engine/deps/index';

test('Scan Package… reads name@version, names, scoped names, and local paths', () => {
  assert.deepEqual(parsePackageInput(' left-pad@1.3.0 ', '/ws'), { kind: 'registry', name: 'left-pad', spec: '1.3.0' });
  assert.deepEqual(parsePackageInput('@scope/pkg@^2', '/ws'), { kind: 'registry', name: '@scope/pkg', spec: '^2' });
  assert.deepEqual(parsePackageInput('left-pad', '/ws'), { kind: 'registry', name: 'left-pad', spec: 'latest' });
  assert.deepEqual(parsePackageInput('left-pad@next', '/ws'), { kind: 'registry', name: 'left-pad', spec: 'next' });
  assert.deepEqual(parsePackageInput('./vendor/pkg', '/ws'), { kind: 'local', path: '/ws/vendor/pkg' });
  assert.deepEqual(parsePackageInput('evil-1.0.0.tgz', '/ws'), { kind: 'local', path: '/ws/evil-1.0.0.tgz' });
  assert.deepEqual(parsePackageInput('~/x.tgz', '/ws', '/home/ana'), { kind: 'local', path: '/home/ana/x.tgz' });
  assert.match((parsePackageInput('github:user/repo', '/ws') as { error: string }).error, /^Only registry packages can be scanned by name \(this is a git spec\)$/);
  assert.ok('error' in parsePackageInput('   ', '/ws'));
  assert.ok('error' in parsePackageInput('Bad Name@1', '/ws'));
  assert.deepEqual(['1.2.3', '1.0.0-beta.1', '^1.2.3', 'latest', '1.x'].map(isExactVersion), [true, true, false, false, false]);
});

test('Remove the dependency deletes exactly that key, commas and indentation kept valid', () => {
  const text = '{\n    "name": "app",\n    "dependencies": {\n        "left-pad": "^1.3.0",\n        "evil-pkg": "1.0.1"\n    },\n    "devDependencies": {\n        "evil-pkg": "1.0.1"\n    }\n}\n';
  const model = parseDependencyFile('package-json', text);
  const prod = model.entries.find((e) => e.name === 'evil-pkg' && e.group === 'dependencies')!;
  const after = applyEdits(text, removeDependencyEdits(text, prod));
  assert.deepEqual(JSON.parse(after), { name: 'app', dependencies: { 'left-pad': '^1.3.0' }, devDependencies: { 'evil-pkg': '1.0.1' } });
  assert.ok(after.includes('\n        "left-pad": "^1.3.0"\n    }'), after);
  const alias = parseDependencyFile('package-json', '{"dependencies":{"lp":"npm:left-pad@1.3.0"}}').entries[0]!;
  assert.deepEqual(JSON.parse(applyEdits('{"dependencies":{"lp":"npm:left-pad@1.3.0"}}', removeDependencyEdits('{"dependencies":{"lp":"npm:left-pad@1.3.0"}}', alias))), { dependencies: {} });
  assert.deepEqual(removeDependencyEdits(text, { ...prod, group: 'bundleDependencies' }), []);
});
