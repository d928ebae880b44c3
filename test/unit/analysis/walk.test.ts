import assert from 'node:assert/strict';
import { test } from 'node:test';
import { VISITOR_KEYS as BABEL_VISITOR_KEYS } from '@babel/types';
import type { Node } from '@babel/types';
import { parseSource } from '../../../src/engine/analysis/parseSource';
import { VISITOR_KEYS } from '../../../src/engine/analysis/visitorKeys';
import { FlatTree, childNodes, walk } from '../../../src/engine/analysis/walk';

function tree(source: string, path = 'x.js'): FlatTree {
  const parsed = parseSource(source, path);
  assert.ok(parsed.ok);
  return FlatTree.of(parsed.ast);
}

const label = (n: Node) => (n.type === 'Identifier' ? n.name : n.type === 'StringLiteral' ? `'${n.value}'` : n.type);

test('the child-key table is Babel’s (run test/tools/visitor-keys.ts after a Babel update)', () => {
  const ours = Object.fromEntries(Object.entries(VISITOR_KEYS).map(([k, v]) => [k, [...v]]));
  const babel = Object.fromEntries(Object.keys(BABEL_VISITOR_KEYS).map((k) => [k, [...BABEL_VISITOR_KEYS[k]!]]));
  assert.deepEqual(ours, babel);
});

test('a flat tree lists nodes in source order, if/else and conditionals included', () => {
  const names = (source: string) => tree(source).nodes.filter((n) => n.type === 'Identifier').map(label);
  assert.deepEqual(names(`if (a) { b(); } else { c(); }`), ['a', 'b', 'c']);
  assert.deepEqual(names(`x = p ? q : r;`), ['x', 'p', 'q', 'r']);
  assert.deepEqual(names(`const first = second;`), ['first', 'second']);
  assert.deepEqual(names(`({ k: v, [m]: n, ...rest })`), ['k', 'v', 'm', 'n', 'rest']);
  assert.deepEqual(names(`class A extends B { m(p) { return q; } }`), ['A', 'B', 'm', 'p', 'q']);
});

test('a flat tree records each node’s parent; ancestors run root first, nearest last', () => {
  const t = tree(`function f() { if (a) call('s'); }`);
  const s = t.nodes.findIndex((n) => n.type === 'StringLiteral');
  assert.deepEqual(t.ancestorsOf(s).map(label), ['File', 'Program', 'FunctionDeclaration', 'BlockStatement', 'IfStatement', 'ExpressionStatement', 'CallExpression']);
  assert.equal(t.parents[0], -1);
  assert.equal(t.nodes[0]!.type, 'File');
  assert.equal(t.parents.length, t.nodes.length);
  for (let i = 1; i < t.nodes.length; i++) assert.ok(t.parents[i]! < i, 'a parent comes before its children');
});

test('walk gives every node once with its ancestors, and childNodes the same children in order', () => {
  const source = `const a = require('x'); if (a) { a.b(c => c + 1); } else { throw new Error(\`\${a}\`); }`;
  const parsed = parseSource(source, 'x.js');
  assert.ok(parsed.ok);
  const flat = FlatTree.of(parsed.ast);
  const seen: Node[] = [];
  walk(parsed.ast, (node, ancestors) => {
    const i = seen.length;
    seen.push(node);
    assert.deepEqual(ancestors, flat.ancestorsOf(i));
    if (ancestors.length) assert.ok(childNodes(ancestors[ancestors.length - 1]!).includes(node));
  });
  assert.deepEqual(seen, flat.nodes);
  assert.equal(new Set(seen).size, seen.length);
});

test('TypeScript nodes are walked too (type annotations, parameter properties)', () => {
  const t = tree(`class C { constructor(private readonly k: Key) {} }`, 'x.ts');
  assert.ok(t.nodes.some((n) => n.type === 'TSParameterProperty'));
  assert.ok(t.nodes.some((n) => n.type === 'TSTypeReference'));
});

test('the node cap stops flattening instead of running on', () => {
  const parsed = parseSource(`a(); b(); c(); d();`, 'x.js');
  assert.ok(parsed.ok);
  assert.equal(FlatTree.of(parsed.ast, 5).nodes.length, 5);
  assert.equal(walk(parsed.ast, () => {}, 5), 5);
});
