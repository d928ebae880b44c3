import type { Node } from '@babel/types';
import { shadowingBins } from '../analysis/helpers/delivery-bins';
import { importEntries } from '../analysis/helpers/delivery-entry';
import type { Rule } from '../analysis/types';

const NETWORK = new Set([
  'http.request', 'http.get', 'https.request', 'https.get', 'http2.connect', 'net.connect', 'net.createConnection', 'net.Socket', 'tls.connect',
  'dgram.createSocket', 'dns.lookup', 'dns.resolve', 'dns.resolve4', 'dns.resolve6', 'dns.resolveTxt', 'dns.resolveAny', 'dns.resolveCname',
  'dns.promises.lookup', 'dns.promises.resolve', 'dns.promises.resolveTxt', 'fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'navigator.sendBeacon',
  'axios', 'axios.get', 'axios.post', 'axios.put', 'axios.request', 'node-fetch', 'got', 'got.get', 'got.post', 'request', 'request.get', 'request.post',
  'needle', 'needle.get', 'needle.post', 'superagent.get', 'superagent.post', 'undici.request', 'undici.fetch', 'ws', 'sync-request', 'then-request',
]);
const EXEC = new Set([
  'child_process.exec', 'child_process.execSync', 'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile',
  'child_process.execFileSync', 'child_process.fork', 'shelljs.exec', 'execa', 'execa.command', 'execa.sync', 'cross-spawn', 'cross-spawn.sync',
]);
/** Writing or deleting files on import: how persistence and wipers run without an install script. */
const FS_WRITE = new Set([
  'fs.writeFileSync', 'fs.writeFile', 'fs.appendFileSync', 'fs.appendFile', 'fs.copyFileSync', 'fs.copyFile', 'fs.rmSync', 'fs.rm', 'fs.unlinkSync',
  'fs.promises.writeFile', 'fs.promises.appendFile', 'fs.promises.rm', 'fs/promises.writeFile', 'fs/promises.appendFile', 'fs/promises.rm',
  'fs-extra.outputFileSync', 'fs-extra.outputFile', 'fs-extra.writeJsonSync', 'fs-extra.removeSync', 'rimraf.sync', 'rimraf',
]);
/** Globals whose replacement puts the package between the page (or process) and its traffic or wallet. */
const HOOKS = new Set([
  'fetch', 'XMLHttpRequest', 'XMLHttpRequest.prototype.open', 'XMLHttpRequest.prototype.send', 'XMLHttpRequest.prototype.setRequestHeader',
  'WebSocket', 'WebSocket.prototype.send', 'navigator.sendBeacon', 'ethereum', 'ethereum.request', 'ethereum.send', 'ethereum.sendAsync',
  'ethereum.enable', 'solana', 'solana.signTransaction', 'solana.signAllTransactions', 'solana.signAndSendTransaction', 'tronWeb', 'phantom',
]);
/** Callbacks these receive still run as part of loading the module. */
const DEFERRED = new Set(['setTimeout', 'setImmediate', 'setInterval', 'process.nextTick', 'queueMicrotask']);
const FUNCTIONS = new Set(['FunctionExpression', 'ArrowFunctionExpression', 'FunctionDeclaration', 'ObjectMethod', 'ClassMethod', 'ClassPrivateMethod']);

