import type { Node } from '@babel/types';
import { enclosingFunction, isFunctionNode, mayBeNamed, rawOf } from '../analysis/helpers/concealment-ast';
import { isSensitiveName } from '../analysis/helpers/concealment-content';
import { DECODER_LAST_NAMES, strongDecoder } from '../analysis/helpers/concealment-decoders';
import type { Rule, Severity } from '../analysis/types';

/** APIs worth hiding: running code, loading modules, starting processes, reaching the environment. */
const DANGEROUS = new Set([
  'eval', 'Function', 'require', 'process.mainModule', 'process.binding', 'process.dlopen', 'process.env', 'module.constructor',
  'child_process', 'vm', 'child_process.exec', 'child_process.execSync', 'child_process.spawn', 'child_process.spawnSync',
  'child_process.execFile', 'child_process.execFileSync', 'child_process.fork', 'vm.runInThisContext', 'vm.runInNewContext',
  'vm.runInContext', 'vm.Script', 'vm.compileFunction', 'fs.writeFileSync', 'fs.writeFile', 'fs.chmodSync', 'http.request', 'https.request',
  'http.get', 'https.get', 'net.connect', 'net.Socket', 'dns.lookup', 'os.hostname', 'os.userInfo', 'os.homedir', 'os.networkInterfaces',
]);
/** Callee name endings this rule acts on (require aliases, enumerators, Reflect, decoders). */
const LAST_NAMES = new Set(['require', 'keys', 'getOwnPropertyNames', 'ownKeys', 'entries', 'values', 'apply', 'construct', ...DECODER_LAST_NAMES]);
/** Modules whose keys malware enumerates to find `execSync` or `request` without writing the name. */
const ENUMERATED_MODULES = new Set(['child_process', 'vm', 'http', 'https', 'net', 'dns', 'tls', 'dgram', 'worker_threads']);
const ENUMERATORS = new Set(['Object.keys', 'Object.getOwnPropertyNames', 'Reflect.ownKeys', 'Object.entries', 'Object.values']);
/** Hiding one of these is hiding code execution itself: the capability and the concealment in one expression. */
const EXECUTION = /^(?:eval|Function|(?:node:)?child_process(?:\..+)?|(?:node:)?vm(?:\..+)?|process\.(?:binding|dlopen|mainModule)|exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)$/;
const SENSITIVE_MODULES = new Set(['child_process', 'vm', 'fs', 'http', 'https', 'net', 'dns', 'os', 'tls', 'dgram', 'worker_threads', 'module']);
const ESCAPED = /\\(?:x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|u\{)/;
/** A run-time string decoder's argument: random-looking, not a word, path or module name. */
const OPAQUE = /^[A-Za-z0-9+/=_-]{6,}$/;

/**
 * Indirection that hides which API is called: `global['ev' + 'al']`, `process[atob('ZW52')]`,
 * `require(decode('…'))`, `cp[key]` where key is a constant 'exec', `Reflect.apply(eval, …)`.
 * Generic dynamic access (`obj[name](...)` with a name from data) is everywhere and is not
 * reported: only a computed access that the resolver shows to be a dangerous API.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'hidden-api-access',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'medium',
    description: 'A dangerous API (eval, require, child_process, process.env …) reached through a computed or encoded name.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 3,
  },
  create(context) {
    const reported = new Set<string>();
    const inits = new Map<string, Node[]>();
    /** Local functions that decode (their body calls atob, Buffer.from(…, 'hex'|'base64'), …). */
    const decoderFns = new Set<string>();

    /** `decode('BgUKUQERVQ')`, directly or through a const: a name decoded at run time by a local function. */
    const runtimeDecoded = (node: Node | null | undefined, depth = 0): { fn: string; literal: string } | undefined => {
      if (!node || depth > 2) return undefined;
      // Any declaration of the name will do: the opaque-literal call shape is specific enough.
      if (node.type === 'Identifier') {
        for (const init of inits.get(node.name) ?? []) {
          const hit = runtimeDecoded(init, depth + 1);
          if (hit) return hit;
        }
        return undefined;
      }
      if (node.type !== 'CallExpression' || node.callee.type !== 'Identifier' || node.arguments.length < 1) return undefined;
      const inner = node.arguments[0]!;
      if (decoderFns.has(node.callee.name)) return { fn: node.callee.name, literal: inner.type === 'StringLiteral' ? inner.value : rawOf(inner, context.text) };
      if (inner.type !== 'StringLiteral' || !OPAQUE.test(inner.value) || !looksRandom(inner.value)) return undefined;
      return { fn: node.callee.name, literal: inner.value };
    };
    /** nameOf, falling back to any declaration of a reused minified name (`var r = require`). */
    const nameVia = (node: Node): string | undefined => {
      const direct = context.nameOf(node);
      if (direct || node.type !== 'Identifier') return direct;
      for (const init of inits.get(node.name) ?? []) {
        if (init.type !== 'Identifier' && init.type !== 'MemberExpression' && init.type !== 'CallExpression') continue;
        const name = context.nameOf(init);
        if (name) return name;
      }
      return undefined;
    };
    const report = (node: Node, key: string, severity: Severity, message: string, what?: string) => {
      if (reported.has(key)) return;
      if (what && EXECUTION.test(what) && severity === 'high') severity = 'critical';
      reported.add(key);
      context.report({ node, severity, message });
    };

    /** How the key hides the name: undefined when it is written plainly. */
    const hiding = (property: Node): string | undefined => {
      switch (property.type) {
        case 'StringLiteral':
          return ESCAPED.test(rawOf(property, context.text)) ? 'an escaped string' : undefined;
        case 'NumericLiteral':
          return undefined;
        case 'TemplateLiteral':
          return property.expressions.length ? 'a template' : undefined;
        case 'BinaryExpression':
          return 'a concatenation';
        case 'CallExpression':
          return 'a decoded string';
        case 'Identifier':
          return `the variable ${property.name}`;
        case 'MemberExpression':
          return 'a table lookup';
        default:
          return 'a computed key';
      }
    };

    const moduleArgumentHidden = (arg: Node): string | undefined => {
      if (arg.type === 'StringLiteral') return ESCAPED.test(rawOf(arg, context.text)) ? 'an escaped string' : undefined;
      if (arg.type === 'TemplateLiteral' && !arg.expressions.length) return undefined;
      const value = context.evaluate(arg);
      if (typeof value === 'string') {
        const mod = value.startsWith('node:') ? value.slice(5) : value;
        if (!SENSITIVE_MODULES.has(mod)) return undefined;
        let shape: Node = arg;
        if (arg.type === 'Identifier') {
          // `const m = 'fs'; require(m)` is named, just not inline; `const m = ['child', 'process'].join('_')` is not.
          const init = inits.get(arg.name)?.[0];
          if (!init || init.type === 'StringLiteral' || (init.type === 'TemplateLiteral' && !init.expressions.length)) return undefined;
          shape = init;
        }
        return shape.type === 'BinaryExpression' || shape.type === 'TemplateLiteral' ? 'a concatenation' : 'a computed string';
      }
      return undefined;
    };

    /** The resolver's value, or `x.atob('…')` on an object it cannot name (`g = globalThis || this`). */
    const decodedKey = (node: Node, depth = 0): string | undefined => {
      const value = context.evaluate(node);
      if (typeof value === 'string') return value;
      if (node.type === 'Identifier' && depth < 2) {
        for (const init of inits.get(node.name) ?? []) {
          const v = decodedKey(init, depth + 1);
          if (v !== undefined) return v;
        }
        return undefined;
      }
      if (node.type !== 'CallExpression' || node.arguments[0]?.type !== 'StringLiteral') return undefined;
      const callee = node.callee;
      // atob(…), x.atob(…), g[g.atob ? 'atob' : 'String'](…)
      const method =
        callee.type === 'Identifier' ? callee.name
        : callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' ? callee.property.name
        : callee.type === 'MemberExpression' && callee.computed && /['"]atob['"]/.test(rawOf(callee.property, context.text)) ? 'atob'
        : undefined;
      if (method !== 'atob') return undefined;
      const data = node.arguments[0].value;
      return /^[A-Za-z0-9+/]+={0,2}$/.test(data) ? Buffer.from(data, 'base64').toString('latin1') : undefined;
    };

    const importHidden = (node: Node, source: Node | undefined) => {
      if (!source || source.type === 'StringLiteral' || (source.type === 'TemplateLiteral' && !source.expressions.length)) return;
      const how = moduleArgumentHidden(source);
      const value = String(context.evaluate(source));
      if (how) report(node, `import:${value}`, 'high', `Imports the ${value} module by ${how} instead of its name.`, value);
    };

    return {
      ImportExpression: (n) => importHidden(n, (n as Extract<Node, { type: 'ImportExpression' }>).source),
      ObjectPattern: (n) => {
        // const { [String.fromCharCode(101, 120, 101, 99)]: run } = …: destructuring a hidden name.
        const node = n as Extract<Node, { type: 'ObjectPattern' }>;
        for (const prop of node.properties) {
          if (prop.type !== 'ObjectProperty' || !prop.computed || prop.key.type === 'StringLiteral') continue;
          const key = context.evaluate(prop.key);
          if (typeof key === 'string' && (isSensitiveName(key) || DANGEROUS.has(`child_process.${key}`))) {
            report(prop, `pattern:${key}`, 'high', `Destructures ${key} under a computed key instead of writing its name.`, key);
          }
        }
      },
      VariableDeclarator: (n) => {
        const node = n as Extract<Node, { type: 'VariableDeclarator' }>;
        if (node.id.type !== 'Identifier' || !node.init) return;
        const list = inits.get(node.id.name);
        if (!list) inits.set(node.id.name, [node.init]);
        else if (list.length < 8) list.push(node.init);
      },
      MemberExpression: (n) => {
        const node = n as Extract<Node, { type: 'MemberExpression' }>;
        if (!node.computed) return;
        const how = hiding(node.property);
        if (!how) return;
        const name = context.nameOf(node);
        if (!name && (node.property.type === 'CallExpression' || node.property.type === 'BinaryExpression' || node.property.type === 'TemplateLiteral' || node.property.type === 'Identifier')) {
          // g[atob('ZG9jdW1lbnQ=')]: whatever the object, a decoded key that spells a sensitive name.
          // Through a variable only when the variable holds a decoding call, not a plain constant.
          const viaDecoding = node.property.type !== 'Identifier' || (inits.get(node.property.name) ?? []).some((i) => i.type === 'CallExpression');
          const key = viaDecoding ? decodedKey(node.property) : undefined;
          if (typeof key === 'string' && isSensitiveName(key)) {
            // A hidden 'constructor' key is the way to the Function constructor: code execution.
            report(node, `member-key:${key}`, 'high', `Reaches ${key} through ${how} instead of writing its name, hiding the access from review and scanners.`, key === 'constructor' ? 'Function' : key);
            return;
          }
        }
        if (!name && node.property.type !== 'NumericLiteral') {
          // os[decode('HRsVTBsVC10')](): which function of a sensitive module is called is decoded at run time.
          const base = nameVia(node.object);
          const decoded = base && (SENSITIVE_MODULES.has(base) || base === 'process' || base === 'process.env') ? runtimeDecoded(node.property) : undefined;
          if (decoded) report(node, `member-decoded:${base}`, 'high', `Calls into ${base} through a property name decoded at run time by ${decoded.fn}(${shown(decoded.literal)}).`);
          return;
        }
        if (!name || !DANGEROUS.has(name)) return;
        // `process.env[key]` is `process.env`'s ordinary use; only hiding `env` itself counts.
        report(node, `member:${name}`, name === 'process.env' || name.startsWith('os.') ? 'medium' : 'high', `Reaches ${name} through ${how} instead of writing its name, hiding the call from review and scanners.`, name);
      },
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        if (node.callee.type === 'Import') {
          importHidden(node, node.arguments[0] as Node | undefined);
          return;
        }
        if (!mayBeNamed(node, LAST_NAMES)) return;
        let callee = nameVia(node.callee);
        // const req = createRequire(import.meta.url): a require by another name.
        if (!callee && node.callee.type === 'Identifier' && (inits.get(node.callee.name) ?? []).some((i) => i.type === 'CallExpression' && context.calleeName(i) === 'module.createRequire')) callee = 'require';
        if (callee && ENUMERATORS.has(callee) && node.arguments[0]) {
          const target = nameVia(node.arguments[0] as Node);
          if (target && ENUMERATED_MODULES.has(target)) {
            report(node, `enumerate:${target}`, 'high', `Enumerates the functions of ${target} with ${callee} (to pick one without writing its name).`, target);
            return;
          }
        }
        if (callee && strongDecoder(node, context.calleeName, context.evaluate, callee)) {
          const ancestors = context.ancestors();
          for (let i = ancestors.length - 1, seen = 0; i >= 0 && seen < 3; i--) {
            if (!isFunctionNode(ancestors[i])) continue;
            seen++;
            const named = enclosingFunction(ancestors.slice(0, i + 1));
            if (named?.name) {
              decoderFns.add(named.name);
              break;
            }
          }
        }
        if (callee === 'require' && node.arguments[0] && node.arguments[0].type !== 'SpreadElement') {
          const arg = node.arguments[0] as Node;
          const how = moduleArgumentHidden(arg);
          if (how) {
            const value = String(context.evaluate(arg));
            report(node, `require:${value}`, 'high', `Loads the ${value} module by ${how} instead of its name.`, value);
            return;
          }
          // require(decode('BgUKUQERVQ')): a module name decoded at run time by a local function.
          const decoded = runtimeDecoded(arg);
          if (decoded) report(node, `require-decoded:${decoded.fn}`, 'high', `Loads a module whose name is decoded at run time by ${decoded.fn}(${shown(decoded.literal)}).`);
          // require(_0x3f2a(0x1b2)) / require(T.Fyxz(0)): the name is an index into a hidden string table.
          else if (arg.type === 'CallExpression' && arg.arguments.length >= 1 && arg.arguments.length <= 2 && arg.arguments[0]!.type === 'NumericLiteral' && (arg.callee.type === 'Identifier' || arg.callee.type === 'MemberExpression')) {
            const accessor = context.text.slice(arg.callee.start ?? 0, Math.min(arg.callee.end ?? 0, (arg.callee.start ?? 0) + 40));
            report(node, 'require-table', 'high', `Loads a module whose name is looked up by index in a hidden string table (${accessor}(${rawOf(arg.arguments[0]!, context.text)})).`);
          }
          return;
        }
        if (callee === 'Reflect.apply' || callee === 'Reflect.construct') {
          const target = node.arguments[0] ? context.nameOf(node.arguments[0] as Node) : undefined;
          if (target === 'eval' || target === 'Function' || target === 'require') report(node, `reflect:${target}`, 'medium', `Calls ${target} through ${callee}, a way to avoid writing ${target}(...).`);
        }
      },
    };
  },
};

