/** Excerpts are shown in the editor and in reports: control and invisible characters become visible escapes. */
export function sanitiseExcerpt(text: string): string {
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff\ufe00-\ufe0f]|\udb40[\udc00-\udfff]/g, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
