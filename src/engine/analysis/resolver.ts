import type { Node } from '@babel/types';
import type { StaticValue } from './types';
import { FlatTree } from './walk';

/**
 * Sees through the cheap indirection malware uses to hide API names and strings: aliases of
 * require/import, computed members with constant keys, concatenation, base64/hex/char-code
 * decoding. Scope-light on purpose: a name declared once in a file and never reassigned is
 * resolved; anything ambiguous is left unresolved (undefined), never guessed.
 */

interface Binding {
  /** The initialiser, for `const x = <init>`; for destructuring, the object it came from. */
  init?: Node;
  /** For `const { key: x } = init`. */
  key?: string;
  /** For `import`: the canonical name the binding refers to. */
  imported?: string;
  ambiguous: boolean;
}

const MAX_DEPTH = 24;
const WRAPPER_PARAMS = new Set(['require', 'module', 'exports']);
const MAX_STRING = 200_000;

/** Names that mean the global object; `global.process` is just `process`. */
const GLOBAL_OBJECTS = new Set(['global', 'globalThis', 'window', 'self', 'frames']);
/** Free identifiers worth naming when nothing in the file shadows them. */
const KNOWN_GLOBALS = new Set([
  'process', 'Buffer', 'eval', 'Function', 'fetch', 'require', 'module', 'exports', 'XMLHttpRequest', 'WebSocket', 'atob', 'btoa',
  'setTimeout', 'setInterval', 'setImmediate', 'console', 'JSON', 'String', 'Object', 'Reflect', 'navigator', 'document', 'location',
  'localStorage', 'sessionStorage', 'crypto', 'Proxy', 'Symbol', 'Array', 'Math', 'Date', 'RegExp', 'escape', 'unescape',
  'decodeURIComponent', 'encodeURIComponent', 'decodeURI', 'importScripts', 'Deno', 'Bun', 'chrome', 'ethereum', 'solana',
  ...GLOBAL_OBJECTS,
]);

export class Resolver {
  private readonly bindings = new Map<string, Binding>();
  /** Per file (the resolver lives as long as one file's analysis): a plain map is cheaper than a WeakMap. */
  private readonly values = new Map<Node, StaticValue | typeof UNRESOLVED>();
  /** Many rules ask for the name of the same call; compute it once per node. */
  private readonly callees = new Map<Node, string | undefined>();

  /** A resolver that has observed every node of `root` (the analyser feeds it the flat tree it already has). */
  static forTree(root: Node): Resolver {
    const resolver = new Resolver();
    resolver.observeAll(FlatTree.of(root).nodes);
    return resolver;
  }

  evaluate(node: Node | null | undefined, depth = 0): StaticValue {
    if (!node || depth > MAX_DEPTH) return undefined;
    const cached = this.values.get(node);
    if (cached !== undefined) return cached === UNRESOLVED ? undefined : cached;
    const value = this.compute(node, depth);
    this.values.set(node, value === undefined ? UNRESOLVED : value);
    return value;
  }

  evaluateString(node: Node | null | undefined): string | undefined {
    const v = this.evaluate(node);
    return typeof v === 'string' ? v : undefined;
  }

