import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';

const TARGET_VARS = /^process\.env\.npm_package_(?:name|description|version|repository_url|homepage|author_name)$/;
const COMPARE_METHODS = new Set(['includes', 'indexOf', 'startsWith', 'endsWith', 'match', 'test', 'localeCompare']);
const RUNS_CODE = /\beval\s*\(|\bnew\s+Function\s*\(|\brunIn(?:This|New)?Context\s*\(|\._compile\s*\(|createDecipher/;

/**
 * Code aimed at one victim: it compares npm_package_name or npm_package_description (the
 * package being installed or run, i.e. the app that depends on it) with another project's
 * name, the way event-stream's flatmap-stream only woke up inside the Copay wallet. Comparing
 * with the package's own name, to skip work during its own development, stays quiet.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'targeted-payload',
    kind: 'threat',
    category: 'anti-analysis',
    severity: 'medium',
    specificity: 'medium',
    description: 'Compares npm_package_name/description with another app’s name, to act only inside one target.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const own = new Set([context.pkg.name, String(context.pkg.manifest.name ?? ''), String(context.pkg.manifest.description ?? '')].filter(Boolean));
    const targetVar = (node: Node | null | undefined): string | undefined => {
      if (!node) return undefined;
      const name = context.nameOf(node);
      return name && TARGET_VARS.test(name) ? name : undefined;
    };
    const check = (node: Node, variable: string, literal: string) => {
      if (!literal || own.has(literal)) return;
      const runs = RUNS_CODE.test(context.text);
      context.report({
        node,
        severity: runs ? 'high' : 'medium',
        message: `Compares ${variable} with ${JSON.stringify(literal.slice(0, 60))}, another package's identity: the code acts only inside one target app${runs ? ' and this file decrypts or evaluates code' : ''}.`,
      });
    };
    return {
      BinaryExpression: (n) => {
        const node = n as Extract<Node, { type: 'BinaryExpression' }>;
        if (node.operator !== '===' && node.operator !== '==' && node.operator !== '!==' && node.operator !== '!=') return;
        const left = node.left as Node;
        const right = node.right;
        if (right.type === 'StringLiteral') {
          const v = targetVar(left);
          if (v) check(node, v, right.value);
        } else if (left.type === 'StringLiteral') {
          const v = targetVar(right);
          if (v) check(node, v, left.value);
        }
      },
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        const callee = node.callee;
        if (callee.type !== 'MemberExpression' || callee.computed || callee.property.type !== 'Identifier' || !COMPARE_METHODS.has(callee.property.name)) return;
        const arg = node.arguments[0];
        if (arg?.type === 'StringLiteral') {
          const v = targetVar(callee.object);
          if (v) check(node, v, arg.value);
        } else if (arg && callee.object.type === 'StringLiteral') {
          const v = targetVar(arg as Node);
          if (v) check(node, v, callee.object.value);
        }
      },
    };
  },
};

export default rule;
