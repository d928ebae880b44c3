import { isAlias, isMap, isScalar, type Document, type Node } from 'yaml';
import type { SourceRange } from './model';
import type { LineIndex } from './text';

/**
 * Read-only helpers over a `yaml` document's node tree. Parsers walk nodes instead of calling
 * `toJS()` so every value keeps its source range, and so a hostile file cannot make us expand
 * aliases recursively (each lookup follows at most one alias hop).
 */
export interface YamlContext {
  doc: Document.Parsed;
  index: LineIndex;
}

export interface YamlMember {
  key: string;
  keyNode: Node;
  /** The value with any alias resolved; undefined for `key:` with nothing after it. */
  value: Node | undefined;
}

export function resolveNode(ctx: YamlContext, node: unknown): Node | undefined {
  if (node === null || node === undefined) return undefined;
  if (isAlias(node)) {
    const target = node.resolve(ctx.doc);
    return target ?? undefined;
  }
  return node as Node;
}

/** A mapping's members in file order, or undefined when the node is not a mapping. Non-scalar keys are left out. */
export function mapMembers(ctx: YamlContext, node: Node | undefined): YamlMember[] | undefined {
  if (!isMap(node)) return undefined;
  const out: YamlMember[] = [];
  for (const pair of node.items) {
    const keyNode = resolveNode(ctx, pair.key);
    const key = scalarText(keyNode);
    if (key === undefined || !keyNode) continue;
    out.push({ key, keyNode, value: resolveNode(ctx, pair.value) });
  }
  return out;
}

/** The member value of `key` (last one wins, like the JSON helpers). */
export function mapGet(ctx: YamlContext, node: Node | undefined, key: string): Node | undefined {
  if (!isMap(node)) return undefined;
  let found: Node | undefined;
  for (const pair of node.items) {
    if (scalarText(resolveNode(ctx, pair.key)) === key) found = resolveNode(ctx, pair.value);
  }
  return found;
}

/**
 * A scalar as the text it was written with: `5.10` stays "5.10" instead of the number 5.1, and a
 * key like `1.0.0` is not at the mercy of YAML's number rules. Null scalars give undefined.
 */
export function scalarText(node: Node | undefined): string | undefined {
  if (!isScalar(node)) return undefined;
  const value = node.value;
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value;
  if (typeof node.source === 'string' && node.source !== '') return node.source;
  if (typeof value === 'number' || typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  return undefined;
}

export function isNullish(node: Node | undefined): boolean {
  return node === undefined || (isScalar(node) && (node.value === null || node.value === undefined));
}

export function scalarBoolean(node: Node | undefined): boolean | undefined {
  return isScalar(node) && typeof node.value === 'boolean' ? node.value : undefined;
}

/** The node's own span (for a key: the key text, quotes included, without the colon). */
export function yamlRange(ctx: YamlContext, node: Node | undefined): SourceRange {
  const range = node?.range;
  if (!range) return ctx.index.range(0, 0);
  return ctx.index.range(range[0], Math.max(0, range[1] - range[0]));
}
