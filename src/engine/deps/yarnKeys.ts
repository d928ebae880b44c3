/**
 * Where things are in a yarn.lock. Neither @yarnpkg/lockfile nor parseSyml reports positions, so
 * this scans the raw text for the unindented lines that start each entry and maps them to the keys
 * the real parsers returned. Nothing here decides what a value means: it only finds lines.
 */
import type { SourceRange } from './model';
import type { LineIndex } from './text';

export interface TopLevelKey {
  /** Zero-based line of the key. */
  line: number;
  /** The key exactly as written, quotes included, without the trailing colon. */
  raw: string;
  /** The key with quotes removed (berry: the whole key; classic: the comma-joined descriptors). */
  value: string;
  /** Classic only: the descriptors of a shared header, unquoted. */
  parts?: string[];
  /** Span of `raw`. */
  range: SourceRange;
}

/** Calls `visit` for every line of the text; `end` excludes the line break and a trailing `\r`. */
export function forEachLine(text: string, visit: (line: number, start: number, end: number) => void): void {
  let line = 0;
  let start = 0;
  while (start <= text.length) {
    const nl = text.indexOf('\n', start);
    let end = nl === -1 ? text.length : nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
    visit(line, start, end);
    if (nl === -1) break;
    start = nl + 1;
    line += 1;
  }
}

/** Whether the line starts a top-level key: not blank, not indented, not a comment. */
function isTopLevel(text: string, start: number, end: number): boolean {
  if (end <= start) return false;
  const c = text.charCodeAt(start);
  return c !== 32 && c !== 9 && c !== 35 /* # */;
}

/** The offset just past a double-quoted string starting at `start`, or -1 if it never closes on this line. */
function quotedEnd(text: string, start: number, end: number): number {
  for (let i = start + 1; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 92 /* \ */) i += 1;
    else if (c === 34 /* " */) return i + 1;
  }
  return -1;
}

export function unquote(raw: string): string {
  if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value === 'string') return value;
    } catch {
      // YAML double quotes allow escapes JSON does not; the bare inside is the best reading.
    }
    return raw.slice(1, -1);
  }
  if (raw.length >= 2 && raw.startsWith("'") && raw.endsWith("'")) return raw.slice(1, -1).replace(/''/g, "'");
  return raw;
}

/**
 * Classic headers: an unindented line ending in `:`, like `debug@^4.1.0, "debug@^4.3.4":`. The
 * range covers the key without the trailing colon. Unindented lines without a colon are top-level
 * plain values (`foo "bar"`), which are not entries and are skipped.
 */
export function scanClassicHeaders(text: string, index: LineIndex): TopLevelKey[] {
  const keys: TopLevelKey[] = [];
  forEachLine(text, (line, start, end) => {
    if (!isTopLevel(text, start, end)) return;
    let keyEnd = end;
    while (keyEnd > start && (text.charCodeAt(keyEnd - 1) === 32 || text.charCodeAt(keyEnd - 1) === 9)) keyEnd -= 1;
    if (text.charCodeAt(keyEnd - 1) !== 58 /* : */) return;
    keyEnd -= 1;
    const raw = text.slice(start, keyEnd);
    const parts = splitClassicKey(raw);
    keys.push({ line, raw, value: parts.join(', '), parts, range: index.range(start, keyEnd - start) });
  });
  return keys;
}

/** `a@1, "b@^2"` -> ['a@1', 'b@^2']: commas inside quotes do not split. */
export function splitClassicKey(raw: string): string[] {
  const parts: string[] = [];
  let from = 0;
  let quoted = false;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (quoted && c === 92) i += 1;
    else if (c === 34) quoted = !quoted;
    else if (c === 44 /* , */ && !quoted) {
      parts.push(unquote(raw.slice(from, i).trim()));
      from = i + 1;
    }
  }
  parts.push(unquote(raw.slice(from).trim()));
  return parts.filter((p) => p.length > 0);
}

/**
 * Berry keys: YAML mapping keys at column 0, normally one double-quoted string
 * (`"debug@npm:^4.3.4, debug@npm:4.3.4":`), occasionally plain (`__metadata:`) or, past 1024
 * characters, the explicit `? "key"` form.
 */
export function scanBerryKeys(text: string, index: LineIndex): TopLevelKey[] {
  const keys: TopLevelKey[] = [];
  forEachLine(text, (line, start, end) => {
    if (!isTopLevel(text, start, end)) return;
    let keyStart = start;
    if (text.startsWith('? ', start)) keyStart += 2;
    let keyEnd: number;
    const first = text.charCodeAt(keyStart);
    if (first === 34 || first === 39) {
      keyEnd = first === 34 ? quotedEnd(text, keyStart, end) : text.indexOf("'", keyStart + 1) + 1;
      if (keyEnd <= 0 || keyEnd > end) return;
    } else {
      keyEnd = keyStart;
      while (keyEnd < end && !(text.charCodeAt(keyEnd) === 58 && (keyEnd + 1 === end || text.charCodeAt(keyEnd + 1) === 32))) keyEnd += 1;
      if (keyEnd === end && keyStart === start) return;
    }
    const raw = text.slice(keyStart, keyEnd);
    keys.push({ line, raw, value: unquote(raw), range: index.range(keyStart, keyEnd - keyStart) });
  });
  return keys;
}

/**
 * The range of a nested key inside one entry's block (lines `fromLine` to `toLine`, exclusive),
 * following `path` one indentation level (two spaces) at a time. Only used to place a problem, so
 * a linear scan of the block is fine. Falls back to the deepest key found.
 */
export function nestedKeyRange(text: string, index: LineIndex, fromLine: number, toLine: number, path: string[], fallback: SourceRange): SourceRange {
  let found = fallback;
  let depth = 0;
  for (let line = fromLine + 1; line < toLine && depth < path.length; line++) {
    const start = index.lineStart(line);
    const indent = 2 * (depth + 1);
    const lineEnd = index.lineRange(line).end.column + start;
    let spaces = 0;
    while (start + spaces < lineEnd && text.charCodeAt(start + spaces) === 32) spaces += 1;
    if (spaces < indent && spaces < lineEnd - start && depth > 0) break;
    if (spaces !== indent) continue;
    const rest = text.slice(start + indent, lineEnd);
    const quoted = rest.startsWith('"') ? quotedEnd(rest, 0, rest.length) : -1;
    const keyText = quoted > 0 ? rest.slice(0, quoted) : (/^[^\s:]+/.exec(rest)?.[0] ?? '');
    if (unquote(keyText) === path[depth]) {
      found = index.range(start + indent, keyText.length);
      depth += 1;
    }
  }
  return found;
}
