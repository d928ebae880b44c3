import type { Node } from '@babel/types';
import { mayBeNamed, numericValue } from '../analysis/helpers/concealment-ast';
import type { Rule } from '../analysis/types';

/** What a delayed payload does once the timer fires. */
const PAYLOAD_CALLS = new Set([
  'eval', 'Function', 'vm.runInThisContext', 'vm.runInNewContext', 'vm.runInContext', 'vm.Script', 'child_process.exec', 'child_process.execSync',
  'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'child_process.fork',
  // Loading code only when the timer fires keeps the payload out of the first minutes too.
  'require',
]);
/** Ten minutes: long enough to outlast a sandbox run or an install-time trace. */
const LONG_DELAY_MS = 10 * 60 * 1000;
const TIMERS = new Set(['setTimeout']);
const LAST_NAMES = new Set([...PAYLOAD_CALLS].map((n) => n.slice(n.lastIndexOf('.') + 1)));

/**
 * A payload (eval or a process start) scheduled far into the future with setTimeout: sandboxes
 * and install-time monitors watch for a few minutes, so malware waits them out. Polling loops
 * (setInterval) and short delays are everyday code and are not reported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'delayed-execution',
    kind: 'threat',
    category: 'anti-analysis',
    severity: 'medium',
    specificity: 'medium',
    description: 'Runs eval or starts a process from a setTimeout callback delayed by ten minutes or more.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const checked = new WeakMap<Node, number | undefined>();
    const delayOf = (timer: Extract<Node, { type: 'CallExpression' }>): number | undefined => {
      if (checked.has(timer)) return checked.get(timer);
      const name = context.calleeName(timer);
      const delay = name && TIMERS.has(name) ? numericValue(timer.arguments[1] as Node | undefined, context.evaluate) : undefined;
      checked.set(timer, delay);
      return delay;
    };
    return {
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        if (!mayBeNamed(node, LAST_NAMES)) return;
        const name = context.calleeName(node);
        if (!name || !PAYLOAD_CALLS.has(name)) return;
        if (node.callee.type === 'Import') return;
        const ancestors = context.ancestors();
        for (let i = ancestors.length - 1; i >= 1; i--) {
          const a = ancestors[i]!;
          if (a.type !== 'FunctionExpression' && a.type !== 'ArrowFunctionExpression') continue;
          const parent = ancestors[i - 1]!;
          if (parent.type !== 'CallExpression' || parent.arguments[0] !== a) continue;
          const delay = delayOf(parent);
          if (delay === undefined || delay < LONG_DELAY_MS) continue;
          const minutes = Math.round(delay / 60000);
          context.report({
            node,
            message: `Delays ${name}() by ${minutes >= 120 ? `${Math.round(minutes / 60)} hours` : `${minutes} minutes`} with setTimeout, long enough to outlast a sandbox or an install-time trace.`,
          });
          return;
        }
      },
    };
  },
};

export default rule;
