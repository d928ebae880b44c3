import type { Node } from '@babel/types';
import { VISITOR_KEYS } from './visitorKeys';

/** Properties of Babel nodes that hold positions or metadata, never child nodes. */
const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'errors', 'tokens', 'comments', 'type']);

/**
 * Child-holding keys of a node type, in source order: Babel's own table. Reading only these keys
 * (instead of probing every key any type might have) is what makes traversal cheap: a lookup of
 * a missing property on the many shapes of Babel nodes is slow. A type the table does not know
 * (a newer parser) falls back to every object-valued key of the node in front of us.
 */
function keysOf(node: Node): readonly string[] {
  const keys = VISITOR_KEYS[node.type];
  if (keys) return keys;
  const out: string[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    if (SKIPPED_KEYS.has(key)) continue;
    const value = record[key];
    if (value !== null && typeof value === 'object') out.push(key);
  }
  return out;
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** Child nodes in source order. */
export function childNodes(node: Node): Node[] {
  const out: Node[] = [];
  const record = node as unknown as Record<string, unknown>;
  for (const key of keysOf(node)) {
    const value = record[key];
    if (Array.isArray(value)) {
      for (const item of value) if (isNode(item)) out.push(item);
    } else if (isNode(value)) out.push(value);
  }
  return out;
}

/** Past this many nodes a file is not traversed further (a generated file can hold millions). */
const MAX_NODES = 5_000_000;

/**
 * Depth-first, in source order, with an explicit stack (a deeply nested minified file must not
 * overflow the call stack). `enter` gets each node with its ancestors, nearest last.
 */
export function walk(root: Node, enter: (node: Node, ancestors: readonly Node[]) => void, maxNodes = MAX_NODES): number {
  const tree = FlatTree.of(root, maxNodes);
  const ancestors: Node[] = [];
  const { nodes, parents } = tree;
  for (let i = 0; i < nodes.length; i++) {
    // Pre-order: the parent of node i is on the ancestor stack; pop back to it.
    const parent = parents[i]!;
    while (ancestors.length && ancestors[ancestors.length - 1] !== (parent >= 0 ? nodes[parent] : undefined)) ancestors.pop();
    enter(nodes[i]!, ancestors);
    ancestors.push(nodes[i]!);
  }
  return nodes.length;
}

/**
 * A tree flattened once, in source (pre-)order, with each node's parent as an index. Rules run
 * over `nodes` in order and ask for ancestors only now and then, so a parent index per node is
 * all the structure kept: no per-node map entries, no copies of the ancestor stack.
 */
export class FlatTree {
  private constructor(
    readonly nodes: readonly Node[],
    /** Index of each node's parent in `nodes`, -1 for the root. */
    readonly parents: readonly number[],
  ) {}

  static of(root: Node, maxNodes = MAX_NODES): FlatTree {
    const nodes: Node[] = [];
    // A plain array of small integers: allocating a typed array per file costs more than it saves.
    const parents: number[] = [];
    const stack: Node[] = [root];
    const stackParents: number[] = [-1];
    while (stack.length) {
      const node = stack.pop()!;
      const parent = stackParents.pop()!;
      const index = nodes.length;
      if (index >= maxNodes) break;
      nodes.push(node);
      parents.push(parent);
      // Children go on the stack last-first so they come off in source order.
      const record = node as unknown as Record<string, unknown>;
      const keys = keysOf(node);
      for (let k = keys.length - 1; k >= 0; k--) {
        const value = record[keys[k]!];
        if (value === null || value === undefined) continue;
        if (Array.isArray(value)) {
          for (let i = value.length - 1; i >= 0; i--) {
            if (isNode(value[i])) {
              stack.push(value[i] as Node);
              stackParents.push(index);
            }
          }
        } else if (isNode(value)) {
          stack.push(value);
          stackParents.push(index);
        }
      }
    }
    return new FlatTree(nodes, parents);
  }

  /** Ancestors of node `index`, root first, nearest last. */
  ancestorsOf(index: number): Node[] {
    const chain: Node[] = [];
    for (let p = this.parents[index]!; p >= 0; p = this.parents[p]!) chain.push(this.nodes[p]!);
    return chain.reverse();
  }
}
