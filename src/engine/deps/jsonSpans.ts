/**
 * Source offsets for chosen objects of a large JSON file, from jsonc-parser's scanner.
 *
 * Why not parseTree: on a 5,000-package npm lockfile (~2.5 MB) parseTree alone takes ~80 ms on a
 * small machine, because it builds a node for every value, and even tokenizing the whole file
 * with the scanner takes ~17 ms. JSON.parse gives the values in ~18 ms; this pass tokenizes only
 * the objects a caller asks about (e.g. the keys of `packages`, where diagnostics go) and jumps
 * over every other object or array with a bracket matcher (~5 ms for the whole file).
 * Run it only on text JSON.parse accepted: the skipping trusts the brackets to balance.
 */
import { createScanner, findNodeAtLocation, parseTree } from 'jsonc-parser';

// jsonc-parser's SyntaxKind is an ambient const enum, which isolatedModules cannot inline.
const OPEN_BRACE = 1;
const CLOSE_BRACE = 2;
const OPEN_BRACKET = 3;
const CLOSE_BRACKET = 4;
const COMMA = 5;
const COLON = 6;
const STRING = 10;
const EOF = 17;

export interface MemberSpan {
  key: string;
  /** Offsets of the key string, quotes included. */
  keyStart: number;
  keyEnd: number;
  valueStart: number;
  valueEnd: number;
  /** The value's own members, in file order (duplicates kept), when the selector asked for them. */
  members?: MemberSpan[];
}

/**
 * Says whose members to record: called with a recorded member's key, it returns the selector for
 * that member's value (whose members are then recorded too), or undefined to record no deeper.
 */
export type SpanSelector = (key: string) => SpanSelector | undefined;

export const NO_DEEPER: SpanSelector = () => undefined;

/** Only recorded objects get a frame; every other object or array is skipped whole. */
interface Frame {
  select: SpanSelector;
  members: MemberSpan[];
  expectKey: boolean;
  current: MemberSpan | undefined;
}

/** The root object's members (recorded per `select`); undefined when the root is not an object. */
export function indexMembers(text: string, select: SpanSelector): MemberSpan[] | undefined {
  const scanner = createScanner(text, true);
  if (text.charCodeAt(0) === 0xfeff) scanner.setPosition(1);
  const stack: Frame[] = [];
  let rootMembers: MemberSpan[] | undefined;
  for (let token = scanner.scan(); token !== EOF; token = scanner.scan()) {
    const top = stack[stack.length - 1];
    const offset = scanner.getTokenOffset();
    switch (token) {
      case OPEN_BRACE:
      case OPEN_BRACKET: {
        const owner = top?.current;
        if (owner) owner.valueStart = offset;
        const childSelect = top === undefined ? select : owner ? top.select(owner.key) : undefined;
        if (token === OPEN_BRACKET || !childSelect) {
          if (top === undefined) return undefined;
          const end = skipContainer(text, offset);
          if (owner) owner.valueEnd = end;
          scanner.setPosition(end);
          break;
        }
        const members: MemberSpan[] = [];
        if (owner) owner.members = members;
        else rootMembers = members;
        stack.push({ select: childSelect, members, expectKey: true, current: undefined });
        break;
      }
      case CLOSE_BRACE:
      case CLOSE_BRACKET: {
        stack.pop();
        const parent = stack[stack.length - 1];
        if (parent?.current) parent.current.valueEnd = offset + 1;
        break;
      }
      case COMMA:
        if (top) {
          top.expectKey = true;
          top.current = undefined;
        }
        break;
      case COLON:
        break;
      default: {
        if (top?.expectKey && token === STRING) {
          top.expectKey = false;
          const end = offset + scanner.getTokenLength();
          top.current = { key: scanner.getTokenValue(), keyStart: offset, keyEnd: end, valueStart: end, valueEnd: end };
          top.members.push(top.current);
        } else if (top?.current) {
          top.current.valueStart = offset;
          top.current.valueEnd = offset + scanner.getTokenLength();
        }
      }
    }
  }
  return rootMembers;
}

const STRUCTURE = /["{}[\]]/g;

/**
 * The offset just past the object or array that opens at `start`. Jumps from one quote or
 * bracket to the next (a regex and indexOf are far faster here than a per-character loop);
 * strings are stepped over whole so brackets inside them do not count.
 */
function skipContainer(text: string, start: number): number {
  let depth = 0;
  STRUCTURE.lastIndex = start;
  for (let m = STRUCTURE.exec(text); m; m = STRUCTURE.exec(text)) {
    const c = text.charCodeAt(m.index);
    if (c === 0x22) {
      let quote = m.index;
      do quote = text.indexOf('"', quote + 1);
      while (quote !== -1 && isEscaped(text, quote));
      if (quote === -1) return text.length;
      STRUCTURE.lastIndex = quote + 1;
    } else if (c === 0x7b || c === 0x5b) {
      depth++;
    } else if (--depth === 0) {
      return m.index + 1;
    }
  }
  return text.length;
}

/** Whether the quote at `at` follows an odd run of backslashes. */
function isEscaped(text: string, at: number): boolean {
  let backslashes = 0;
  while (text.charCodeAt(at - 1 - backslashes) === 0x5c) backslashes++;
  return backslashes % 2 === 1;
}

/** The last member named `key` (the one JSON.parse keeps). */
export function memberSpan(members: MemberSpan[] | undefined, key: string): MemberSpan | undefined {
  if (!members) return undefined;
  for (let i = members.length - 1; i >= 0; i--) if (members[i]!.key === key) return members[i];
  return undefined;
}

/**
 * Offsets of the value at `path` inside a member's value, found by parsing just that value: the
 * slow, exact route, for the rare node a problem has to point at.
 */
export function locateInValue(text: string, span: MemberSpan, path: (string | number)[]): { start: number; end: number } {
  const root = parseTree(text.slice(span.valueStart, span.valueEnd));
  const node = root && findNodeAtLocation(root, path);
  if (!node) return { start: span.keyStart, end: span.keyEnd };
  return { start: span.valueStart + node.offset, end: span.valueStart + node.offset + node.length };
}
