/**
 * Where things are in a pnpm-lock.yaml. js-yaml returns plain values without positions, so this
 * scans the raw text's lines for block-mapping keys and maps them to the keys js-yaml returned.
 * pnpm writes keys at fixed indentation (top-level sections at column 0, their entries at 2, the
 * fields of an entry deeper), one key per line. Nothing here decides what a value means: it only
 * finds lines. A key it cannot find (flow style, explicit `? ` keys, a key split over lines) simply
 * has no span, and the caller falls back to an enclosing one.
 */
import type { SourceRange } from './model';
import { LineIndex } from './text';

export interface KeySpan {
  /** The key as YAML decodes it (quotes and escapes resolved). Empty for a document root. */
  key: string;
  /** Zero-based line of the key; for a document root, the line before its first line. */
  line: number;
  /** Columns of the key text: quotes included, colon excluded. */
  col: number;
  endCol: number;
  /** Indentation of the key's line; -1 for a document root. */
  indent: number;
  /** The first line after this key's block (its value's lines included). */
  endLine: number;
}

export class YamlLines {
  private lazyIndex: LineIndex | undefined;
  private readonly childCache = new Map<KeySpan, KeySpan[]>();
  private docs: KeySpan[] | undefined;
  private readonly docsWithContent: KeySpan[] = [];

  constructor(private readonly text: string) {}

  get index(): LineIndex {
    return (this.lazyIndex ??= new LineIndex(this.text));
  }

  /**
   * The documents of the stream, split the way a YAML loader splits them (`---` starts one unless
   * only comments precede it, `...` ends one), as spans whose children are the top-level keys.
   * One pass over the lines finds them, their top-level keys and the keys directly inside each
   * top-level key (a section's entries), so that the common lookups need no further scanning.
   */
  documents(): KeySpan[] {
    if (this.docs) return this.docs;
    const text = this.text;
    const docs: KeySpan[] = [];
    let from = 0; // first line of the current document
    let explicit = false;
    let inlineContent = false;
    let hasContent = false;
    let top: KeySpan[] = [];
    let section: KeySpan | undefined;
    let children: KeySpan[] = [];
    let child: KeySpan | undefined;
    let childIndent = -1;
    const closeSection = (line: number) => {
      if (child) child.endLine = line;
      if (section) {
        section.endLine = line;
        this.childCache.set(section, children);
      }
      child = section = undefined;
    };
    const closeDocument = (line: number) => {
      closeSection(line);
      if (explicit || inlineContent || hasContent) {
        const doc: KeySpan = { key: '', line: from - 1, col: 0, endCol: 0, indent: -1, endLine: line };
        this.childCache.set(doc, top);
        docs.push(doc);
        if (inlineContent || hasContent) this.docsWithContent.push(doc);
      }
      top = [];
    };
    let line = 0;
    for (let start = 0; start <= text.length; line++) {
      const nl = text.indexOf('\n', start);
      const next = nl === -1 ? text.length + 1 : nl + 1;
      let end = nl === -1 ? text.length : nl;
      if (end > start && text.charCodeAt(end - 1) === 13) end -= 1;
      const lineStart = start;
      start = next;
      // js-yaml drops a leading byte order mark; so does the scan.
      let i = lineStart === 0 && text.charCodeAt(0) === 0xfeff ? 1 : lineStart;
      const contentStart = i;
      while (i < end && text.charCodeAt(i) === 32) i++;
      if (i === end || isBlank(text, i, end)) continue;
      const c = text.charCodeAt(i);
      if (c === 35 /* # */) continue;
      const indent = i - contentStart;
      if (indent === 0) {
        if ((c === 45 /* - */ || c === 46) /* . */ && isMarker(text, i, end, c)) {
          closeDocument(line);
          from = line + 1;
          explicit = c === 45;
          inlineContent = explicit && hasInlineContent(text, i + 3, end);
          hasContent = false;
          continue;
        }
        // A directive (`%YAML 1.2`) before a document's content is not content.
        if (c === 37 /* % */ && !hasContent && !explicit) continue;
        hasContent = true;
        closeSection(line);
        childIndent = -1;
        children = [];
        const key = scanKey(text, i, end);
        if (key === undefined) continue;
        section = { key, line, col: scanned.start - lineStart, endCol: scanned.end - lineStart, indent: 0, endLine: Number.MAX_SAFE_INTEGER };
        top.push(section);
        continue;
      }
      hasContent = true;
      if (!section) continue;
      if (childIndent === -1) childIndent = indent;
      if (indent > childIndent) continue;
      if (child) {
        child.endLine = line;
        child = undefined;
      }
      if (indent < childIndent) continue;
      const key = scanKey(text, i, end);
      if (key === undefined) continue;
      child = { key, line, col: scanned.start - lineStart, endCol: scanned.end - lineStart, indent, endLine: Number.MAX_SAFE_INTEGER };
      children.push(child);
    }
    closeDocument(line);
    this.docs = docs;
    return docs;
  }

