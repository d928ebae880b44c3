/**
 * Package text shown as code: characters that are invisible, or that reorder what is displayed
 * around them (Trojan Source bidi controls), are replaced by a visible escape such as `\u{202e}`
 * (the form the engine's one-line excerpts use), so the researcher reads what the parser reads.
 * Tabs stay tabs (the page sets a tab size).
 */

// C0 controls but tab, DEL and C1, Arabic letter mark, zero-width and directional marks, line and
// paragraph separators, bidi embeddings/overrides, word joiner and invisible operators, bidi
// isolates, variation selectors, BOM, and the tag / supplementary variation-selector planes that
// hide code in "invisible" Unicode.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufe00-\ufe0f\ufeff\u{e0000}-\u{e03ff}]/u;
const INVISIBLE_ALL = new RegExp(INVISIBLE.source, 'gu');

function escapeOf(char: string): string {
  return `\\u{${char.codePointAt(0)!.toString(16)}}`;
}

/** `text` with every invisible or reordering character written as `\u{...}`. */
export function revealInvisible(text: string): string {
  return INVISIBLE.test(text) ? text.replace(INVISIBLE_ALL, escapeOf) : text;
}

/**
 * `revealInvisible`, plus where each original offset landed in the result (so a column in the
 * source still points at the same character once escapes have lengthened the line).
 */
export function revealWithOffsets(text: string): { text: string; shownOffset(offset: number): number } {
  const clamp = (offset: number) => Math.max(0, Math.min(offset, text.length));
  if (!INVISIBLE.test(text)) return { text, shownOffset: clamp };
  const offsets = new Array<number>(text.length + 1);
  let shown = '';
  for (let i = 0; i < text.length; ) {
    const char = String.fromCodePoint(text.codePointAt(i)!);
    offsets[i] = shown.length;
    if (char.length === 2) offsets[i + 1] = shown.length;
    shown += INVISIBLE.test(char) ? escapeOf(char) : char;
    i += char.length;
  }
  offsets[text.length] = shown.length;
  return { text: shown, shownOffset: (offset) => offsets[clamp(offset)]! };
}