/**
 * What runs when the package is merely imported: network, process or global-hook calls at the
 * top level of a main/module/browser/exports file (including IIFEs, timers, and functions the
 * module calls while loading). An install-equivalent trigger: a capability that gives the
 * file's threats the same weight as install-script code.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'entry-point-side-effect',
    kind: 'capability',
    category: 'install',
    severity: 'low',
    specificity: 'low',
    description: 'An entry point makes a network request, starts a process, writes files, or replaces fetch / XMLHttpRequest / window.ethereum as soon as it is loaded.',
    skip: { typeDeclaration: true, test: true },
  },
  create(context) {
    if (!context.traits.entryPoint) return {};
    const file = context.file.path;
    // A bin named like `node` or `git` runs whenever a project script calls that command.
    const shadow = importEntries(context.pkg).has(file) ? undefined : shadowingBins(context.pkg).find((b) => b.target.replace(/^\.\//, '') === file);
    if (!shadow && !importEntries(context.pkg).has(file)) return {};
    const runs = shadow ? `whenever a project script calls ${shadow.command}` : 'as soon as the package is loaded';
    /** Named top-level functions with a hit inside, and the top-level calls seen so far. */
    const pending = new Map<string, { node: Node; message: string }[]>();
    const called = new Set<string>();

    /** true: runs on load; a string: runs when that top-level function is called; false: not on load. */
    const onLoad = (): true | string | false => {
      const stack = context.ancestors();
      let named: string | undefined;
      for (let i = stack.length - 1; i >= 0; i--) {
        const node = stack[i]!;
        if (!FUNCTIONS.has(node.type)) continue;
        const parent = stack[i - 1];
        if (parent && (parent.type === 'CallExpression' || parent.type === 'NewExpression')) {
          if (parent.callee === node) continue;
          if (parent.arguments.includes(node as never)) {
            // A UMD wrapper calls its factory argument right away.
            if (parent.callee.type === 'FunctionExpression' || parent.callee.type === 'ArrowFunctionExpression') continue;
            const name = context.calleeName(parent);
            if (name && DEFERRED.has(name)) continue;
          }
        }
        if (parent?.type === 'MemberExpression' && parent.object === node && stack[i - 2]?.type === 'CallExpression') continue;
        if (named === undefined) {
          if (node.type === 'FunctionDeclaration' && node.id) {
            named = node.id.name;
            continue;
          }
          if (parent?.type === 'VariableDeclarator' && parent.id.type === 'Identifier') {
            named = parent.id.name;
            continue;
          }
        }
        return false;
      }
      return named ?? true;
    };

    const hit = (node: Node, message: string) => {
      const where = onLoad();
      if (where === false) return;
      if (where === true) {
        context.report({ node, message: `${message} at the top level of ${file}, so it runs ${runs}.` });
        return;
      }
      const m = `${message} in ${where}(), which ${file} calls while it loads${shadow ? ` (it runs ${runs})` : ''}`;
      if (called.has(where)) context.report({ node, message: `${m}.` });
      else {
        const list = pending.get(where) ?? [];
        list.push({ node, message: m });
        pending.set(where, list);
      }
    };

    const markCalled = (name: string) => {
      called.add(name);
      for (const p of pending.get(name) ?? []) context.report({ node: p.node, message: `${p.message}.` });
      pending.delete(name);
    };

    const onCall = (node: Node) => {
      const call = node as Extract<Node, { type: 'CallExpression' | 'NewExpression' }>;
      if (call.type === 'CallExpression' && call.callee.type === 'Identifier' && onLoad() === true) markCalled(call.callee.name);
      const name = context.calleeName(call);
      if (name && DEFERRED.has(name) && call.arguments[0]?.type === 'Identifier' && onLoad() === true) markCalled(call.arguments[0].name);
      if (!name) return;
      if (NETWORK.has(name)) hit(call, `Calls ${name}`);
      else if (EXEC.has(name)) hit(call, `Starts a process with ${name}`);
      else if (FS_WRITE.has(name)) hit(call, `Changes files with ${name}`);
      else if (name === 'document.createElement') {
        const tag = context.evaluate(call.arguments[0] as Node);
        if (typeof tag === 'string' && /^(?:script|iframe)$/i.test(tag)) hit(call, `Creates a <${tag.toLowerCase()}> element to load remote code`);
      } else if (name === 'Object.defineProperty' && call.arguments.length >= 2) {
        const key = context.evaluate(call.arguments[1] as Node);
        const target = context.nameOf(call.arguments[0] as Node);
        if (typeof key !== 'string' || !target) return;
        const full = ['window', 'globalThis', 'global', 'self'].includes(target) ? key : `${target}.${key}`;
        if (HOOKS.has(full)) hit(call, `Redefines ${full}`);
      } else if (name.startsWith('./') || name.startsWith('../')) passesCapability(call);
    };

    /** `report(https.request, data)`: a network or process function handed to the package's own helper module. */
    const passesCapability = (call: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>) => {
      for (const arg of call.arguments) {
        if (arg.type !== 'Identifier' && arg.type !== 'MemberExpression') continue;
        const name = context.nameOf(arg);
        if (name && (NETWORK.has(name) || EXEC.has(name)) && name !== 'fetch') return hit(call, `Hands ${name} to another function`);
      }
    };

    const onAssign = (node: Node) => {
      const assign = node as Extract<Node, { type: 'AssignmentExpression' }>;
      if (assign.left.type !== 'MemberExpression' && assign.left.type !== 'Identifier') return;
      const name = context.nameOf(assign.left);
      if (name && HOOKS.has(name) && (assign.left.type === 'MemberExpression' || name === 'fetch')) hit(assign, `Replaces ${name}`);
    };

    return { CallExpression: onCall, NewExpression: onCall, AssignmentExpression: onAssign };
  },
};

export default rule;