/** Mixed case and digits with no word shape: `BgUKUQERVQ`, not `lodash` or `MyModule`; or hex bytes. */
/** The literal as the reader should see it: decoded when it is plain hex of printable text. */
function shown(literal: string): string {
  if (/^(?:[0-9a-fA-F]{2}){2,}$/.test(literal)) {
    const text = Buffer.from(literal, 'hex').toString('latin1');
    if (/^[\x20-\x7e]+$/.test(text)) return `${JSON.stringify(literal.slice(0, 30))} = ${JSON.stringify(text.slice(0, 40))}`;
  }
  return JSON.stringify(literal.slice(0, 30));
}

function looksRandom(s: string): boolean {
  if (/^(?:[0-9a-fA-F]{2}){4,}$/.test(s) && /\d/.test(s)) return true;
  const upper = (s.match(/[A-Z]/g) ?? []).length;
  const lower = (s.match(/[a-z]/g) ?? []).length;
  if (upper < 2 || lower < 1) return /\d/.test(s) && upper + lower >= 4 && !/^[a-z]+\d+$/.test(s) && upper + lower < s.length;
  // CamelCase words keep upper case letters apart; encodings put them next to each other.
  return /[A-Z]{2}/.test(s) || /[a-z][A-Z][a-z]?[A-Z]/.test(s) || /\d[A-Za-z]\d/.test(s);
}

export default rule;
