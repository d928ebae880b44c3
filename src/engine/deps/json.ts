import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import type { ParseProblem, SourceRange } from './model';
import { LineIndex, problem } from './text';

export type { JsonNode };

export interface JsonDocument {
  root: JsonNode | undefined;
  index: LineIndex;
  problems: ParseProblem[];
  /** True when the text has syntax errors: the tree is a best guess and must not be trusted. */
  broken: boolean;
}

export interface JsonDialect {
  allowTrailingComma: boolean;
  allowComments: boolean;
}

export const STRICT_JSON: JsonDialect = { allowTrailingComma: false, allowComments: false };

/** Parses JSON(C) into a tree with offsets, turning syntax errors and duplicate keys into problems. */
export function parseJsonDocument(text: string, dialect: JsonDialect = STRICT_JSON): JsonDocument {
  const index = new LineIndex(text);
  const errors: ParseError[] = [];
  // A UTF-8 BOM is legal in files npm reads; jsonc-parser would call it an invalid symbol.
  const root = parseTree(text, errors, { allowTrailingComma: dialect.allowTrailingComma, disallowComments: !dialect.allowComments, allowEmptyContent: false });
  const problems: ParseProblem[] = errors
    .filter((e) => !(e.offset === 0 && text.charCodeAt(0) === 0xfeff))
    .slice(0, 20)
    .map((e) => {
      const at = index.position(e.offset);
      return problem('E_PARSE', `JSON syntax error: ${describeJsonError(printParseErrorCode(e.error))} at line ${at.line + 1}, column ${at.column + 1}.`, index.range(e.offset, Math.max(1, e.length)));
    });
  return { root, index, problems, broken: problems.length > 0 || root === undefined };
}

function describeJsonError(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The value node of `key` in an object node; the last one wins, as with JSON.parse and npm. */
export function property(node: JsonNode | undefined, key: string): JsonNode | undefined {
  if (!node || node.type !== 'object' || !node.children) return undefined;
  let found: JsonNode | undefined;
  for (const prop of node.children) {
    const k = prop.children?.[0];
    if (k && k.value === key) found = prop.children?.[1];
  }
  return found;
}

export interface JsonMember {
  key: string;
  keyNode: JsonNode;
  value: JsonNode;
}

/** An object's members in file order (duplicates included, so callers can report them). */
export function members(node: JsonNode | undefined): JsonMember[] {
  if (!node || node.type !== 'object' || !node.children) return [];
  const out: JsonMember[] = [];
  for (const prop of node.children) {
    const keyNode = prop.children?.[0];
    const value = prop.children?.[1];
    if (keyNode && value && typeof keyNode.value === 'string') out.push({ key: keyNode.value, keyNode, value });
  }
  return out;
}

export function stringValue(node: JsonNode | undefined): string | undefined {
  return node && node.type === 'string' && typeof node.value === 'string' ? node.value : undefined;
}

export function booleanValue(node: JsonNode | undefined): boolean {
  return !!node && node.type === 'boolean' && node.value === true;
}

export function nodeRange(doc: JsonDocument, node: JsonNode): SourceRange {
  return doc.index.range(node.offset, node.length);
}

/** The range of a member's key through the end of its value, when the value is on the same line; else the key. */
export function memberRange(doc: JsonDocument, member: JsonMember): SourceRange {
  const key = nodeRange(doc, member.keyNode);
  if (member.value.type === 'object' || member.value.type === 'array') return key;
  const value = nodeRange(doc, member.value);
  return value.end.line === key.start.line ? { start: key.start, end: value.end } : key;
}

/** A plain object from an object node whose values are strings (dependency maps); non-strings are reported by the caller. */
export function stringMap(node: JsonNode | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of members(node)) {
    const v = stringValue(m.value);
    if (v !== undefined) out[m.key] = v;
  }
  return out;
}
