import type { Node } from '@babel/types';
import type { PackageInput } from '../types';
import { childNodes } from '../walk';
import { importEntries } from './delivery-entry';

/**
 * What runs when a package is merely imported: its import entries, the package files they load,
 * and inside a file, the code that executes while the module loads. Shared by the rules that
 * judge a behaviour by whether it fires on `require()` (console flooding, starting a shipped
 * executable) rather than when a function is called.
 */

const MAX_LOADED_FILES = 300;
const RELATIVE_REQUIRE = /\brequire\s*\(\s*(['"])(\.{1,2}\/[^'"\n]{1,200})\1\s*\)|\bimport\s+(?:[\w${}*,\s]+\s+from\s+)?(['"])(\.{1,2}\/[^'"\n]{1,200})\3/g;
const JS_FILE = /\.[cm]?js$/i;

const loadedCache = new WeakMap<PackageInput, Set<string>>();

/**
 * Import entries plus the package files they require or import by relative path, transitively
 * (read from the text: a require inside a function counts too, which errs towards "loaded").
 */
export function loadedOnImport(pkg: PackageInput): Set<string> {
  const cached = loadedCache.get(pkg);
  if (cached) return cached;
  const byPath = new Map(pkg.files.filter((f) => f.text !== undefined && JS_FILE.test(f.path)).map((f) => [f.path, f]));
  const out = new Set<string>();
  const queue = [...importEntries(pkg)].filter((p) => byPath.has(p));
  while (queue.length && out.size < MAX_LOADED_FILES) {
    const path = queue.shift()!;
    if (out.has(path)) continue;
    out.add(path);
    const text = byPath.get(path)!.text!;
    const dir = path.includes('/') ? path.slice(0, path.lastIndexOf('/')) : '';
    for (const m of text.matchAll(RELATIVE_REQUIRE)) {
      const target = resolveRelative(dir, (m[2] ?? m[4])!, byPath);
      if (target && !out.has(target)) queue.push(target);
    }
  }
  loadedCache.set(pkg, out);
  return out;
}

function resolveRelative(dir: string, spec: string, files: ReadonlyMap<string, unknown>): string | undefined {
  const parts = dir ? dir.split('/') : [];
  for (const seg of spec.split('/')) {
    if (seg === '.' || seg === '') continue;
    if (seg === '..') {
      if (!parts.length) return undefined;
      parts.pop();
    } else parts.push(seg);
  }
  const base = parts.join('/');
  for (const candidate of [base, `${base}.js`, `${base}.cjs`, `${base}.mjs`, `${base}/index.js`]) if (files.has(candidate)) return candidate;
  return undefined;
}

const FUNCTIONS = new Set(['FunctionDeclaration', 'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);
/** Callbacks these receive still run as part of loading the module. */
const DEFERRED = new Set(['setTimeout', 'setImmediate', 'setInterval', 'process.nextTick', 'queueMicrotask']);
const MAX_NODES = 200_000;

type CalleeName = (node: Node) => string | undefined;

/** `name`, `module.exports`, `exports.name`, `module.exports.name`: how a module refers to its own functions. */
function ownName(node: Node | null | undefined): string | undefined {
  if (!node) return undefined;
  if (node.type === 'Identifier') return node.name;
  if (node.type === 'MemberExpression' && !node.computed && node.property.type === 'Identifier') {
    const base = ownName(node.object);
    return base === 'module' || base === 'exports' || base === 'module.exports' ? `${base}.${node.property.name}` : undefined;
  }
  return undefined;
}

/** Functions the module defines at its top level, by the name it calls them with. */
function topLevelFunctions(program: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  if (program.type !== 'Program') return out;
  for (const stmt of program.body) {
    if (stmt.type === 'FunctionDeclaration' && stmt.id) out.set(stmt.id.name, stmt);
    else if (stmt.type === 'VariableDeclaration') {
      for (const d of stmt.declarations) if (d.id.type === 'Identifier' && d.init && FUNCTIONS.has(d.init.type)) out.set(d.id.name, d.init);
    } else if (stmt.type === 'ExpressionStatement' && stmt.expression.type === 'AssignmentExpression') {
      const name = ownName(stmt.expression.left);
      if (name && FUNCTIONS.has(stmt.expression.right.type)) out.set(name, stmt.expression.right);
    }
  }
  return out;
}

/**
 * Calls `visit` for every node that executes while the module loads: top-level statements,
 * immediately invoked functions, timer callbacks, and the bodies of the module's own top-level
 * functions that it calls while loading (`module.exports = function () {…}; module.exports();`).
 * Code in other functions runs only when someone calls it, and is skipped.
 */
export function walkLoadTime(program: Node, calleeName: CalleeName, visit: (node: Node, ancestors: readonly Node[]) => void): void {
  const functions = topLevelFunctions(program);
  const called = new Set<Node>();
  // First pass: what the top-level code calls by name; second pass: visit, entering those too.
  traverse(program, calleeName, called, (node) => {
    if (node.type !== 'CallExpression') return;
    const fn = functions.get(ownName(node.callee) ?? '');
    if (fn) called.add(fn);
  });
  traverse(program, calleeName, called, visit);
}

function traverse(program: Node, calleeName: CalleeName, called: ReadonlySet<Node>, visit: (node: Node, ancestors: readonly Node[]) => void): void {
  const runs = new Set<Node>(called);
  const stack: { node: Node; depth: number }[] = [{ node: program, depth: 0 }];
  const ancestors: Node[] = [];
  let seen = 0;
  while (stack.length && seen++ < MAX_NODES) {
    const { node, depth } = stack.pop()!;
    ancestors.length = depth;
    if (FUNCTIONS.has(node.type) && !runs.has(node)) continue;
    visit(node, ancestors);
    if (node.type === 'CallExpression' || node.type === 'NewExpression') {
      let fn: Node = node.callee;
      while (fn.type === 'ParenthesizedExpression') fn = fn.expression;
      // `(function () {…}).call(this)` runs right away as well.
      if (fn.type === 'MemberExpression' && !fn.computed && fn.property.type === 'Identifier' && /^(?:call|apply)$/.test(fn.property.name)) fn = fn.object;
      while (fn.type === 'ParenthesizedExpression') fn = fn.expression;
      if (FUNCTIONS.has(fn.type)) runs.add(fn);
      const name = calleeName(node);
      if (name && DEFERRED.has(name) && node.arguments[0] && FUNCTIONS.has(node.arguments[0].type)) runs.add(node.arguments[0]);
      // A UMD wrapper calls its factory argument right away.
      if (FUNCTIONS.has(fn.type)) for (const a of node.arguments) if (FUNCTIONS.has(a.type)) runs.add(a);
    }
    ancestors.push(node);
    const kids = childNodes(node);
    for (let i = kids.length - 1; i >= 0; i--) stack.push({ node: kids[i]!, depth: depth + 1 });
  }
}