  /**
   * The span of each loaded document, or undefined where there is none. Normally the scan's
   * documents match the loader's one for one; where they do not (a stray `...`, a stream of
   * comments only), the documents with content are matched to the values that are not null.
   */
  match(values: readonly unknown[]): (KeySpan | undefined)[] {
    const docs = this.documents();
    if (docs.length === values.length) return docs;
    const present = values.filter((v) => v !== null && v !== undefined).length;
    if (present !== this.docsWithContent.length) return values.map(() => undefined);
    let next = 0;
    return values.map((v) => (v === null || v === undefined ? undefined : this.docsWithContent[next++]));
  }

  /** The keys directly inside `span`'s block, in file order (duplicates included). */
  children(span: KeySpan): KeySpan[] {
    const cached = this.childCache.get(span);
    if (cached) return cached;
    const out: KeySpan[] = [];
    const text = this.text;
    let childIndent = -1;
    let open: KeySpan | undefined;
    for (let line = span.line + 1; line < span.endLine; line++) {
      const start = this.lineStart(line);
      const end = this.lineEnd(line);
      let i = start;
      while (i < end && text.charCodeAt(i) === 32) i++;
      const indent = i - start;
      if (i === end || text.charCodeAt(i) === 35 /* # */ || isBlank(text, i, end)) continue;
      if (indent <= span.indent) break;
      // A document's keys are the unindented ones, as in documents().
      if (childIndent === -1) childIndent = span.indent < 0 ? 0 : indent;
      if (indent > childIndent) continue;
      if (open) {
        open.endLine = line;
        open = undefined;
      }
      if (indent < childIndent) continue;
      const key = scanKey(text, i, end);
      if (key === undefined) continue;
      const base = this.index.lineStart(line);
      open = { key, line, col: scanned.start - base, endCol: scanned.end - base, indent, endLine: span.endLine };
      out.push(open);
    }
    this.childCache.set(span, out);
    return out;
  }

  /**
   * Follows `path` down from `span` (the last of duplicated keys wins, as in the loaded value).
   * Returns the deepest key found and whether it is the whole path.
   */
  find(span: KeySpan, path: readonly string[]): { span: KeySpan; complete: boolean } {
    let current = span;
    for (const key of path) {
      let found: KeySpan | undefined;
      for (const child of this.children(current)) if (child.key === key) found = child;
      if (!found) return { span: current, complete: false };
      current = found;
    }
    return { span: current, complete: true };
  }

  /** The key text; for a document root, its first line with content. */
  keyRange(span: KeySpan): SourceRange {
    if (span.indent < 0) {
      const line = this.firstContentLine(span.line + 1, span.endLine) ?? Math.max(0, span.line + 1);
      return this.contentRange(Math.min(line, this.index.lineCount - 1));
    }
    return { start: { line: span.line, column: span.col }, end: { line: span.line, column: span.endCol } };
  }

