import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Node } from '@babel/types';
import { parseSource } from '../../../src/engine/analysis/parseSource';
import { Resolver } from '../../../src/engine/analysis/resolver';
import { walk } from '../../../src/engine/analysis/walk';

function calls(source: string): { callee: string | undefined; firstArg: unknown }[] {
  const parsed = parseSource(source, 'x.js');
  assert.ok(parsed.ok);
  const resolver = Resolver.forTree(parsed.ast);
  const out: { callee: string | undefined; firstArg: unknown }[] = [];
  walk(parsed.ast, (node: Node) => {
    if (node.type === 'CallExpression' || node.type === 'NewExpression') out.push({ callee: resolver.calleeName(node), firstArg: resolver.evaluate(node.arguments[0] as Node) });
  });
  return out;
}

const names = (source: string) => calls(source).map((c) => c.callee);

test('resolver names calls through require and import aliases', () => {
  assert.deepEqual(names(`const cp = require('node:child_process'); cp.exec('x');`), ['require', 'child_process.exec']);
  assert.deepEqual(names(`const { exec: run, spawn } = require('child_process'); run(); spawn();`), ['require', 'child_process.exec', 'child_process.spawn']);
  assert.deepEqual(names(`require('chi' + 'ld_pro' + 'cess').execSync('id');`), ['child_process.execSync', 'require']);
  assert.deepEqual(names(`import * as os from 'os'; import { request as r } from 'node:https'; os.hostname(); r({});`), ['os.hostname', 'https.request']);
  assert.deepEqual(names(`const h = require('os').hostname; h();`), ['require', 'os.hostname']);
  assert.deepEqual(names(`process.mainModule.require('fs').readFileSync('a');`), ['fs.readFileSync', 'require']);
});

test('resolver sees through globals, computed members and call/apply', () => {
  assert.deepEqual(names(`global['ev' + 'al']('1');`), ['eval']);
  assert.deepEqual(names(`globalThis.process['e' + 'nv'].toString();`), ['process.env.toString']);
  assert.deepEqual(names(`const f = require('fs'); f.writeFileSync.call(null, 'a', 'b');`), ['require', 'fs.writeFileSync']);
  assert.deepEqual(names(`(0, eval)('x'); Reflect.apply(eval, null, ['x']);`), ['eval', 'eval']);
  assert.deepEqual(names(`new (require('net').Socket)();`), ['net.Socket', 'require']);
});

test('resolver leaves shadowed and reassigned names unresolved instead of guessing', () => {
  assert.deepEqual(names(`function f(eval) { eval('x'); }`), [undefined]);
  assert.deepEqual(names(`let cp = require('child_process'); cp = other; cp.exec();`), ['require', undefined]);
  // A CommonJS wrapper's own require is the real one.
  assert.deepEqual(names(`(function (require, module) { require('https').get('u'); })(require, module);`), [undefined, 'https.get', 'require']);
});

test('resolver computes decoded strings', () => {
  const values = (source: string) => calls(source).map((c) => c.firstArg);
  assert.deepEqual(values(`eval(Buffer.from('aGVsbG8=', 'base64').toString());`)[0], 'hello');
  assert.deepEqual(values(`f(atob('d29ybGQ='));`)[0], 'world');
  assert.deepEqual(values(`f(Buffer.from('6869', 'hex').toString('utf8'));`)[0], 'hi');
  assert.deepEqual(values(`f(String.fromCharCode(104, 111, 115, 116));`)[0], 'host');
  assert.deepEqual(values(`const t = ['ex', 'ample', '.invalid']; f(t.join(''));`)[0], 'example.invalid');
  assert.deepEqual(values(`f('dilavni.elpmaxe'.split('').reverse().join(''));`)[0], 'example.invalid');
  assert.deepEqual(values('const host = `c2.${"example"}.invalid`; f(`https://${host}/x`);')[0], 'https://c2.example.invalid/x');
  assert.deepEqual(values(`const a = ['x', 'http://192.0.2.1']; f(a[1]);`)[0], 'http://192.0.2.1');
  assert.deepEqual(values(`let n = 'a'; n += 'b'; f(n);`)[0], undefined);
});

test('resolver reads string tables indexed a character at a time', () => {
  const values = (source: string) => calls(source).map((c) => c.firstArg);
  assert.deepEqual(values(`const t = 'xpcsirt'; f(t[3] + t[2] + t[5] + t[4] + t[1] + t[6]);`)[0], 'script');
  assert.deepEqual(values(`const t = 'abc'; f(t.charAt(2) + t.charAt(0));`)[0], 'ca');
  assert.deepEqual(values(`const t = 'abc'; f(t[7]);`)[0], undefined);
});