  nameOf(node: Node | null | undefined, depth = 0): string | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case 'Identifier': {
        const binding = this.bindings.get(node.name);
        if (!binding) return KNOWN_GLOBALS.has(node.name) ? node.name : undefined;
        if (binding.ambiguous) return undefined;
        if (binding.imported) return binding.imported;
        if (binding.key !== undefined) {
          const base = this.nameOf(binding.init, depth + 1);
          return base ? normaliseName(`${base}.${binding.key}`) : undefined;
        }
        return this.nameOf(binding.init, depth + 1);
      }
      case 'MemberExpression':
      case 'OptionalMemberExpression': {
        const base = this.nameOf(node.object, depth + 1);
        if (!base) return undefined;
        const key = node.computed ? this.evaluate(node.property, depth + 1) : node.property.type === 'Identifier' ? node.property.name : undefined;
        if (typeof key !== 'string' && typeof key !== 'number') return undefined;
        return normaliseName(`${base}.${key}`);
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        // require('x') / process.mainModule.require('x') / module.require('x') name the module itself.
        const callee = this.nameOf(node.callee, depth + 1);
        if ((callee === 'require' || node.callee.type === 'Import') && node.arguments[0]) {
          const spec = this.evaluate(node.arguments[0], depth + 1);
          return typeof spec === 'string' ? moduleName(spec) : undefined;
        }
        return undefined;
      }
      case 'ImportExpression': {
        const spec = this.evaluate(node.source, depth + 1);
        return typeof spec === 'string' ? moduleName(spec) : undefined;
      }
      case 'AwaitExpression':
        return this.nameOf(node.argument, depth + 1);
      case 'SequenceExpression':
        return this.nameOf(node.expressions[node.expressions.length - 1], depth + 1);
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TypeCastExpression':
        return this.nameOf(node.expression, depth + 1);
      case 'ThisExpression':
        return undefined;
      default:
        return undefined;
    }
  }

  /** The called function's name, seeing through `.call/.apply/.bind`, `Reflect.apply(f, ...)` and `(0, f)(...)`. */
  calleeName(node: Node): string | undefined {
    if (this.callees.has(node)) return this.callees.get(node);
    const name = this.computeCalleeName(node);
    this.callees.set(node, name);
    return name;
  }

  private computeCalleeName(node: Node): string | undefined {
    if (node.type !== 'CallExpression' && node.type !== 'OptionalCallExpression' && node.type !== 'NewExpression') return undefined;
    const callee = node.callee;
    if (callee.type === 'MemberExpression' || callee.type === 'OptionalMemberExpression') {
      const key = callee.computed ? this.evaluate(callee.property) : callee.property.type === 'Identifier' ? callee.property.name : undefined;
      if (key === 'call' || key === 'apply' || key === 'bind') {
        const target = this.nameOf(callee.object);
        if (target && target !== 'Reflect') return target;
      }
    }
    const name = this.nameOf(callee);
    if (name === 'Reflect.apply' && node.arguments[0]) return this.nameOf(node.arguments[0]);
    return name;
  }

  private compute(node: Node, depth: number): StaticValue {
    switch (node.type) {
      case 'StringLiteral':
        return node.value;
      case 'NumericLiteral':
        return node.value;
      case 'BooleanLiteral':
        return node.value;
      case 'NullLiteral':
        return null;
      case 'TemplateLiteral': {
        let out = node.quasis[0]?.value.cooked ?? '';
        for (let i = 0; i < node.expressions.length; i++) {
          const v = this.evaluate(node.expressions[i], depth + 1);
          if (v === undefined || typeof v === 'object') return undefined;
          out += String(v) + (node.quasis[i + 1]?.value.cooked ?? '');
          if (out.length > MAX_STRING) return undefined;
        }
        return out;
      }
      case 'BinaryExpression': {
        if (node.operator !== '+') return undefined;
        const left = this.evaluate(node.left, depth + 1);
        if (left === undefined) return undefined;
        const right = this.evaluate(node.right, depth + 1);
        if (right === undefined) return undefined;
        if (typeof left === 'number' && typeof right === 'number') return left + right;
        const joined = String(left) + String(right);
        return joined.length > MAX_STRING ? undefined : joined;
      }
      case 'Identifier': {
        const binding = this.bindings.get(node.name);
        if (!binding || binding.ambiguous || binding.key !== undefined || binding.imported) return undefined;
        return this.evaluate(binding.init, depth + 1);
      }
      case 'ParenthesizedExpression':
      case 'TSAsExpression':
      case 'TSNonNullExpression':
      case 'TSSatisfiesExpression':
      case 'TypeCastExpression':
        return this.evaluate(node.expression, depth + 1);
      case 'SequenceExpression':
        return this.evaluate(node.expressions[node.expressions.length - 1], depth + 1);
      case 'MemberExpression': {
        // `'abc'.length`, `arr[2]` over a constant array (obfuscators' string tables).
        const key = node.computed ? this.evaluate(node.property, depth + 1) : node.property.type === 'Identifier' ? node.property.name : undefined;
        const array = this.arrayOf(node.object, depth + 1);
        if (array && typeof key === 'number') return this.evaluate(array[key], depth + 1);
        const base = this.evaluate(node.object, depth + 1);
        if (typeof base === 'string' && key === 'length') return base.length;
        // String tables indexed one character at a time: `alphabet[12] + alphabet[3]`.
        if (typeof base === 'string' && typeof key === 'number' && Number.isInteger(key) && key >= 0 && key < base.length) return base[key];
        return undefined;
      }
      case 'CallExpression':
        return this.evaluateCall(node, depth);
      default:
        return undefined;
    }
  }

  private evaluateCall(node: Extract<Node, { type: 'CallExpression' }>, depth: number): StaticValue {
    const callee = node.callee;
    const args = node.arguments;
    const name = this.nameOf(callee, depth + 1);
    const str = (i: number) => {
      const v = this.evaluate(args[i], depth + 1);
      return typeof v === 'string' ? v : undefined;
    };
    if (name === 'atob' || name === 'window.atob') {
      const s = str(0);
      return s !== undefined ? decodeBase64(s) : undefined;
    }
    if (name === 'String.fromCharCode' || name === 'String.fromCodePoint') {
      const codes = args.map((a) => this.evaluate(a, depth + 1));
      if (!codes.every((c): c is number => typeof c === 'number' && c >= 0 && c <= 0x10ffff)) return undefined;
      return name === 'String.fromCharCode' ? String.fromCharCode(...codes) : String.fromCodePoint(...codes);
    }
    if (name === 'decodeURIComponent' || name === 'unescape' || name === 'decodeURI') {
      const s = str(0);
      try {
        return s === undefined ? undefined : name === 'unescape' ? unescape(s) : decodeURIComponent(s);
      } catch {
        return undefined;
      }
    }
    if (callee.type !== 'MemberExpression') return undefined;
    const method = callee.computed ? this.evaluate(callee.property, depth + 1) : callee.property.type === 'Identifier' ? callee.property.name : undefined;
    if (method === 'toString' && callee.object.type === 'CallExpression') {
      // Buffer.from(x, 'base64' | 'hex').toString()
      const inner = callee.object;
      if (this.nameOf(inner.callee, depth + 1) === 'Buffer.from') {
        const data = this.evaluate(inner.arguments[0], depth + 1);
        const encoding = inner.arguments[1] ? this.evaluate(inner.arguments[1], depth + 1) : 'utf8';
        if (typeof data === 'string' && typeof encoding === 'string') return decodeBuffer(data, encoding);
        const bytes = this.arrayOf(inner.arguments[0], depth + 1)?.map((b) => this.evaluate(b, depth + 1));
        if (bytes && bytes.every((b): b is number => typeof b === 'number')) return Buffer.from(bytes).toString('utf8');
      }
      return undefined;
    }
    if (method === 'join') {
      const sep = args[0] ? this.evaluate(args[0], depth + 1) : ',';
      if (typeof sep !== 'string') return undefined;
      const parts = this.stringArray(callee.object, depth + 1);
      return parts?.join(sep);
    }
    if (method === 'concat') {
      const base = this.evaluate(callee.object, depth + 1);
      const rest = args.map((a) => this.evaluate(a, depth + 1));
      if (typeof base !== 'string' || rest.some((r) => r === undefined || typeof r === 'object')) return undefined;
      return base + rest.join('');
    }
    if (method === 'charAt') {
      const base = this.evaluate(callee.object, depth + 1);
      const index = args[0] ? this.evaluate(args[0], depth + 1) : 0;
      return typeof base === 'string' && typeof index === 'number' ? base.charAt(index) : undefined;
    }
    if (method === 'toLowerCase' || method === 'toUpperCase' || method === 'trim') {
      const base = this.evaluate(callee.object, depth + 1);
      return typeof base === 'string' ? base[method]() : undefined;
    }
    return undefined;
  }

  /** Elements of an array expression, directly or through a once-bound identifier. */
  private arrayOf(node: Node | null | undefined, depth: number): (Node | null)[] | undefined {
    if (!node || depth > MAX_DEPTH) return undefined;
    if (node.type === 'ArrayExpression') return node.elements as (Node | null)[];
    if (node.type === 'Identifier') {
      const b = this.bindings.get(node.name);
      if (b && !b.ambiguous && b.key === undefined && !b.imported) return this.arrayOf(b.init, depth + 1);
    }
    return undefined;
  }

  /** A constant array of strings, including `'abc'.split('')` and `.reverse()` of one. */
  private stringArray(node: Node, depth: number): string[] | undefined {
    if (depth > MAX_DEPTH) return undefined;
    const elements = this.arrayOf(node, depth);
    if (elements) {
      const values = elements.map((e) => this.evaluate(e, depth + 1));
      return values.every((v): v is string | number => typeof v === 'string' || typeof v === 'number') ? values.map(String) : undefined;
    }
    if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression') {
      const method = node.callee.computed ? this.evaluate(node.callee.property, depth + 1) : node.callee.property.type === 'Identifier' ? node.callee.property.name : undefined;
      if (method === 'reverse') return this.stringArray(node.callee.object, depth + 1)?.reverse();
      if (method === 'split') {
        const base = this.evaluate(node.callee.object, depth + 1);
        const sep = node.arguments[0] ? this.evaluate(node.arguments[0], depth + 1) : undefined;
        if (typeof base === 'string' && typeof sep === 'string') return base.split(sep);
      }
    }
    return undefined;
  }

  /** Records every declaration among `nodes` (a whole file's), skipping the types that declare nothing. */
  observeAll(nodes: readonly Node[]): void {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i]!;
      if (DECLARING_TYPES.has(node.type)) this.observe(node);
    }
  }

  /** Records what one node declares. Call for every node of the file before resolving anything. */
  observe(node: Node): void {
    switch (node.type) {
      case 'VariableDeclarator':
        if (node.id.type === 'Identifier') this.declare(node.id.name, node.init ? { init: node.init } : {});
        else if (node.id.type === 'ObjectPattern' && node.init) {
          for (const prop of node.id.properties) {
            if (prop.type !== 'ObjectProperty') continue;
            const key = prop.computed ? undefined : prop.key.type === 'Identifier' ? prop.key.name : prop.key.type === 'StringLiteral' ? prop.key.value : undefined;
            const local = prop.value.type === 'Identifier' ? prop.value.name : prop.value.type === 'AssignmentPattern' && prop.value.left.type === 'Identifier' ? prop.value.left.name : undefined;
            if (local) this.declare(local, key !== undefined ? { init: node.init, key } : {});
          }
        } else markPatternAmbiguous(node.id, (n) => this.declare(n, {}));
        break;
      case 'ImportDeclaration': {
        const module = moduleName(node.source.value);
        for (const spec of node.specifiers) {
          if (spec.type === 'ImportSpecifier') {
            const imported = spec.imported.type === 'Identifier' ? spec.imported.name : spec.imported.value;
            this.declare(spec.local.name, { imported: imported === 'default' ? module : `${module}.${imported}` });
          } else this.declare(spec.local.name, { imported: module });
        }
        break;
      }
      case 'FunctionDeclaration':
        if (node.id) this.declare(node.id.name, {});
        for (const p of node.params) markPatternAmbiguous(p, this.declareParam);
        break;
      case 'ClassDeclaration':
        if (node.id) this.declare(node.id.name, {});
        break;
      case 'AssignmentExpression':
        if (node.left.type === 'Identifier') {
          const existing = this.bindings.get(node.left.name);
          if (existing) existing.ambiguous = true;
          else this.declare(node.left.name, node.operator === '=' ? { init: node.right } : {});
        }
        break;
      case 'UpdateExpression':
        if (node.argument.type === 'Identifier') {
          const existing = this.bindings.get(node.argument.name);
          if (existing) existing.ambiguous = true;
        }
        break;
      case 'FunctionExpression':
      case 'ArrowFunctionExpression':
      case 'ObjectMethod':
      case 'ClassMethod':
        // Parameters shadow globals: never name them. Except the module wrapper's own
        // `require, module, exports` (browserify, CommonJS wrappers), which are the real thing.
        for (const p of node.params) markPatternAmbiguous(p, this.declareParam);
        break;
      case 'CatchClause':
        if (node.param) markPatternAmbiguous(node.param, (n) => this.declare(n, {}));
        break;
      default:
        break;
    }
  }

  private declare(name: string, binding: Omit<Binding, 'ambiguous'>): void {
    const existing = this.bindings.get(name);
    if (existing) existing.ambiguous = true;
    else this.bindings.set(name, { ...binding, ambiguous: false });
  }

  private readonly declareParam = (name: string): void => {
    if (!WRAPPER_PARAMS.has(name)) this.declare(name, {});
  };
}

