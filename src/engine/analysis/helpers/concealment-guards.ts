import type { Node } from '@babel/types';

/**
 * Whether a condition guards an early exit: `if (cond) process.exit()`, `if (cond) return`,
 * `cond && process.exit(0)`, `if (!cond) { payload() }`. Anti-analysis code skips its payload
 * in sandboxes and CI; honest install scripts do the same for CI, so callers decide how much
 * the guard means.
 */

type CalleeName = (node: Node) => string | undefined;

const EXITS = new Set(['process.exit', 'process.kill', 'process.abort']);

function isExitStatement(node: Node | null | undefined, calleeName: CalleeName): boolean {
  if (!node) return false;
  switch (node.type) {
    case 'ReturnStatement':
    case 'ThrowStatement':
      return true;
    case 'ExpressionStatement':
      return isExitExpression(node.expression, calleeName);
    case 'BlockStatement':
      return node.body.length > 0 && node.body.length <= 3 && node.body.some((s) => isExitStatement(s, calleeName));
    default:
      return false;
  }
}

function isExitExpression(node: Node | null | undefined, calleeName: CalleeName): boolean {
  if (!node) return false;
  if (node.type === 'CallExpression') {
    const name = calleeName(node);
    return !!name && EXITS.has(name);
  }
  if (node.type === 'SequenceExpression') return node.expressions.some((e) => isExitExpression(e, calleeName));
  return false;
}

/**
 * Looks up from the checked expression (ancestors nearest last) to the conditional it belongs
 * to and says whether that conditional exits early.
 */
export function guardsExit(ancestors: readonly Node[], checked: Node, calleeName: CalleeName): boolean {
  let child: Node = checked;
  for (let i = ancestors.length - 1; i >= 0 && i >= ancestors.length - 12; i--) {
    const a = ancestors[i]!;
    switch (a.type) {
      case 'IfStatement':
        if (a.test !== child) return false;
        return isExitStatement(a.consequent, calleeName);
      case 'ConditionalExpression':
        if (a.test !== child) return false;
        return isExitExpression(a.consequent, calleeName);
      case 'LogicalExpression':
        if (a.left === child && isExitExpression(a.right, calleeName)) return true;
        break;
      case 'UnaryExpression':
      case 'BinaryExpression':
      case 'CallExpression':
      case 'MemberExpression':
      case 'OptionalCallExpression':
      case 'OptionalMemberExpression':
      case 'ParenthesizedExpression':
      case 'ArrayExpression':
        break;
      default:
        return false;
    }
    child = a;
  }
  return false;
}
