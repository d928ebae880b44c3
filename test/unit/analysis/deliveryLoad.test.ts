import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '@babel/types';
import { loadedOnImport, walkLoadTime } from '../../../src/engine/analysis/helpers/delivery-load';
import { parseSource } from '../../../src/engine/analysis/parseSource';
import { Resolver } from '../../../src/engine/analysis/resolver';
import type { PackageFile, PackageInput } from '../../../src/engine/analysis/types';

/** Names of the calls walkLoadTime reports as running while the module loads, in source order. */
function loadTimeCalls(source: string): string[] {
  const parsed = parseSource(source, 'x.js');
  assert.ok(parsed.ok);
  const resolver = Resolver.forTree(parsed.ast);
  const out: string[] = [];
  walkLoadTime(parsed.ast.program, (n) => resolver.calleeName(n), (node: Node) => {
    if (node.type === 'CallExpression') out.push(resolver.calleeName(node) ?? '?');
  });
  return out;
}

test('walkLoadTime visits top-level code, IIFEs, timer callbacks and functions the module calls while loading', () => {
  const calls = loadTimeCalls(`
    const cp = require('child_process');
    cp.exec('a');
    (function () { cp.exec('b'); })();
    setTimeout(() => cp.exec('c'), 10);
    function boot() { cp.exec('d'); }
    boot();
    module.exports = function run() { cp.exec('e'); };
    module.exports();
  `);
  assert.deepEqual(calls.filter((c) => c === 'child_process.exec').length, 5);
});

test('walkLoadTime skips functions that only run when someone calls them', () => {
  const calls = loadTimeCalls(`
    const cp = require('child_process');
    function later() { cp.exec('x'); }
    exports.start = function () { cp.spawn('y'); };
    class Tool { run() { cp.execFile('z'); } }
    const handler = () => cp.fork('w');
  `);
  assert.deepEqual(calls, ['require']);
});

function file(path: string, text: string): PackageFile {
  return { path, size: text.length, text, head: new TextEncoder().encode(text.slice(0, 16)), binary: false, truncated: false };
}

test('loadedOnImport follows relative requires and imports from the import entries, not from bins', () => {
  const pkg: PackageInput = {
    name: 'x',
    version: '1.0.0',
    manifest: { main: 'lib/index.js', bin: { x: 'cli.js' } },
    files: [
      file('lib/index.js', "require('./a'); import b from '../shared/b.mjs';"),
      file('lib/a.js', "module.exports = require('./deep/c');"),
      file('lib/deep/c/index.js', 'module.exports = 1;'),
      file('shared/b.mjs', 'export default 2;'),
      file('cli.js', "require('./lib/tool');"),
      file('lib/tool.js', 'module.exports = 3;'),
    ],
  };
  assert.deepEqual([...loadedOnImport(pkg)].sort(), ['lib/a.js', 'lib/deep/c/index.js', 'lib/index.js', 'shared/b.mjs']);
});