const UNRESOLVED = Symbol('unresolved');
/** The node types `observe` reads (keep in step with its switch). */
const DECLARING_TYPES = new Set<string>([
  'VariableDeclarator', 'ImportDeclaration', 'FunctionDeclaration', 'ClassDeclaration', 'AssignmentExpression', 'UpdateExpression',
  'FunctionExpression', 'ArrowFunctionExpression', 'ObjectMethod', 'ClassMethod', 'CatchClause',
]);

function markPatternAmbiguous(pattern: Node, declare: (name: string) => void): void {
  const stack: Node[] = [pattern];
  while (stack.length) {
    const p = stack.pop()!;
    if (p.type === 'Identifier') declare(p.name);
    else if (p.type === 'AssignmentPattern') stack.push(p.left);
    else if (p.type === 'RestElement') stack.push(p.argument);
    else if (p.type === 'ArrayPattern') for (const e of p.elements) { if (e) stack.push(e); }
    else if (p.type === 'ObjectPattern') for (const prop of p.properties) stack.push(prop.type === 'RestElement' ? prop.argument : (prop.value as Node));
    else if (p.type === 'TSParameterProperty') stack.push(p.parameter);
  }
}

/** `node:child_process` and `child_process` are the same module. */
export function moduleName(spec: string): string {
  return spec.startsWith('node:') ? spec.slice(5) : spec;
}

/** `global.process.env` -> `process.env`; `process.mainModule.require` -> `require`. */
export function normaliseName(name: string): string {
  let out = name;
  for (;;) {
    const dot = out.indexOf('.');
    if (dot > 0 && GLOBAL_OBJECTS.has(out.slice(0, dot))) out = out.slice(dot + 1);
    else break;
  }
  if (out === 'process.mainModule.require' || out === 'module.require' || out === 'module.constructor._load') return 'require';
  return out;
}

function decodeBase64(s: string): string | undefined {
  const clean = s.replace(/\s+/g, '');
  if (!/^[A-Za-z0-9+/_-]*={0,2}$/.test(clean)) return undefined;
  return Buffer.from(clean, 'base64').toString('utf8');
}

function decodeBuffer(data: string, encoding: string): string | undefined {
  switch (encoding.toLowerCase()) {
    case 'base64':
    case 'base64url':
      return decodeBase64(data);
    case 'hex':
      return /^(?:[0-9a-fA-F]{2})*$/.test(data) ? Buffer.from(data, 'hex').toString('utf8') : undefined;
    case 'utf8':
    case 'utf-8':
    case 'latin1':
    case 'binary':
    case 'ascii':
      return data;
    default:
      return undefined;
  }
}
