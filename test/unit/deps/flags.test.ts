import assert from 'node:assert/strict';
import { test } from 'node:test';
import { deriveFlags, type GraphNode } from '../../../src/engine/deps/flags';

test('flags: dev-only, optional-only and peer-only reachability, like npm computes them', () => {
  // 0 prod root -> 1 ; 2 dev root -> 1, 3 ; 4 optional root -> 5 ; 0 -optional-> 6 ; 0 -peer-> 7 ; 8 orphan
  const nodes: GraphNode[] = [
    { edges: [{ target: 1, type: 'prod' }, { target: 6, type: 'optional' }, { target: 7, type: 'peer' }] },
    { edges: [] },
    { edges: [{ target: 1, type: 'prod' }, { target: 3, type: 'prod' }] },
    { edges: [] },
    { edges: [{ target: 5, type: 'prod' }] },
    { edges: [] },
    { edges: [] },
    { edges: [] },
    { edges: [] },
  ];
  const flags = deriveFlags(nodes, [
    { target: 0, type: 'prod', workspace: '' },
    { target: 2, type: 'dev', workspace: '' },
    { target: 4, type: 'optional', workspace: 'packages/a' },
    { target: 2, type: 'dev', workspace: 'packages/a' },
  ]);
  const summary = flags.map((f) => `${f.direct ? 'D' : '-'}${f.dev ? 'd' : '-'}${f.optional ? 'o' : '-'}${f.peer ? 'p' : '-'}`);
  assert.deepEqual(summary, ['D---', '----', 'Dd--', '-d--', 'D-o-', '--o-', '--o-', '---p', '----']);
  assert.deepEqual(flags[2]!.workspaces, ['', 'packages/a']);
  assert.deepEqual(flags[4]!.workspaces, ['packages/a']);
});
