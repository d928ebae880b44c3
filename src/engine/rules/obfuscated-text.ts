import { isJavaScriptPath, judgeHidden, quote, usesNetwork } from '../analysis/helpers/concealment-content';
import type { Rule } from '../analysis/types';

/** `_s[7]+_s[29]+_s[2]+…`: six or more picks from one name. */
const CHAR_PICKS = /([A-Za-z_$][\w$]{0,40})\[(\d{1,4})\](?:\s*\+\s*\1\[\d{1,4}\]){5,}/g;
/** A string literal written entirely as \x / \u escapes. */
const ESCAPED = /(['"])((?:\\x[0-9a-fA-F]{2}|\\u[0-9a-fA-F]{4}){8,})\1/g;

/**
 * The string-hiding tricks of obfuscated-code, read from the raw text of scripts that do not
 * parse: injected payloads are often appended to a file carelessly (or broken on purpose) so
 * that parser-based scanners skip the whole file.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'obfuscated-text',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'medium',
    specificity: 'medium',
    description: 'Character-picked or escape-encoded strings in a script that does not parse.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  appliesTo: (file) => isJavaScriptPath(file.path),
  check(context) {
    if (context.parsed) return;
    const text = context.text;
    const network = usesNetwork(text);
    let best: { offset: number; severity: 'medium' | 'high' | 'critical'; message: string; indicators: ReturnType<typeof judgeHidden>['indicators'] } | undefined;
    const consider = (offset: number, value: string, how: string) => {
      const verdict = judgeHidden(value);
      const severity = verdict.severity !== 'high' ? 'medium' : verdict.indicators.length && network ? 'critical' : 'high';
      const rank = { medium: 0, high: 1, critical: 2 };
      if (best && rank[best.severity] >= rank[severity]) return;
      const why = verdict.why ? `; ${verdict.why}${severity === 'critical' ? ', and this file makes network requests' : ''}` : '';
      best = { offset, severity, message: `Hides the string ${quote(value, 60)} ${how}${why} (in a file that does not parse).`, indicators: verdict.indicators };
    };

    const alphabets = new Map<string, string | undefined>();
    const alphabetOf = (name: string): string | undefined => {
      if (alphabets.has(name)) return alphabets.get(name);
      const escaped = name.replace(/\$/g, '\\$');
      const m = new RegExp(`(?:^|[^\\w$])${escaped}\\s*=\\s*(["'])((?:[^"'\\\\\\n]|\\\\.){4,400}?)\\1`).exec(text);
      const value = m ? m[2]!.replace(/\\(.)/g, '$1') : undefined;
      alphabets.set(name, value);
      return value;
    };

    CHAR_PICKS.lastIndex = 0;
    let picks = 0;
    for (let m = CHAR_PICKS.exec(text); m && picks < 200; m = CHAR_PICKS.exec(text)) {
      picks++;
      const name = m[1]!;
      const indexes = [...m[0].matchAll(/\[(\d{1,4})\]/g)].map((x) => Number(x[1]));
      const drops = indexes.filter((v, i) => i > 0 && v < indexes[i - 1]!).length;
      if (drops < 2 || new Set(indexes).size < 4) continue;
      const alphabet = alphabetOf(name);
      if (alphabet) consider(m.index, indexes.map((i) => alphabet[i] ?? '?').join(''), `as single characters picked out of the scrambled alphabet ${name}`);
      else if (!best) best = { offset: m.index, severity: 'medium', message: `Builds strings from single-character picks out of ${name}, a scrambled alphabet (in a file that does not parse).`, indicators: [] };
    }
    ESCAPED.lastIndex = 0;
    let escapes = 0;
    for (let m = ESCAPED.exec(text); m && escapes < 200; m = ESCAPED.exec(text)) {
      escapes++;
      const value = m[2]!.replace(/\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})/g, (_s, x: string | undefined, u: string | undefined) => String.fromCharCode(parseInt((x ?? u)!, 16)));
      if (!/^[\x20-\x7e]+$/.test(value)) continue;
      consider(m.index, value, 'as \\x/\\u escapes of plain ASCII');
    }
    if (best) context.report({ offset: best.offset, severity: best.severity, message: best.message, ...(best.indicators.length ? { indicators: best.indicators } : {}) });
  },
};

export default rule;
