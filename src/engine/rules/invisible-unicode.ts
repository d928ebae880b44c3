import { isScriptish } from '../analysis/helpers/concealment-content';
import type { Rule, Severity } from '../analysis/types';

/**
 * Characters that render as nothing: zero-width (U+200B-U+200D, U+2060, U+FEFF), bidi controls
 * (U+202A-U+202E, U+2066-U+2069), variation selectors (U+FE00-U+FE0F, U+E0100-U+E01EF), tag
 * characters (U+E0000-U+E007F), and the Hangul fillers that pass for identifiers.
 */
const INVISIBLE = /[\u200b-\u200d\u2060\ufeff\u202a-\u202e\u2066-\u2069\ufe00-\ufe0f\u3164\uffa0\u115f\u1160]|\udb40[\udc00-\uddef]/g;
/** This many invisible characters in a row is data, not typography. */
const PAYLOAD_RUN = 12;
const WORD = /[A-Za-z0-9_$]/;

type Kind = 'payload' | 'bidi' | 'in-word' | 'filler' | 'selector' | 'tag';

/**
 * Invisible Unicode in scripts: payloads encoded as runs of variation selectors or tag
 * characters (decoded and evaluated at run time), Trojan Source bidi overrides that make code
 * read differently than it runs, zero-width characters inside identifiers, and Hangul filler
 * "invisible identifiers". Emoji sequences (ZWJ, VS16, flag tags) and RTL text stay quiet.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'invisible-unicode',
    kind: 'threat',
    category: 'hidden-code',
    severity: 'high',
    specificity: 'high',
    description: 'Invisible Unicode that hides a payload, reorders code (Trojan Source) or hides inside identifiers.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  appliesTo: (file) => isScriptish(file.path),
  check(context) {
    const text = context.text;
    const found = new Set<Kind>();
    INVISIBLE.lastIndex = 0;
    let m = INVISIBLE.exec(text);
    while (m) {
      // Group a run of consecutive invisible characters.
      const start = m.index;
      let end = start + m[0].length;
      let count = 1;
      const chars: number[] = [m[0].codePointAt(0)!];
      for (m = INVISIBLE.exec(text); m && m.index === end; m = INVISIBLE.exec(text)) {
        end += m[0].length;
        count++;
        if (chars.length < 64) chars.push(m[0].codePointAt(0)!);
      }
      if (start === 0 && count === 1 && chars[0] === 0xfeff) continue; // a byte-order mark
      const kind = classify(text, start, end, count, chars);
      if (!kind || found.has(kind)) continue;
      found.add(kind);
      const { severity, message } = describe(kind, count, chars);
      context.report({ offset: start, severity, message });
      if (found.size >= 2) return;
    }
  },
};

function classify(text: string, start: number, end: number, count: number, chars: number[]): Kind | undefined {
  const prev = codePointBefore(text, start);
  const next = text.codePointAt(end);
  const isTag = (c: number) => c >= 0xe0000 && c <= 0xe007f;
  // England/Scotland/Wales flags: U+1F3F4 followed by tag letters and U+E007F.
  if (chars.every(isTag) && prev === 0x1f3f4) return undefined;
  if (count >= PAYLOAD_RUN) return 'payload';
  if (chars.some((c) => (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069))) return rtlContext(prev, next) || rtlLine(text, start) ? undefined : 'bidi';
  if (chars.some(isTag)) return 'tag';
  if (chars.some((c) => c >= 0xe0100 && c <= 0xe01ef)) {
    // Ideographic variation sequences follow a CJK ideograph.
    return prev !== undefined && isIdeograph(prev) ? undefined : 'selector';
  }
  if (chars.some((c) => c === 0x3164 || c === 0xffa0 || c === 0x115f || c === 0x1160)) {
    return prev !== undefined && isHangul(prev) && next !== undefined && isHangul(next) ? undefined : 'filler';
  }
  const prevChar = prev === undefined ? '' : String.fromCodePoint(prev);
  const nextChar = next === undefined ? '' : String.fromCodePoint(next);
  if (chars.some((c) => c >= 0xfe00 && c <= 0xfe0f)) {
    // Emoji and keycaps take VS15/VS16 after a symbol or digit (sometimes doubled by sloppy
    // editors); after a letter, or in a longer run, it hides something.
    // An emoji written as an escape (`"\\uD83C\\uDD7E"` then a raw VS16) ends in a hex letter too.
    const escaped = /\\(?:u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2})$/.test(text.slice(Math.max(0, start - 10), start));
    const selectors = chars.filter((c) => c >= 0xfe00 && c <= 0xfe0f).length;
    return selectors >= 4 || (/[A-Za-z_$]/.test(prevChar) && !escaped) ? 'selector' : undefined;
  }
  // ZWNJ/ZWJ are the only invisible characters valid inside a JavaScript identifier: between two
  // ASCII identifier characters they make `isAdmin` and `isAd\u200dmin` different names. (A word
  // joiner or zero-width space inside a word is typography, and not an identifier anyway.)
  if (chars.every((c) => c === 0x200c || c === 0x200d) && WORD.test(prevChar) && WORD.test(nextChar)) return 'in-word';
  return undefined;
}

function describe(kind: Kind, count: number, chars: number[]): { severity: Severity; message: string } {
  const names = [...new Set(chars.slice(0, 4).map((c) => `U+${c.toString(16).toUpperCase().padStart(4, '0')}`))].join(', ');
  switch (kind) {
    case 'payload':
      return { severity: 'high', message: `Hides data in ${count} consecutive invisible characters (${names}…): an invisible-Unicode payload that code can decode and run.` };
    case 'bidi':
      return { severity: 'high', message: `Contains a bidirectional control character (${names}) that reorders how this line is displayed (Trojan Source): the code runs differently than it reads.` };
    case 'tag':
      return { severity: 'high', message: `Contains invisible Unicode tag characters (${names}) outside an emoji flag: hidden text or instructions.` };
    case 'selector':
      return { severity: 'high', message: `Contains variation selectors (${names}) where no emoji or ideograph needs them: invisible characters that can carry hidden data.` };
    case 'filler':
      return { severity: 'high', message: `Uses a Hangul filler (${names}), an invisible character that is a valid identifier, outside Korean text: an invisible variable name.` };
    case 'in-word':
      return { severity: 'medium', message: `Hides a zero-width joiner (${names}) inside a name, so two identifiers that look identical are different.` };
  }
}

/** Hebrew or Arabic letters on the same line: the controls belong to right-to-left text. */
function rtlLine(text: string, index: number): boolean {
  const from = text.lastIndexOf('\n', index) + 1;
  let to = text.indexOf('\n', index);
  if (to < 0) to = text.length;
  return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]/.test(text.slice(from, Math.min(to, from + 2000)));
}

function codePointBefore(text: string, index: number): number | undefined {
  if (index <= 0) return undefined;
  const low = text.charCodeAt(index - 1);
  if (low >= 0xdc00 && low <= 0xdfff && index >= 2) {
    const high = text.charCodeAt(index - 2);
    if (high >= 0xd800 && high <= 0xdbff) return text.codePointAt(index - 2);
  }
  return low;
}

function isIdeograph(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

function isHangul(c: number): boolean {
  return (c >= 0xac00 && c <= 0xd7af) || (c >= 0x1100 && c <= 0x11ff) || (c >= 0x3130 && c <= 0x318f);
}

/** Bidi controls next to Hebrew/Arabic text are how RTL strings are written. */
function rtlContext(prev: number | undefined, next: number | undefined): boolean {
  const rtl = (c: number | undefined) => c !== undefined && ((c >= 0x0590 && c <= 0x08ff) || (c >= 0xfb1d && c <= 0xfdff) || (c >= 0xfe70 && c <= 0xfeff));
  return rtl(prev) || rtl(next);
}

export default rule;
