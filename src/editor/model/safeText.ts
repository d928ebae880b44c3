/**
 * Package-supplied text (names, messages, excerpts, registry fields) on its way into the editor's
 * UI. Nothing here trusts its input: control and bidi characters become visible markers (a Trojan
 * Source name must not read as something else), lengths are capped, and in Markdown every ASCII
 * punctuation mark is backslash-escaped, so no link, autolink, image, HTML or emphasis can form.
 */

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width and BOM characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
const NEWLINES = /[\r\n\t\u2028\u2029]+/g;

/** One line of plain text, at most `max` characters (UTF-16 units, an ellipsis included). */
export function plainText(value: unknown, max = 300): string {
  const text = String(value ?? '')
    .replace(NEWLINES, ' ')
    .replace(INVISIBLE, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
    .trim();
  if (text.length <= max) return text;
  // Do not cut a surrogate pair in half.
  let cut = max - 1;
  if (/[\ud800-\udbff]/.test(text.charAt(cut - 1))) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/** `plainText`, then escaped so Markdown shows exactly those characters and nothing else. */
export function markdownText(value: unknown, max = 300): string {
  return plainText(value, max).replace(/[\\`*_{}[\]()<>#+\-.!|~:@/"'&=?$%^,;]/g, (c) => `\\${c}`);
}
