import type { Node } from '@babel/types';
import { mayBeNamed } from '../analysis/helpers/concealment-ast';
import type { Rule } from '../analysis/types';

const EVALUATORS = new Map<string, 'first' | 'last'>([
  ['eval', 'first'], ['Function', 'last'], ['vm.runInNewContext', 'first'], ['vm.runInThisContext', 'first'], ['vm.runInContext', 'first'],
  ['vm.Script', 'first'], ['vm.compileFunction', 'first'], ['vm.SourceTextModule', 'first'],
]);

const LAST_NAMES = new Set([...EVALUATORS.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1)));

/**
 * The capability to run a string as code: eval, new Function or the vm module on a value that
 * is not written in the file. Template engines and bundlers do this honestly, so it is a
 * capability (never evidence alone); it turns a decode, obfuscation or download finding in the
 * same file into a pair.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'dynamic-code-eval',
    kind: 'capability',
    category: 'dynamic-code',
    severity: 'low',
    specificity: 'low',
    description: 'Runs a computed string as code with eval, new Function or the vm module.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const check = (node: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>) => {
      if (!mayBeNamed(node, LAST_NAMES)) return;
      const name = context.calleeName(node);
      const position = name ? EVALUATORS.get(name) : undefined;
      if (!position) return;
      const code = (position === 'first' ? node.arguments[0] : node.arguments[node.arguments.length - 1]) as Node | undefined;
      if (!code || code.type === 'ArrowFunctionExpression' || code.type === 'FunctionExpression') return;
      // A literal is written in the file, unless it is a whole program carried as a string.
      if (code.type === 'StringLiteral') {
        if (code.value.length >= 2000 && !code.value.includes('sourceURL=')) context.report({ node, message: `Runs a ${code.value.length}-character program held in a string literal with ${name}.` });
        return;
      }
      if (code.type === 'TemplateLiteral' && code.expressions.length === 0) return;
      if (typeof context.evaluate(code) === 'string' && (code.type === 'BinaryExpression' || code.type === 'TemplateLiteral')) return;
      context.report({ node, message: `Runs a computed string as code with ${name}.` });
    };
    return { CallExpression: (n) => check(n as never), NewExpression: (n) => check(n as never) };
  },
};

export default rule;
