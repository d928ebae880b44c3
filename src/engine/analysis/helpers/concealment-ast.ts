import type { Node } from '@babel/types';
import type { StaticValue } from '../types';

/** Small AST helpers shared by the concealment rules. None of them walks a subtree. */

export type Evaluate = (node: Node) => StaticValue;

const FUNCTION_TYPES = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

export function isFunctionNode(node: Node | null | undefined): boolean {
  return !!node && FUNCTION_TYPES.has(node.type);
}

/**
 * A constant number, folding the arithmetic obfuscators and malware use to hide delays and
 * indexes (`1000 * 47 * 60`, `0o206402 - 68829`). Undefined when it is not constant.
 */
export function numericValue(node: Node | null | undefined, evaluate: Evaluate, depth = 0): number | undefined {
  if (!node || depth > 40) return undefined;
  switch (node.type) {
    case 'NumericLiteral':
      return node.value;
    case 'ParenthesizedExpression':
      return numericValue(node.expression, evaluate, depth + 1);
    case 'UnaryExpression': {
      const v = numericValue(node.argument, evaluate, depth + 1);
      if (v === undefined) return undefined;
      return node.operator === '-' ? -v : node.operator === '+' ? v : node.operator === '~' ? ~v : undefined;
    }
    case 'BinaryExpression': {
      const l = numericValue(node.left as Node, evaluate, depth + 1);
      if (l === undefined) return undefined;
      const r = numericValue(node.right, evaluate, depth + 1);
      if (r === undefined) return undefined;
      switch (node.operator) {
        case '+': return l + r;
        case '-': return l - r;
        case '*': return l * r;
        case '/': return r === 0 ? undefined : l / r;
        case '%': return r === 0 ? undefined : l % r;
        case '**': return l ** r;
        case '<<': return l << r;
        case '>>': return l >> r;
        case '>>>': return l >>> r;
        case '|': return l | r;
        case '&': return l & r;
        case '^': return l ^ r;
        default: return undefined;
      }
    }
    case 'Identifier': {
      const v = evaluate(node);
      return typeof v === 'number' ? v : undefined;
    }
    default:
      return undefined;
  }
}

/** The nearest enclosing function among `ancestors` (nearest last), and the name it is bound to. */
export function enclosingFunction(ancestors: readonly Node[]): { node: Node; name?: string } | undefined {
  for (let i = ancestors.length - 1; i >= 0; i--) {
    const node = ancestors[i]!;
    if (!isFunctionNode(node)) continue;
    return { node, name: functionName(node, ancestors[i - 1]) };
  }
  return undefined;
}

/** `function f(){}`, `const f = function(){}`, `f = () => {}`, `{ f() {} }`, `{ f: function(){} }`. */
export function functionName(fn: Node, parent: Node | undefined): string | undefined {
  if ((fn.type === 'FunctionDeclaration' || fn.type === 'FunctionExpression') && fn.id) return fn.id.name;
  if ((fn.type === 'ObjectMethod' || fn.type === 'ClassMethod') && !fn.computed && fn.key.type === 'Identifier') return fn.key.name;
  if (!parent) return undefined;
  if (parent.type === 'VariableDeclarator' && parent.init === fn && parent.id.type === 'Identifier') return parent.id.name;
  if (parent.type === 'AssignmentExpression' && parent.right === fn && parent.left.type === 'Identifier') return parent.left.name;
  if (parent.type === 'ObjectProperty' && parent.value === fn && !parent.computed && parent.key.type === 'Identifier') return parent.key.name;
  return undefined;
}

/** The raw source of a string literal, as written (with its escapes). */
export function rawOf(node: Node, text: string): string {
  const extra = (node as { extra?: { raw?: unknown } }).extra;
  if (extra && typeof extra.raw === 'string') return extra.raw;
  return node.start != null && node.end != null ? text.slice(node.start, node.end) : '';
}

/**
 * A cheap syntactic pre-filter before asking the resolver for a callee's name: plain and
 * computed callees always pass (aliases, `global['ev' + 'al']`, `(0, eval)`), a `.prop(...)`
 * call passes only when `prop` is one of the last name parts the rule cares about.
 */
export function mayBeNamed(call: Node, lastNames: ReadonlySet<string>): boolean {
  if (call.type !== 'CallExpression' && call.type !== 'NewExpression' && call.type !== 'OptionalCallExpression') return false;
  const callee = call.callee;
  if ((callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') && !callee.computed && callee.property.type === 'Identifier') {
    const prop = callee.property.name;
    return lastNames.has(prop) || prop === 'call' || prop === 'apply' || prop === 'bind';
  }
  return true;
}
