import type { Node } from '@babel/types';
import { type Evaluate, numericValue } from '../analysis/helpers/concealment-ast';
import { loadedOnImport, walkLoadTime } from '../analysis/helpers/delivery-load';
import type { Rule } from '../analysis/types';
import { walk } from '../analysis/walk';

const CONSOLE = new Set([
  'console.log', 'console.info', 'console.warn', 'console.error', 'console.debug', 'console.trace',
  'process.stdout.write', 'process.stderr.write',
]);
/** Fewer prints than this in a loop with a constant bound is a banner, not a flood. */
const MIN_ITERATIONS = 100;
const LOOPS = new Set(['ForStatement', 'WhileStatement', 'DoWhileStatement']);
const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/**
 * Threat: sabotage that runs on `require()`: a loop that prints to the console forever, or
 * hundreds of times, while the module loads (the colors.js / faker.js protest releases flooded
 * every importing app with garbage text in an endless loop). Honest libraries do not print in a
 * loop as a side effect of being imported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'console-flood',
    kind: 'threat',
    category: 'destructive',
    severity: 'medium',
    specificity: 'high',
    description: 'A loop that prints to the console endlessly (or hundreds of times) while the module is being imported.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    if (!/console\.|std(?:out|err)\.write/.test(context.text) || !/\b(?:for|while)\s*\(/.test(context.text)) return {};
    if (!loadedOnImport(context.pkg).has(context.file.path)) return {};
    return {
      Program: (program) => {
        let done = false;
        walkLoadTime(program, context.calleeName, (node, ancestors) => {
          if (done || !LOOPS.has(node.type)) return;
          // The bound first: most loops depend on data, and their bodies need no second look.
          const count = iterations(node, context.evaluate);
          if (count === undefined || count < MIN_ITERATIONS) return;
          const body = (node as Extract<Node, { type: 'ForStatement' | 'WhileStatement' | 'DoWhileStatement' }>).body;
          const inner = scan(body, context.calleeName);
          if (!inner.prints) return;
          const endless = count === Infinity && !inner.exits;
          if (count === Infinity && !endless) return;
          done = true;
          const gated = dateGated(context.text, ancestors);
          const when = gated ? ', after a hard-coded date (a time bomb)' : '';
          context.report({
            node,
            severity: endless || gated ? 'high' : 'medium',
            message: endless
              ? `Prints to the console in an endless loop while ${context.file.path} loads${when}: importing the package hangs the app and floods its output.`
              : `Prints to the console ${count} times in a loop while ${context.file.path} loads${when}: importing the package floods the app's output.`,
          });
        });
      },
    };
  },
};

const NOW = /\bDate\.now\(\)|\bnew Date\(\)/;
const FIXED_DATE = /\bDate\.UTC\(\s*\d{4}|\bnew Date\(\s*(?:['"]\d{4}|\d{4}\s*,|\d{12,})|\b1[5-9]\d{11}\b/;

/** The loop's function (or the file) compares the current time with a hard-coded date: sabotage set to go off later. */
function dateGated(text: string, ancestors: readonly Node[]): boolean {
  let scope: Node | undefined;
  for (let i = ancestors.length - 1; i >= 0; i--) {
    if (FUNCTIONS.has(ancestors[i]!.type)) {
      scope = ancestors[i];
      break;
    }
  }
  const source = scope && scope.start != null && scope.end != null ? text.slice(scope.start, scope.end) : text;
  return NOW.test(source) && FIXED_DATE.test(source);
}

/** Whether a loop body prints, and whether it can leave the loop (break, return, throw, exit). */
function scan(body: Node, calleeName: (n: Node) => string | undefined): { prints: boolean; exits: boolean } {
  let prints = false;
  let exits = false;
  walk(body, (node, ancestors) => {
    if (ancestors.some((a) => FUNCTIONS.has(a.type))) return;
    if (node.type === 'BreakStatement' || node.type === 'ReturnStatement' || node.type === 'ThrowStatement') exits = true;
    if (node.type === 'CallExpression') {
      const name = calleeName(node);
      if (name && CONSOLE.has(name)) prints = true;
      if (name === 'process.exit') exits = true;
    }
  }, 20_000);
  return { prints, exits };
}

/** Iterations of a loop: Infinity for `for(;;)`, `while (true)`, `i < Infinity`; a count for `for (let i = a; i < b; i += step)`; else undefined. */
function iterations(loop: Node, evaluate: Evaluate): number | undefined {
  const test = loop.type === 'ForStatement' || loop.type === 'WhileStatement' || loop.type === 'DoWhileStatement' ? loop.test : null;
  if (!test) return loop.type === 'ForStatement' ? Infinity : undefined;
  const constant = evaluate(test);
  if (constant === true || (typeof constant === 'number' && constant !== 0)) return Infinity;
  if (test.type === 'UnaryExpression' && test.operator === '!' && test.argument.type === 'NumericLiteral' && test.argument.value === 0) return Infinity;
  if (test.type !== 'BinaryExpression' || !['<', '<=', '>', '>='].includes(test.operator)) return undefined;
  if (test.right.type === 'Identifier' && test.right.name === 'Infinity') return Infinity;
  if (loop.type !== 'ForStatement' || test.left.type !== 'Identifier') return undefined;
  const num = (n: Node | null | undefined) => numericValue(n, evaluate);
  const bound = num(test.right);
  let start: number | undefined;
  const init = loop.init;
  if (init?.type === 'VariableDeclaration') {
    const d = init.declarations.find((x) => x.id.type === 'Identifier' && x.id.name === (test.left as { name: string }).name);
    start = num(d?.init);
  } else if (init?.type === 'AssignmentExpression') start = num(init.right);
  const step = constantStep(loop.update, test.left.name);
  if (bound === undefined || start === undefined || step === undefined) return undefined;
  return Math.ceil(Math.abs(bound - start) / step);
}

/** The counter's step when the update is `i++`, `i--`, `i += n` or `i -= n` with a literal n; else undefined (the count is unknown). */
function constantStep(update: Node | null | undefined, counter: string): number | undefined {
  if (update?.type === 'UpdateExpression') return update.argument.type === 'Identifier' && update.argument.name === counter ? 1 : undefined;
  if (update?.type !== 'AssignmentExpression' || (update.operator !== '+=' && update.operator !== '-=')) return undefined;
  if (update.left.type !== 'Identifier' || update.left.name !== counter || update.right.type !== 'NumericLiteral') return undefined;
  const step = Math.abs(update.right.value);
  return step > 0 && Number.isFinite(step) ? step : undefined;
}

export default rule;
