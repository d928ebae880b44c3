import { tokenize, type Language } from './highlight';
import type { CodeToken, ExcerptLine, ExcerptView } from './protocol';
import { revealWithOffsets } from './visibleText';

export interface ExcerptOptions {
  /** Lines shown before and after the hit line (default 2 each). */
  before?: number;
  after?: number;
  /** Characters of a line shown at most (default 160); longer lines are cut around the hit. */
  width?: number;
  /** Grammar for colouring (default `js`; see `languageFor`). */
  language?: Language;
}

const DEFAULT_WIDTH = 160;
const MAX_CONTEXT = 50;
const MAX_MARK = 120;
const IDENTIFIER = /[\p{ID_Continue}$\u200c\u200d]+/uy;
const NON_SPACE = /\S+/y;

/**
 * The lines `line - before` .. `line + after` of `text` that start at or after `from`, without
 * splitting the rest of the file: a 10 MB bundle costs one scan up to the last line shown.
 * Lines are counted on `\n` as the engine counts them (a stray `\r` or U+2028 stays in its line).
 */
function linesAround(text: string, first: number, last: number): { lines: { number: number; text: string }[]; count?: number } {
  const lines: { number: number; text: string }[] = [];
  let start = 0;
  for (let number = 1; ; number++) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    if (number >= first) lines.push({ number, text: text.slice(start, end > start && text.charCodeAt(end - 1) === 13 ? end - 1 : end) });
    if (newline === -1) return { lines, count: number };
    if (number >= last) return { lines };
    start = newline + 1;
  }
}

function boundedInt(value: number | undefined, fallback: number, max: number): number {
  return value !== undefined && Number.isFinite(value) ? Math.max(0, Math.min(Math.floor(value), max)) : fallback;
}

/** Moves a cut off the second half of a surrogate pair. */
function alignCut(text: string, at: number): number {
  return at > 0 && at < text.length && /[\udc00-\udfff]/.test(text.charAt(at)) && /[\ud800-\udbff]/.test(text.charAt(at - 1)) ? at - 1 : at;
}

/** Which part of a line to show: all of it, or `width` characters around `hit` (the start when there is no hit). */
function windowOf(length: number, hit: number | undefined, width: number): { start: number; end: number } {
  if (length <= width) return { start: 0, end: length };
  const start = hit === undefined ? 0 : Math.max(0, Math.min(hit - Math.floor(width / 3), length - width));
  return { start, end: start + width };
}

function tokenAt(tokens: readonly CodeToken[], offset: number): { token: CodeToken; start: number } | undefined {
  let start = 0;
  for (const token of tokens) {
    if (offset < start + token.text.length) return { token, start };
    start += token.text.length;
  }
  return undefined;
}

/** The span to mark from `offset`: the identifier there, else the coloured token, else the word. */
export function markSpan(shown: string, tokens: readonly CodeToken[], offset: number, language: Language): { start: number; end: number } | undefined {
  if (offset < 0 || offset >= shown.length) return undefined;
  const within = (end: number) => ({ start: offset, end: Math.min(end, offset + MAX_MARK) });
  if (language !== 'text') {
    IDENTIFIER.lastIndex = offset;
    if (IDENTIFIER.exec(shown)) return within(IDENTIFIER.lastIndex);
    const at = tokenAt(tokens, offset);
    if (at && at.token.kind !== 'plain') return within(at.start + at.token.text.length);
  }
  NON_SPACE.lastIndex = offset;
  if (NON_SPACE.exec(shown)) return within(NON_SPACE.lastIndex);
  return within(offset + 1);
}

/** One line as shown: cut to the window, invisible characters made visible, coloured, the hit marked. */
export function excerptLine(raw: string, number: number, hit: boolean, column: number | undefined, width: number, language: Language): ExcerptLine {
  const hitIndex = hit && column !== undefined && Number.isInteger(column) && column >= 1 ? column - 1 : undefined;
  const window = windowOf(raw.length, hitIndex !== undefined && hitIndex < raw.length ? hitIndex : undefined, width);
  const start = alignCut(raw, window.start);
  const end = alignCut(raw, window.end);
  const shown = revealWithOffsets(raw.slice(start, end));
  const tokens = tokenize(shown.text, language);
  const line: ExcerptLine = { number, tokens, hit, cutBefore: start > 0, cutAfter: end < raw.length };
  if (hitIndex !== undefined && hitIndex >= start && hitIndex < end) {
    const mark = markSpan(shown.text, tokens, shown.shownOffset(hitIndex - start), language);
    if (mark) line.mark = mark;
  }
  return line;
}

/**
 * A few lines of a file around `line` (1-based) for the evidence list, with the hit marked at
 * `column` (1-based, UTF-16 units, as findings give it). Long lines (minified bundles) are cut to
 * `width` characters around the hit, so the excerpt stays small whatever the file.
 */
export function contextExcerpt(text: string, line: number, column: number | undefined, options: ExcerptOptions = {}): ExcerptView {
  const before = boundedInt(options.before, 2, MAX_CONTEXT);
  const after = boundedInt(options.after, 2, MAX_CONTEXT);
  const width = Math.max(20, boundedInt(options.width, DEFAULT_WIDTH, 10_000));
  const language = options.language ?? 'js';
  if (!Number.isInteger(line) || line < 1) return { lines: [], note: `No line ${String(line)} in this file.` };
  const found = linesAround(text, Math.max(1, line - before), line + after);
  if (!found.lines.some((l) => l.number === line)) {
    return { lines: [], note: `Line ${line} is past the end of the file (${found.count ?? 0} line${found.count === 1 ? '' : 's'}).` };
  }
  return { lines: found.lines.map((l) => excerptLine(l.text, l.number, l.number === line, column, width, language)) };
}
