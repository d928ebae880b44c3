import type { Node } from '@babel/types';

/** Properties of Babel nodes that hold positions or metadata, never child nodes. */
const SKIPPED_KEYS = new Set(['loc', 'start', 'end', 'extra', 'range', 'leadingComments', 'trailingComments', 'innerComments', 'errors', 'tokens', 'comments', 'type']);

/**
 * Child-holding keys per node type, learnt from the nodes seen: a key whose value is an object,
 * an array or null can hold children; strings, numbers and booleans never do. Learning from the
 * first few instances of each type (and widening when a later one has a new key) replaces a
 * `for...in` over every property of every node, which dominated traversal time.
 */
const childKeys = new Map<string, { keys: string[]; seen: number }>();
const LEARN_INSTANCES = 8;
/** Keys Babel sets only when the syntax is present; seeded so a rare one is never missed after learning stops. */
const OPTIONAL_CHILD_KEYS = ['decorators', 'typeAnnotation', 'returnType', 'typeParameters', 'superTypeParameters', 'implements', 'predicate', 'attributes', 'assertions', 'options', 'key', 'value', 'argument', 'default', 'constraint', 'superClass', 'declaration', 'source', 'init', 'alternate', 'label'];

function keysOf(node: Node): string[] {
  let entry = childKeys.get(node.type);
  if (entry && entry.seen >= LEARN_INSTANCES) return entry.keys;
  if (!entry) {
    entry = { keys: [...OPTIONAL_CHILD_KEYS], seen: 0 };
    childKeys.set(node.type, entry);
  }
  entry.seen += 1;
  const record = node as unknown as Record<string, unknown>;
  for (const key in record) {
    if (SKIPPED_KEYS.has(key) || entry.keys.includes(key)) continue;
    const value = record[key];
    if (value === null || typeof value === 'object') entry.keys.push(key);
  }
  return entry.keys;
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

/**
 * Depth-first, in source order, with an explicit stack (a deeply nested minified file must not
 * overflow the call stack). `enter` gets each node with its ancestors, nearest last.
 */
export function walk(root: Node, enter: (node: Node, ancestors: readonly Node[]) => void, maxNodes = 5_000_000): number {
  const ancestors: Node[] = [];
  const stack: (Node | typeof EXIT)[] = [root];
  let visited = 0;
  while (stack.length) {
    const item = stack.pop()!;
    if (item === EXIT) {
      ancestors.pop();
      continue;
    }
    if (++visited > maxNodes) break;
    enter(item, ancestors);
    ancestors.push(item);
    stack.push(EXIT);
    // Children go on the stack last-first so they come off in source order; no per-node array.
    const record = item as unknown as Record<string, unknown>;
    const keys = keysOf(item);
    for (let k = keys.length - 1; k >= 0; k--) {
      const value = record[keys[k]!];
      if (Array.isArray(value)) {
        for (let i = value.length - 1; i >= 0; i--) if (isNode(value[i])) stack.push(value[i] as Node);
      } else if (isNode(value)) stack.push(value);
    }
  }
  return visited;
}

const EXIT = Symbol('exit');
