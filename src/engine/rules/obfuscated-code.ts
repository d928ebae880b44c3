import type { Node } from '@babel/types';
import { rawOf } from '../analysis/helpers/concealment-ast';
import { judgeHidden, quote, usesNetwork } from '../analysis/helpers/concealment-content';
import type { Indicator, Rule, Severity } from '../analysis/types';

/** Printable ASCII written as `\xNN` / `\uNNNN`: nobody types "https" as \x68\x74\x74\x70\x73. */
const ESCAPE = /\\x([0-9a-fA-F]{2})|\\u([0-9a-fA-F]{4})|\\u\{([0-9a-fA-F]{1,6})\}/g;
const MIN_ESCAPES = 8;
/** Strings built one character at a time from a scrambled alphabet: `_s[7]+_s[29]+_s[2]...`. */
const MIN_CHAR_PICKS = 6;
/** JS-Confuser style constants: `(0o206402-68829)`, `(0x300A6%0o200053)`. */
const MIN_MIXED_BASE_CONSTANTS = 10;
const MIN_CHAR_CODES = 8;
const JSFUCK = /[[\]()!+]{300,}/;
const JJENCODE = /\$=~\[\];\s*\$=\{___:\+\+\$/;
const AAENCODE = /ﾟωﾟﾉ\s*=|ﾟДﾟ/;

const RANK: Record<Severity, number> = { info: 0, low: 1, medium: 2, high: 3, critical: 4 };

type Technique = 'escaped' | 'char-pick' | 'mixed-base' | 'char-codes' | 'reversed' | 'encoder';

/**
 * Hand-rolled and tool-made string hiding other than obfuscator.io's: hex-escaped strings,
 * strings picked character by character out of a scrambled alphabet, JS-Confuser arithmetic,
 * long `String.fromCharCode` runs, reversed strings, JSFuck/jjencode/aaencode. Each technique is
 * reported once per file, again only when a later hit reveals something worse.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'obfuscated-code',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'medium',
    specificity: 'medium',
    description: 'Strings hidden by escapes, character picking, char codes, reversal or constant arithmetic, as obfuscators and malware do.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 4,
  },
  create(context) {
    const reported = new Map<Technique, Severity>();
    let network: boolean | undefined;
    /** A hidden host or URL in a file that makes requests is a concealed endpoint: critical. */
    const judge = (value: string): ReturnType<typeof judgeHidden> => {
      const verdict = judgeHidden(value);
      if (verdict.indicators.length && (network ??= usesNetwork(context.text))) {
        return { ...verdict, severity: 'critical', why: `${verdict.why ?? 'it names a host'}, and this file makes network requests` };
      }
      return verdict;
    };
    let mixedBase = 0;
    let mixedBaseFirst: Node | undefined;

    const report = (technique: Technique, node: Node, severity: Severity, message: string, indicators: Indicator[]) => {
      const before = reported.get(technique);
      if (before && RANK[before] >= RANK[severity]) return;
      reported.set(technique, severity);
      context.report({ node, severity, message, ...(indicators.length ? { indicators } : {}) });
    };

    const escapedLiteral = (node: Node, value: string, raw: string) => {
      if (raw.length < MIN_ESCAPES * 4 || (!raw.includes('\\x') && !raw.includes('\\u'))) return;
      let printable = 0;
      ESCAPE.lastIndex = 0;
      for (let m = ESCAPE.exec(raw); m; m = ESCAPE.exec(raw)) {
        const code = parseInt(m[1] ?? m[2] ?? m[3]!, 16);
        if (code >= 0x20 && code < 0x7f) printable++;
      }
      if (printable < MIN_ESCAPES || printable * 10 < value.length * 6) return;
      const { severity, indicators, why } = judge(value);
      report('escaped', node, severity, `Hides the string ${quote(value, 60)} as ${printable} \\x/\\u escapes of plain ASCII${why ? `; ${why}` : ''}.`, indicators);
    };

    /** Top of a `+` chain: flatten it once and look for single-character picks from one string. */
    const charPicks = (node: Extract<Node, { type: 'BinaryExpression' }>) => {
      const operands: Node[] = [];
      let cur: Node = node;
      while (cur.type === 'BinaryExpression' && cur.operator === '+' && operands.length < 5000) {
        operands.push(cur.right);
        cur = cur.left as Node;
      }
      operands.push(cur);
      operands.reverse();
      let base: string | undefined;
      let picks = 0;
      let drops = 0;
      let last = -1;
      const distinct = new Set<number>();
      for (const op of operands) {
        if (op.type !== 'MemberExpression' || !op.computed || op.object.type !== 'Identifier' || op.property.type !== 'NumericLiteral') continue;
        if (base === undefined) base = op.object.name;
        if (op.object.name !== base) continue;
        picks++;
        if (op.property.value < last) drops++;
        last = op.property.value;
        distinct.add(op.property.value);
      }
      // A scrambled alphabet jumps back and forth; `c[1]+c[1]+c[2]+c[2]+c[3]+c[3]` (#abc -> #aabbcc) does not.
      if (picks < MIN_CHAR_PICKS || drops < 2 || distinct.size < 4 || picks * 2 < operands.length) return;
      const value = context.evaluate(node);
      const alphabet = base ? context.evaluate({ type: 'Identifier', name: base } as Node) : undefined;
      let decoded = typeof value === 'string' ? value : undefined;
      if (decoded === undefined && typeof alphabet === 'string') {
        decoded = '';
        for (const op of operands) {
          if (op.type === 'MemberExpression' && op.object.type === 'Identifier' && op.object.name === base && op.property.type === 'NumericLiteral') decoded += alphabet[op.property.value] ?? '?';
          else {
            const v = context.evaluate(op);
            decoded += typeof v === 'string' || typeof v === 'number' ? String(v) : '?';
          }
        }
      }
      const { severity, indicators, why } = decoded !== undefined ? judge(decoded) : { severity: 'medium' as Severity, indicators: [], why: undefined };
      report(
        'char-pick',
        node,
        severity,
        decoded !== undefined
          ? `Builds the string ${quote(decoded, 60)} one character at a time from the scrambled alphabet ${base}${why ? `; ${why}` : ''}.`
          : `Builds a string from ${picks} single-character picks out of ${base}, a scrambled alphabet.`,
        indicators,
      );
    };

    return {
      Program: () => {
        const text = context.text;
        // Cheap substring gates first: these regexes would otherwise scan every file.
        const hit =
          (text.includes('!+[]') || text.includes('(![]') ? JSFUCK.exec(text) : null) ??
          (text.includes('$=~[]') ? JJENCODE.exec(text) : null) ??
          (text.includes('ﾟ') ? AAENCODE.exec(text) : null);
        if (hit) {
          const kind = hit[0].startsWith('$') ? 'jjencode' : /[ﾟД]/.test(hit[0]) ? 'aaencode' : 'JSFuck';
          context.report({ offset: hit.index, severity: 'high', message: `Contains ${kind}-encoded code: a program written only in punctuation that decodes itself when run.` });
          reported.set('encoder', 'high');
        }
      },
      StringLiteral: (n) => {
        const node = n as Extract<Node, { type: 'StringLiteral' }>;
        if (node.value.length >= MIN_ESCAPES) escapedLiteral(node, node.value, rawOf(node, context.text));
      },
      TemplateLiteral: (n) => {
        const node = n as Extract<Node, { type: 'TemplateLiteral' }>;
        if (node.expressions.length || node.quasis.length !== 1) return;
        const q = node.quasis[0]!;
        if (q.value.cooked && q.value.cooked.length >= MIN_ESCAPES) escapedLiteral(node, q.value.cooked, q.value.raw);
      },
      BinaryExpression: (n) => {
        const node = n as Extract<Node, { type: 'BinaryExpression' }>;
        if (node.left.type === 'NumericLiteral' && node.right.type === 'NumericLiteral') {
          const raws = `${rawOf(node.left, context.text)} ${rawOf(node.right, context.text)}`;
          if (/0[oO]/.test(raws) && /(?:^|\s)(?:0[xX]|[1-9])/.test(raws)) {
            mixedBase++;
            mixedBaseFirst ??= node;
            if (mixedBase === MIN_MIXED_BASE_CONSTANTS) {
              report('mixed-base', mixedBaseFirst, 'medium', `Writes constants as arithmetic on octal and hex literals (${MIN_MIXED_BASE_CONSTANTS}+ like ${rawOf(mixedBaseFirst, context.text).slice(0, 40)}), the mark of JS-Confuser style obfuscation.`, []);
            }
          }
          return;
        }
        if (node.operator !== '+' || node.right.type !== 'MemberExpression' || node.right.property.type !== 'NumericLiteral') return;
        const ancestors = context.ancestors();
        const parent = ancestors[ancestors.length - 1];
        if (parent?.type === 'BinaryExpression' && parent.operator === '+' && parent.left === node) return;
        charPicks(node);
      },
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier') return;
        const method = callee.property.name;
        if ((method === 'fromCharCode' || method === 'fromCodePoint') && node.arguments.length >= MIN_CHAR_CODES) {
          if (!node.arguments.every((a) => a.type === 'NumericLiteral' || (a.type === 'BinaryExpression' && a.left.type === 'NumericLiteral'))) return;
          const value = context.evaluate(node);
          if (typeof value !== 'string') return;
          const verdict = judge(value);
          if (RANK[verdict.severity] < RANK.high) return;
          report('char-codes', node, verdict.severity, `Hides the string ${quote(value, 60)} as ${node.arguments.length} character codes; ${verdict.why}.`, verdict.indicators);
        } else if (method === 'join' && callee.object.type === 'CallExpression') {
          const inner = callee.object.callee;
          if (inner.type !== 'MemberExpression' || inner.property.type !== 'Identifier' || inner.property.name !== 'reverse') return;
          const value = context.evaluate(node);
          if (typeof value !== 'string' || value.length < 4) return;
          const verdict = judge(value);
          if (RANK[verdict.severity] < RANK.high) return;
          report('reversed', node, verdict.severity, `Hides the string ${quote(value, 60)} by writing it backwards; ${verdict.why}.`, verdict.indicators);
        }
      },
    };
  },
};

export default rule;
