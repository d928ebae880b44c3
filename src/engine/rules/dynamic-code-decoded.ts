import type { Node } from '@babel/types';
import { enclosingFunction, isFunctionNode, mayBeNamed, rawOf } from '../analysis/helpers/concealment-ast';
import { dangerousContent, indicatorsIn, quote } from '../analysis/helpers/concealment-content';
import { DECODER_LAST_NAMES, DECODERS, strongDecoder } from '../analysis/helpers/concealment-decoders';
import type { Indicator, Rule, Severity } from '../analysis/types';

/** Calls that run a string as code, and which argument holds the code. */
const EVALUATORS = new Map<string, 'first' | 'last'>([
  ['eval', 'first'], ['Function', 'last'], ['AsyncFunction', 'last'],
  ['vm.runInNewContext', 'first'], ['vm.runInThisContext', 'first'], ['vm.runInContext', 'first'], ['vm.Script', 'first'],
  ['vm.compileFunction', 'first'], ['vm.SourceTextModule', 'first'], ['setTimeout', 'first'], ['setInterval', 'first'],
  ['execScript', 'first'],
]);
const TIMERS = new Set(['setTimeout', 'setInterval']);
/** Calls worth naming: evaluators, decoders, Worker; `_compile` and `.constructor(...)` are matched syntactically. */
const LAST_NAMES = new Set([...[...EVALUATORS.keys()].map((n) => n.slice(n.lastIndexOf('.') + 1)), ...DECODER_LAST_NAMES, 'Worker', '_compile', 'constructor']);
const ESCAPE = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{[0-9a-fA-F]+\})/g;
const PACKER_PARAMS = ['p', 'a', 'c', 'k', 'e'];
/** Obfuscator marks inside an evaluated string: `_0x` names, octal arithmetic, hex escapes. */
const OBFUSCATION_MARKS = /_0x[0-9a-f]{4,6}\b|\(0[oO][0-7]+\s*[-+%^]\s*(?:0[xXoO]?[0-9a-fA-F]+|\d+)\)|\\x[0-9a-fA-F]{2}/g;

interface Learned {
  decoder: string;
  /** The function (or file) the name is declared in: only calls inside it can see the name. */
  scope: Node;
}

interface Waiter {
  scopes: ReadonlySet<Node>;
  fire: (name: string, decoder: string) => void;
}

