import type { Node } from '@babel/types';
import type { JsRuleContext, Visitors } from '../types';
import { callee } from './behaviour-js';

/**
 * Visitors for a capability rule: one finding per file, at the first call (or `new`) that
 * `describe` recognises; `describe` returns the message, or undefined to keep looking.
 * Capabilities only matter as the half of a pair, so the first occurrence is enough.
 */
export function firstCall(context: JsRuleContext, describe: (node: Node, name: string | undefined) => string | undefined, withNew = false): Visitors {
  let done = false;
  const check = (node: Node) => {
    if (done) return;
    const message = describe(node, callee(context, node));
    if (message === undefined) return;
    done = true;
    context.report({ node, message });
  };
  return withNew ? { CallExpression: check, NewExpression: check } : { CallExpression: check };
}