  /** The value after the key's colon, or its first line when it starts on the next line. */
  valueRange(span: KeySpan): SourceRange {
    if (span.indent < 0) return this.keyRange(span);
    const text = this.text;
    const lineStart = this.index.lineStart(span.line);
    const end = this.lineEnd(span.line);
    let i = lineStart + span.endCol;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (text.charCodeAt(i) === 58 /* : */) i++;
    while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i < end && text.charCodeAt(i) !== 35 /* # */) {
      let valueEnd = end;
      const c = text.charCodeAt(i);
      // A plain scalar ends where a comment starts; quoted and flow values keep the whole line.
      if (c !== 34 && c !== 39 && c !== 91 && c !== 123) {
        const comment = text.indexOf(' #', i);
        if (comment !== -1 && comment < end) valueEnd = comment;
      }
      while (valueEnd > i && (text.charCodeAt(valueEnd - 1) === 32 || text.charCodeAt(valueEnd - 1) === 9)) valueEnd--;
      return { start: { line: span.line, column: i - lineStart }, end: { line: span.line, column: valueEnd - lineStart } };
    }
    const next = this.firstContentLine(span.line + 1, span.endLine);
    return next === undefined ? this.keyRange(span) : this.contentRange(next);
  }

  /** The text of the key's line through the end of its block, for re-reading one duplicated entry. */
  block(span: KeySpan): string {
    const from = this.lineStart(span.line);
    const to = span.endLine < this.index.lineCount ? this.lineStart(span.endLine) : this.text.length;
    return this.text.slice(from, to);
  }

  private lineStart(line: number): number {
    const start = this.index.lineStart(line);
    // js-yaml drops a leading byte order mark; so does the scan.
    return start === 0 && this.text.charCodeAt(0) === 0xfeff ? 1 : start;
  }

  private lineEnd(line: number): number {
    let end = line + 1 < this.index.lineCount ? this.index.lineStart(line + 1) - 1 : this.text.length;
    if (end > 0 && this.text.charCodeAt(end - 1) === 13) end -= 1;
    return Math.max(end, this.lineStart(line));
  }

  private firstContentLine(from: number, to: number): number | undefined {
    for (let line = Math.max(0, from); line < to; line++) {
      const start = this.lineStart(line);
      const end = this.lineEnd(line);
      let i = start;
      while (i < end && (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9)) i++;
      if (i === end) continue;
      const c = this.text.charCodeAt(i);
      if (c === 35 /* # */ || (c === 37 /* % */ && i === start)) continue;
      return line;
    }
    return undefined;
  }

  /** A line's content without its indentation and trailing spaces. */
  private contentRange(line: number): SourceRange {
    const start = this.lineStart(line);
    let end = this.lineEnd(line);
    let i = start;
    while (i < end && (this.text.charCodeAt(i) === 32 || this.text.charCodeAt(i) === 9)) i++;
    while (end > i && (this.text.charCodeAt(end - 1) === 32 || this.text.charCodeAt(end - 1) === 9)) end--;
    const base = this.index.lineStart(line);
    return { start: { line, column: i - base }, end: { line, column: end - base } };
  }
}

/** `---` or `...` at the start of a line, alone or followed by a space. */
function isMarker(text: string, i: number, end: number, c: number): boolean {
  return text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c && (i + 3 >= end || text.charCodeAt(i + 3) === 32 || text.charCodeAt(i + 3) === 9);
}

/** Whether a `---` line carries content after the marker (`--- {a: 1}`), not just a comment. */
function hasInlineContent(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 35) return false;
    if (c !== 32 && c !== 9) return true;
  }
  return false;
}

function isBlank(text: string, from: number, end: number): boolean {
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9) return false;
  }
  return true;
}

/** Characters that cannot start a plain scalar (`-`, `?` and `:` only when a space follows). */
const PLAIN_FORBIDDEN_START = new Set([...',[]{}#&*!|>%@`'].map((c) => c.charCodeAt(0)));

/**
 * A block-mapping key at `start` (the first non-space character of a line): plain, 'single' or
 * "double" quoted, possibly after an anchor or tag, followed by a colon and a space or the end of
 * the line. `start` and `end` delimit the key text. Undefined for anything else (explicit `? ` keys, flow
 * collections, sequence items).
 */
export function decodeKey(text: string, start: number, end: number): { key: string; start: number; end: number } | undefined {
  const key = scanKey(text, start, end);
  return key === undefined ? undefined : { key, start: scanned.start, end: scanned.end };
}

/** Where scanKey() found the key it returned (module state, so the line scan allocates nothing per key). */
const scanned = { start: 0, end: 0 };

