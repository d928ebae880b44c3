import { isJavaScriptPath } from '../analysis/helpers/concealment-content';
import type { Rule } from '../analysis/types';

/** Cyrillic and Greek letters that render like Latin ones, and the Latin letter they imitate. */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic lower case
  'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'у': 'y', 'х': 'x', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'ԁ': 'd', 'һ': 'h', 'ԛ': 'q', 'ԝ': 'w', 'ӏ': 'l', 'ѵ': 'v',
  // Cyrillic upper case
  'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S', 'Ү': 'Y', 'Ԛ': 'Q', 'Ԝ': 'W',
  // Greek (lower case only omicron: α, ρ, ν... are honest maths names)
  'ο': 'o', 'ϲ': 'c', 'ϳ': 'j',
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
};
/** Names that an attacker imitates to shadow or smuggle an API. */
const SENSITIVE = new Set([
  'eval', 'function', 'require', 'import', 'exec', 'execsync', 'spawn', 'spawnsync', 'execfile', 'fork', 'child_process', 'process', 'env', 'module',
  'exports', 'buffer', 'atob', 'btoa', 'fetch', 'xmlhttprequest', 'websocket', 'http', 'https', 'net', 'fs', 'os', 'vm', 'global', 'globalthis',
  'window', 'document', 'constructor', 'prototype', 'settimeout', 'setinterval', 'console', 'json', 'object', 'string', 'array', 'crypto',
  'hostname', 'homedir', 'userinfo', 'readfilesync', 'writefilesync', 'request', 'ethereum', 'localstorage', 'cookie', 'password', 'token',
  'path', 'util', 'utils', 'events', 'stream', 'index', 'config', 'admin', 'isadmin', 'auth', 'user', 'root', 'key', 'secret',
]);
const NON_LATIN = /[\u0370-\u052f]/g;
const TOKEN_CHAR = /[A-Za-z0-9_$\u0370-\u052f]/;

/**
 * Identifiers that mix Latin letters with Cyrillic or Greek look-alikes (`rеquire` with a
 * Cyrillic `е`): two names that read the same in review but are different to the engine, used
 * to shadow APIs or smuggle a second variable. A text rule, so it also reads files that do not
 * parse. Words written wholly in Cyrillic or Greek, and maths names like `dθ`, stay quiet.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'homoglyph-identifier',
    kind: 'threat',
    category: 'hidden-code',
    severity: 'high',
    specificity: 'high',
    description: 'An identifier that mixes Latin letters with Cyrillic or Greek look-alikes.',
    skip: { typeDeclaration: true },
    maxPerFile: 2,
  },
  appliesTo: (file) => isJavaScriptPath(file.path),
  check(context) {
    const text = context.text;
    NON_LATIN.lastIndex = 0;
    const seen = new Set<string>();
    for (let m = NON_LATIN.exec(text); m; m = NON_LATIN.exec(text)) {
      let start = m.index;
      let end = m.index + 1;
      while (start > 0 && TOKEN_CHAR.test(text[start - 1]!)) start--;
      while (end < text.length && TOKEN_CHAR.test(text[end]!)) end++;
      NON_LATIN.lastIndex = end;
      const token = text.slice(start, end);
      if (token.length > 64 || seen.has(token)) continue;
      // `[a-zА-Яа-я]`: the end of one character range next to the start of another.
      if (text[start - 1] === '-' || text[end] === '-') continue;
      seen.add(token);
      let skeleton = '';
      let latin = false;
      let mixed = true;
      const fakes: string[] = [];
      for (const ch of token) {
        if (/[A-Za-z]/.test(ch)) latin = true;
        if (ch.charCodeAt(0) < 0x80) {
          skeleton += ch;
          continue;
        }
        const mapped = CONFUSABLES[ch];
        if (!mapped) {
          mixed = false;
          break;
        }
        skeleton += mapped;
        if (fakes.length < 3) fakes.push(`${ch} (U+${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}, looks like ${mapped})`);
      }
      if (!mixed) continue;
      const sensitive = SENSITIVE.has(skeleton.toLowerCase());
      if (!latin && !sensitive) continue;
      // The real name next to its look-alike (in this file, or as a file of the package) is the
      // attack: two things that read the same and are not.
      // In a string or a comment it is data or prose (keyword lists, locale data, typos); only a
      // look-alike of a package file (an import path) keeps its weight there.
      const prose = inProse(text, start);
      const twin = twinOf(skeleton, prose ? '' : text, context.pkg.files.map((f) => f.path));
      context.report({
        offset: start,
        severity: twin || (sensitive && !prose) ? 'high' : 'low',
        message: `The name ${JSON.stringify(token)} reads as ${JSON.stringify(skeleton)} but uses ${fakes.join(', ')}${twin ? `: ${twin}` : sensitive ? ': a look-alike of a sensitive name' : ''}.`,
      });
    }
  },
};

/** Whether a position sits in a string or a comment of its line (a cheap per-line scan, not a lexer). */
function inProse(text: string, index: number): boolean {
  const lineStart = text.lastIndexOf('\n', index - 1) + 1;
  const before = text.slice(Math.max(lineStart, index - 4000), index);
  if (/^\s*(?:\/\/|\*|\/\*|#)/.test(before)) return true;
  let quote = '';
  for (let i = 0; i < before.length; i++) {
    const c = before[i]!;
    if (quote) {
      if (c === '\\') i++;
      else if (c === quote) quote = '';
    } else if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '/' && before[i + 1] === '/') return true;
  }
  return quote !== '';
}

/** Where the genuine name the look-alike imitates also appears. */
function twinOf(skeleton: string, text: string, paths: string[]): string | undefined {
  if (skeleton.length < 3) return undefined;
  const escaped = skeleton.replace(/[$]/g, '\\$');
  if (new RegExp(`(?<![\\w$\\u0370-\\u052f])${escaped}(?![\\w$\\u0370-\\u052f])`).test(text)) return `the genuine ${skeleton} is used in the same file`;
  const file = paths.find((p) => (p.split('/').pop() ?? '').replace(/\.[^.]+$/, '') === skeleton);
  return file ? `it imitates the package file ${file}` : undefined;
}

export default rule;