/**
 * Code built by decoding data and then run: the core of "encoded payload then eval". Running a
 * string is a capability many bundlers have; running a string that came out of base64, hex,
 * char codes, a packer or a local decoding function is what droppers do.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'dynamic-code-decoded',
    kind: 'threat',
    category: 'dynamic-code',
    severity: 'high',
    specificity: 'high',
    description: 'Evaluates code that was decoded from base64, hex, char codes, escapes, a packer or compressed data.',
    skip: { typeDeclaration: true },
  },
  create(context) {
    // Names bound to decoded values, and local functions that decode: learned as the walk meets
    // them, with callbacks for evaluations seen before the declaration (hoisted functions).
    const learned = new Map<string, Learned[]>();
    const waiting = new Map<string, Waiter[]>();

    const learn = (name: string, decoder: string, scope: Node) => {
      const list = learned.get(name);
      if (list) {
        if (list.some((l) => l.scope === scope)) return;
        list.push({ decoder, scope });
      } else learned.set(name, [{ decoder, scope }]);
      const waiters = waiting.get(name);
      if (!waiters) return;
      const rest = waiters.filter((w) => {
        if (!w.scopes.has(scope)) return true;
        w.fire(name, decoder);
        return false;
      });
      if (rest.length) waiting.set(name, rest);
      else waiting.delete(name);
    };
    const lookup = (name: string, scopes: ReadonlySet<Node>) => learned.get(name)?.find((l) => scopes.has(l.scope));
    const wait = (names: string[], scopes: ReadonlySet<Node>, fire: (name: string, decoder: string) => void) => {
      let done = false;
      const once = (name: string, decoder: string) => {
        if (done) return;
        done = true;
        fire(name, decoder);
      };
      for (const name of names) {
        const list = waiting.get(name);
        if (list) list.push({ scopes, fire: once });
        else waiting.set(name, [{ scopes, fire: once }]);
      }
    };
    const scopeAbove = (ancestors: readonly Node[], index: number): Node => {
      for (let i = index - 1; i >= 0; i--) if (isFunctionNode(ancestors[i])) return ancestors[i]!;
      return ancestors[0] ?? ancestors[index]!;
    };

    /** A decoder call directly inside the evaluated expression. */
    const decodedCall = (node: Node | null | undefined, depth = 0): string | undefined => {
      if (!node || depth > 6) return undefined;
      switch (node.type) {
        case 'CallExpression':
        case 'NewExpression': {
          const name = context.calleeName(node);
          if (name && DECODERS.has(name)) return name;
          if (node.callee.type === 'MemberExpression') {
            const inner = decodedCall(node.callee.object, depth + 1);
            if (inner) return inner;
          }
          for (const arg of node.arguments) {
            const inner = decodedCall(arg as Node, depth + 1);
            if (inner) return inner;
          }
          return undefined;
        }
        case 'BinaryExpression':
          return decodedCall(node.left as Node, depth + 1) ?? decodedCall(node.right, depth + 1);
        case 'TemplateLiteral':
          for (const e of node.expressions) {
            const inner = decodedCall(e as Node, depth + 1);
            if (inner) return inner;
          }
          return undefined;
        case 'AwaitExpression':
          return decodedCall(node.argument, depth + 1);
        case 'ParenthesizedExpression':
          return decodedCall(node.expression, depth + 1);
        default:
          return undefined;
      }
    };

    /** Identifiers and local function names the evaluated expression is made of. */
    const referencedNames = (node: Node | null | undefined, out: string[], depth = 0): string[] => {
      if (!node || depth > 6 || out.length > 8) return out;
      switch (node.type) {
        case 'Identifier':
          out.push(`var:${node.name}`);
          break;
        case 'CallExpression':
          if (node.callee.type === 'Identifier') out.push(`fn:${node.callee.name}`);
          else if (node.callee.type === 'MemberExpression') referencedNames(node.callee.object, out, depth + 1);
          for (const arg of node.arguments) if (arg.type === 'CallExpression') referencedNames(arg, out, depth + 1);
          break;
        case 'BinaryExpression':
          referencedNames(node.left as Node, out, depth + 1);
          referencedNames(node.right, out, depth + 1);
          break;
        case 'TemplateLiteral':
          for (const e of node.expressions) referencedNames(e as Node, out, depth + 1);
          break;
        case 'AwaitExpression':
          referencedNames(node.argument, out, depth + 1);
          break;
        case 'ParenthesizedExpression':
          referencedNames(node.expression, out, depth + 1);
          break;
        default:
          break;
      }
      return out;
    };

    const isPacker = (code: Node): boolean => {
      if (code.type !== 'CallExpression' || code.callee.type !== 'FunctionExpression') return false;
      const params = code.callee.params.map((p) => (p.type === 'Identifier' ? p.name : ''));
      return params.length >= 5 && PACKER_PARAMS.every((p, i) => params[i] === p);
    };

    const onlyLiterals = (node: Node): boolean =>
      node.type === 'StringLiteral' ||
      (node.type === 'TemplateLiteral' && node.expressions.length === 0) ||
      (node.type === 'BinaryExpression' && node.operator === '+' && onlyLiterals(node.left as Node) && onlyLiterals(node.right));

    const evaluatorOf = (node: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>, name: string | undefined): { name: string; code: Node | undefined } | undefined => {
      const callee = node.callee;
      // `x._compile(code, file)`: Module.prototype._compile, how loaders run a string as a module.
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === '_compile' && node.arguments.length >= 1) {
        return { name: 'Module._compile', code: node.arguments[0] as Node };
      }
      // `[].constructor.constructor(code)`, `(() => {}).constructor(code)`: Function without naming it.
      if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && callee.property.name === 'constructor') {
        const obj = callee.object;
        const viaConstructor = obj.type === 'MemberExpression' && !obj.computed && obj.property.type === 'Identifier' && obj.property.name === 'constructor';
        if (viaConstructor || isFunctionNode(obj)) return { name: 'Function (via .constructor)', code: node.arguments[node.arguments.length - 1] as Node | undefined };
      }
      if (!name) return undefined;
      if (name === 'worker_threads.Worker') {
        const options = node.arguments[1];
        const evalOption = options?.type === 'ObjectExpression' && options.properties.some((p) => p.type === 'ObjectProperty' && !p.computed && p.key.type === 'Identifier' && p.key.name === 'eval' && p.value.type === 'BooleanLiteral' && p.value.value);
        return evalOption ? { name: 'new Worker(…, { eval: true })', code: node.arguments[0] as Node } : undefined;
      }
      const position = EVALUATORS.get(name);
      if (!position) return undefined;
      const code = position === 'first' ? node.arguments[0] : node.arguments[node.arguments.length - 1];
      return { name, code: code as Node | undefined };
    };

    const check = (node: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>, calleeName: string | undefined) => {
      const evaluator = evaluatorOf(node, calleeName);
      if (!evaluator?.code) return;
      const { name } = evaluator;
      const code = evaluator.code;
      if (code.type === 'ArrowFunctionExpression' || code.type === 'FunctionExpression' || code.type === 'SpreadElement') return;
      const value = context.evaluate(code);
      const indicators: Indicator[] = typeof value === 'string' ? indicatorsIn(value) : [];
      // When the decoded program is known and starts processes, opens sockets or reads secrets,
      // decode + eval + capability are all in one call: critical.
      const danger = typeof value === 'string' ? dangerousContent(value) : undefined;
      const extra = { ...(indicators.length ? { indicators } : {}), ...(danger ? { severity: 'critical' as Severity } : {}) };
      const uses = danger ? ` (the decoded code uses ${danger})` : '';

      const decoder = decodedCall(code);
      if (decoder) {
        context.report({ node, message: `Runs code produced by ${decoder}(...) through ${name}: a decoded payload is executed${uses}.`, ...extra });
        return;
      }
      if (isPacker(code)) {
        context.report({ node, message: `Runs packed code through ${name}: the program is unpacked by an inline p,a,c,k,e,d function and executed.` });
        return;
      }
      if (code.type === 'StringLiteral') {
        const escapes = rawOf(code, context.text).match(ESCAPE)?.length ?? 0;
        if (escapes >= 8 && escapes * 2 >= code.value.length) {
          context.report({ node, message: `Runs code written entirely as \\x/\\u escapes through ${name}${uses}: ${quote(code.value, 60)}.`, ...extra });
        } else if (code.value.length >= 500) {
          // A whole obfuscated program carried in one string literal (JS-Confuser "eval" mode).
          OBFUSCATION_MARKS.lastIndex = 0;
          let marks = 0;
          while (marks < 10 && OBFUSCATION_MARKS.exec(code.value)) marks++;
          if (marks >= 10) context.report({ node, message: `Runs an obfuscated program of ${code.value.length} characters, embedded in a string literal, through ${name}.` });
        }
        return;
      }
      // `eval(code)` where `code` was decoded earlier, or `eval(decode(x))` with a local decoder.
      // A timer given a name is given a function, not code.
      const names = TIMERS.has(name) && code.type === 'Identifier' ? [] : referencedNames(code, []);
      const ancestors = context.ancestors();
      const scopes = new Set<Node>(ancestors);
      let reported = false;
      const fire = (key: string, decoder: string) => {
        if (reported) return;
        reported = true;
        const viaCall = key.startsWith('fn:');
        const ref = key.slice(key.indexOf(':') + 1);
        context.report({
          node,
          message: viaCall
            ? `Runs code returned by ${ref}(), a local decoding function (${decoder}), through ${name}.`
            : `Runs ${ref}, a value decoded with ${decoder}, through ${name}.`,
          ...extra,
        });
      };
      for (const ref of names) {
        const hit = lookup(ref, scopes);
        if (hit) {
          fire(ref, hit.decoder);
          return;
        }
      }
      // Code assembled from pieces (joined, reversed, concatenated variables) that turns out to
      // start processes or open sockets; honest code generation assembles harmless wrappers.
      if (typeof value === 'string' && danger && !onlyLiterals(code) && !TIMERS.has(name)) {
        reported = true;
        context.report({ node, message: `Runs code assembled from hidden pieces through ${name} (it uses ${danger}): ${quote(value)}`, ...extra });
        return;
      }
      if (names.length) wait(names, scopes, fire);
    };

    /** A decoder call: teaches us a decoded variable or a decoding function. */
    const onDecoder = (node: Node, calleeName: string | undefined) => {
      if (!calleeName) return;
      const decoder = strongDecoder(node, context.calleeName, context.evaluate, calleeName);
      if (!decoder) return;
      const ancestors = context.ancestors();
      // `const code = atob(x)` (no function in between): a decoded variable.
      for (let i = ancestors.length - 1; i >= 0; i--) {
        const a = ancestors[i]!;
        if (isFunctionNode(a)) break;
        if (a.type === 'VariableDeclarator' && a.id.type === 'Identifier') {
          learn(`var:${a.id.name}`, decoder, scopeAbove(ancestors, i));
          break;
        }
        if (a.type === 'AssignmentExpression' && a.left.type === 'Identifier') {
          learn(`var:${a.left.name}`, decoder, scopeAbove(ancestors, i));
          break;
        }
      }
      // A decoder inside `function decode(s) {...}`: calls of `decode` produce decoded text.
      let seen = 0;
      for (let i = ancestors.length - 1; i >= 0 && seen < 3; i--) {
        const a = ancestors[i]!;
        if (!isFunctionNode(a)) continue;
        seen++;
        const named = enclosingFunction(ancestors.slice(0, i + 1));
        if (named?.name) {
          learn(`fn:${named.name}`, decoder, scopeAbove(ancestors, i));
          break;
        }
      }
    };

    /** `const code = decode(x)` / `code = decode(x)` with a local decoder declared anywhere in scope. */
    const onBinding = (name: string, init: Node | null | undefined, index: number) => {
      if (!init) return;
      let call: Node = init;
      while (call.type === 'CallExpression' && call.callee.type === 'MemberExpression') call = call.callee.object;
      if (call.type === 'AwaitExpression') call = call.argument;
      if (call.type !== 'CallExpression' || call.callee.type !== 'Identifier') return;
      const ancestors = context.ancestors();
      const scope = scopeAbove(ancestors, index);
      const fn = `fn:${call.callee.name}`;
      const scopes = new Set<Node>(ancestors);
      const hit = lookup(fn, scopes);
      if (hit) learn(`var:${name}`, hit.decoder, scope);
      else wait([fn], scopes, (_ref, decoder) => learn(`var:${name}`, decoder, scope));
    };

    const importOfDataUrl = (node: Node, source: Node | undefined) => {
      if (!source) return;
      const raw = rawOf(source, context.text).slice(0, 200);
      const value = context.evaluate(source);
      const head = typeof value === 'string' ? value.slice(0, 60) : raw;
      if (/data:(?:text|application)\/(?:javascript|ecmascript)/i.test(head)) {
        context.report({ node, message: 'Imports a data: URL as a JavaScript module: the module source is embedded (usually base64) and executed.' });
      }
    };

    return {
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        if (node.callee.type === 'Import') {
          importOfDataUrl(node, node.arguments[0] as Node | undefined);
          return;
        }
        if (!mayBeNamed(node, LAST_NAMES)) return;
        const name = context.calleeName(node);
        check(node, name);
        onDecoder(node, name);
      },
      NewExpression: (n) => {
        const node = n as Extract<Node, { type: 'NewExpression' }>;
        if (!mayBeNamed(node, LAST_NAMES)) return;
        const name = context.calleeName(node);
        check(node, name);
        onDecoder(node, name);
      },
      ImportExpression: (n) => importOfDataUrl(n, (n as Extract<Node, { type: 'ImportExpression' }>).source),
      VariableDeclarator: (n) => {
        const node = n as Extract<Node, { type: 'VariableDeclarator' }>;
        if (node.id.type === 'Identifier') onBinding(node.id.name, node.init, context.ancestors().length);
      },
      AssignmentExpression: (n) => {
        const node = n as Extract<Node, { type: 'AssignmentExpression' }>;
        if (node.left.type === 'Identifier' && node.operator === '=') onBinding(node.left.name, node.right, context.ancestors().length);
      },
    };
  },
};

export default rule;