function scanKey(text: string, start: number, end: number): string | undefined {
  let from = start;
  // Node properties before the key (`&anchor`, `!tag`): the key is what follows them.
  for (let c = text.charCodeAt(from); c === 38 /* & */ || c === 33; /* ! */ c = text.charCodeAt(from)) {
    while (from < end && text.charCodeAt(from) !== 32 && text.charCodeAt(from) !== 9) from++;
    while (from < end && (text.charCodeAt(from) === 32 || text.charCodeAt(from) === 9)) from++;
    if (from >= end) return undefined;
  }
  const c = text.charCodeAt(from);
  let key: string | undefined;
  let keyEnd: number;
  if (c === 39 /* ' */) {
    let i = from + 1;
    for (;;) {
      const quote = text.indexOf("'", i);
      if (quote === -1 || quote >= end) return undefined;
      if (quote + 1 < end && text.charCodeAt(quote + 1) === 39) {
        i = quote + 2;
        continue;
      }
      keyEnd = quote + 1;
      break;
    }
    key = text.slice(from + 1, keyEnd - 1).replace(/''/g, "'");
  } else if (c === 34 /* " */) {
    let i = from + 1;
    while (i < end && text.charCodeAt(i) !== 34) i += text.charCodeAt(i) === 92 ? 2 : 1;
    if (i >= end) return undefined;
    keyEnd = i + 1;
    key = decodeDoubleQuoted(text.slice(from + 1, i));
    if (key === undefined) return undefined;
  } else {
    if (PLAIN_FORBIDDEN_START.has(c)) return undefined;
    if ((c === 45 /* - */ || c === 63 /* ? */ || c === 58) /* : */ && isSpaceOrEnd(text, from + 1, end)) return undefined;
    let i = from;
    for (; i < end; i++) {
      const d = text.charCodeAt(i);
      if (d === 58 && isSpaceOrEnd(text, i + 1, end)) break;
      if (d === 35 && i > from && (text.charCodeAt(i - 1) === 32 || text.charCodeAt(i - 1) === 9)) return undefined;
    }
    if (i >= end) return undefined;
    keyEnd = i;
    while (keyEnd > from && (text.charCodeAt(keyEnd - 1) === 32 || text.charCodeAt(keyEnd - 1) === 9)) keyEnd--;
    if (keyEnd === from) return undefined;
    scanned.start = from;
    scanned.end = keyEnd;
    return text.slice(from, keyEnd);
  }
  let i = keyEnd;
  while (i < end && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
  if (i >= end || text.charCodeAt(i) !== 58 || !isSpaceOrEnd(text, i + 1, end)) return undefined;
  scanned.start = from;
  scanned.end = keyEnd;
  return key;
}

function isSpaceOrEnd(text: string, i: number, end: number): boolean {
  if (i >= end) return true;
  const c = text.charCodeAt(i);
  return c === 32 || c === 9;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '0': '\0', a: '\x07', b: '\b', t: '\t', '\t': '\t', n: '\n', v: '\v', f: '\f', r: '\r', e: '\x1b', ' ': ' ',
  '"': '"', '/': '/', '\\': '\\', N: '\x85', _: '\xa0', L: '\u2028', P: '\u2029',
};
const HEX_ESCAPES: Record<string, number> = { x: 2, u: 4, U: 8 };

/** The inside of a one-line double-quoted scalar with YAML's escapes resolved; undefined if malformed. */
export function decodeDoubleQuoted(raw: string): string | undefined {
  if (!raw.includes('\\')) return raw;
  let out = '';
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i]!;
    if (c !== '\\') {
      out += c;
      continue;
    }
    const e = raw[i + 1];
    if (e === undefined) return undefined;
    const simple = Object.hasOwn(SIMPLE_ESCAPES, e) ? SIMPLE_ESCAPES[e] : undefined;
    if (simple !== undefined) {
      out += simple;
      i += 1;
      continue;
    }
    const digits = Object.hasOwn(HEX_ESCAPES, e) ? HEX_ESCAPES[e]! : 0;
    const hex = raw.slice(i + 2, i + 2 + digits);
    if (digits === 0 || !/^[0-9a-fA-F]+$/.test(hex) || hex.length !== digits) return undefined;
    const code = Number.parseInt(hex, 16);
    if (code > 0x10ffff) return undefined;
    out += String.fromCodePoint(code);
    i += 1 + digits;
  }
  return out;
}
