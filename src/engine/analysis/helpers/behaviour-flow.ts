import type { Node } from '@babel/types';
import type { Indicator, JsRuleContext } from '../types';
import { childNodes } from '../walk';
import { HOLE, callee, commandOf, fileTalksToNetwork, isExec, isOutbound, partialString, propertyValue, refName } from './behaviour-js';
import { indicatorsFor, quote } from './behaviour-hosts';

/**
 * A small, file-local taint tracker: does a value (host facts, the environment, a credential
 * file) reach a call that sends data out? It follows the value through object and array
 * literals, string building, `JSON.stringify`/`Buffer.from`/encoders, variables (`const x = …`,
 * `x = …`, `arr.push(…)`), and calls to functions of the same file that send. It works in one
 * pass in source order, which is how droppers are written: collect, encode, send.
 * Approximate by design: names, not scopes.
 */

export interface Sink {
  node: Node;
  /** What sends: `https.request`, `dns.lookup`, `req.write` … */
  via: string;
  /** The destination as far as the code says it (URL, host), for the message and indicators. */
  target?: string;
}

export interface Flow<S> {
  source: S;
  sourceNode: Node;
  sink: Sink;
}

/** Calls a value passes through unchanged in meaning. */
const TRANSFORMS = new Set([
  'JSON.stringify', 'Buffer.from', 'Buffer', 'querystring.stringify', 'querystring.encode', 'qs.stringify', 'encodeURIComponent', 'encodeURI',
  'String', 'btoa', 'escape', 'Object.entries', 'Object.keys', 'Object.values', 'Object.assign', 'zlib.deflateSync', 'zlib.gzipSync',
  'zlib.brotliCompressSync', 'util.inspect', 'util.format', 'TextEncoder', 'Array.from',
]);
const TRANSFORM_METHODS = new Set([
  'toString', 'join', 'concat', 'replace', 'replaceAll', 'substring', 'substr', 'slice', 'split', 'map', 'filter', 'flat', 'trim', 'match',
  'toLowerCase', 'toUpperCase', 'encode', 'padStart', 'padEnd', 'reduce', 'flatMap', 'then',
]);
/** `x.push(v)`: v now lives in x. */
const COLLECT_METHODS = new Set(['push', 'unshift', 'append', 'set', 'add', 'assign', 'field', 'attach']);
/** `req.write(v)`: v leaves the machine (when the file talks to the network at all). */
const SEND_METHODS = new Set(['write', 'end', 'send', 'emit', 'sendMail', 'sendMessage', 'sendDocument', 'post', 'put', 'upload', 'sendBeacon', 'put', 'publish', 'execute']);
const PASSED_NET_FN = /^(?:request|get|connect|createConnection|lookup|resolve\w*|post|put|fetch)$/;
const NETWORK_TOOL = /(?:^|[\s/"'])(?:curl|wget|nslookup|dig|host|ping|nc|ncat|Invoke-WebRequest|iwr|Resolve-DnsName)(?:\.exe)?(?=\s|$)/i;

const baseSinks = new WeakMap<Node, Sink | null>();

export class FlowTracker<S> {
  private readonly carriers = new Map<string, { source: S; node: Node }>();
  private readonly sinkFunctions = new Set<string>();
  private readonly returnFunctions = new Map<string, { source: S; node: Node }>();
  private readonly pendingCalls = new Map<string, { source: S; node: Node }>();
  private readonly netObjects = new Map<string, string | undefined>();
  private firstSink: Sink | undefined;
  private flowed: Flow<S> | undefined;

  private readonly network: boolean;

  constructor(private readonly ctx: JsRuleContext) {
    this.network = fileTalksToNetwork(ctx);
  }

  get flow(): Flow<S> | undefined {
    return this.flowed;
  }

  /** Any outbound call seen so far (for rules that only need "this file talks to the network"). */
  get outbound(): Sink | undefined {
    return this.firstSink;
  }

  /** A source value at `node` (the node being visited). Returns the flow when it reaches a sink. */
  addSource(node: Node, source: S): Flow<S> | undefined {
    if (this.flowed) return undefined;
    const anc = this.ctx.ancestors();
    let child: Node = node;
    for (let i = anc.length - 1, steps = 0; i >= 0 && steps < 14; i--, steps++) {
      const n = anc[i]!;
      switch (n.type) {
        case 'ObjectProperty':
          if (n.value !== child) return undefined;
          break;
        case 'ObjectExpression':
        case 'ArrayExpression':
        case 'TemplateLiteral':
        case 'BinaryExpression':
        case 'LogicalExpression':
        case 'ConditionalExpression':
        case 'AwaitExpression':
        case 'SpreadElement':
        case 'ParenthesizedExpression':
        case 'TSAsExpression':
        case 'SequenceExpression':
          break;
        case 'MemberExpression':
        case 'OptionalMemberExpression':
          if (n.object !== child) return undefined;
          break;
        case 'CallExpression':
        case 'OptionalCallExpression':
        case 'NewExpression': {
          if (n.callee === child) {
            // `bundle.toString()` / `.join()`: keep going up with the call's result.
            break;
          }
          const sink = this.sinkOf(n);
          if (sink) return this.flowTo(source, node, sink);
          const name = callee(this.ctx, n);
          if (name && TRANSFORMS.has(name)) break;
          const c = n.callee;
          if (c.type === 'MemberExpression' && c.property.type === 'Identifier' && !c.computed) {
            if (TRANSFORM_METHODS.has(c.property.name)) break;
            if (COLLECT_METHODS.has(c.property.name)) {
              const root = rootName(c.object);
              if (root) this.carry(root, source, node);
              return undefined;
            }
          }
          if (c.type === 'Identifier') {
            if (this.sinkFunctions.has(c.name)) return this.flowTo(source, node, { node: n, via: `${c.name}()` });
            this.pendingCalls.set(c.name, { source, node });
            // A local helper (an encoder, a wrapper) returns something built from it: keep following.
            break;
          }
          return undefined;
        }
        case 'VariableDeclarator':
          if (n.id.type === 'Identifier') this.carry(n.id.name, source, node);
          return undefined;
        case 'AssignmentExpression': {
          if (n.right !== child) return undefined;
          const root = rootName(n.left as Node);
          if (root) this.carry(root, source, node);
          return undefined;
        }
        case 'ReturnStatement':
        case 'ArrowFunctionExpression': {
          if (n.type === 'ArrowFunctionExpression' && n.body !== child) return undefined;
          const fn = enclosingFunctionName(anc, n.type === 'ReturnStatement' ? i - 1 : i);
          if (fn) this.returnFunctions.set(fn, { source, node });
          return undefined;
        }
        default:
          return undefined;
      }
      child = n;
    }
    return undefined;
  }

  /** Call from `VariableDeclarator` and `AssignmentExpression` visitors. */
  onBinding(node: Node): void {
    if (this.flowed) return;
    let target: string | undefined;
    let value: Node | null | undefined;
    if (node.type === 'VariableDeclarator') {
      target = node.id.type === 'Identifier' ? node.id.name : undefined;
      value = node.init;
    } else if (node.type === 'AssignmentExpression') {
      target = node.left.type === 'Identifier' ? node.left.name : rootName(node.left as Node);
      value = node.right;
    }
    if (!target || !value) return;
    // `const req = https.request(…)`, `const s = new net.Socket()`: writes to it leave the machine.
    if (this.network && (value.type === 'CallExpression' || value.type === 'NewExpression' || value.type === 'AwaitExpression') && this.chainHasOutbound(value)) {
      let call: Node | null | undefined = value;
      while (call && (call.type === 'AwaitExpression' || ((call.type === 'CallExpression' || call.type === 'NewExpression') && !isOutbound(callee(this.ctx, call)) && call.callee.type === 'MemberExpression'))) {
        call = call.type === 'AwaitExpression' ? call.argument : (call.callee as Extract<Node, { type: 'MemberExpression' }>).object;
      }
      this.netObjects.set(target, call ? describeTarget(this.ctx, call).target : undefined);
    }
    if (!this.carriers.size && !this.returnFunctions.size) return;
    if (this.carriers.has(target)) return;
    const hit = this.referenced(value);
    if (hit) this.carriers.set(target, hit);
  }

  /** Call from `CallExpression` / `NewExpression` visitors. Returns the flow when one completes. */
  onCall(node: Node): Flow<S> | undefined {
    if (this.flowed) return undefined;
    const sink = this.sinkOf(node);
    if (!sink) {
      // `arr.push(carrier)` / `fd.append('x', carrier)`
      if (this.carriers.size && (node.type === 'CallExpression') && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && COLLECT_METHODS.has(node.callee.property.name)) {
        const root = rootName(node.callee.object);
        if (root && !this.carriers.has(root)) {
          const hit = this.referencedList(node.arguments as Node[]);
          if (hit) this.carriers.set(root, hit);
        }
      }
      // `f(carrier)` where f sends (now or later in the file).
      if (node.type === 'CallExpression' && node.callee.type === 'Identifier' && (this.carriers.size || this.returnFunctions.size)) {
        const hit = this.referencedList(node.arguments as Node[]);
        if (hit) {
          if (this.sinkFunctions.has(node.callee.name)) return this.flowTo(hit.source, hit.node, { node, via: `${node.callee.name}()` });
          this.pendingCalls.set(node.callee.name, hit);
        }
      }
      return undefined;
    }
    if (!this.firstSink) this.firstSink = sink;
    const fn = enclosingFunctionName(this.ctx.ancestors(), this.ctx.ancestors().length - 1);
    if (fn && !this.sinkFunctions.has(fn)) {
      this.sinkFunctions.add(fn);
      const pending = this.pendingCalls.get(fn);
      if (pending) return this.flowTo(pending.source, pending.node, sink);
    }
    if (!this.carriers.size && !this.returnFunctions.size) return undefined;
    const args = (node.type === 'CallExpression' || node.type === 'NewExpression' ? node.arguments : []) as Node[];
    const hit = this.referencedList(args);
    return hit ? this.flowTo(hit.source, hit.node, sink) : undefined;
  }

  /** Mark a variable (e.g. a callback parameter that receives command output) as holding the source. */
  carryName(name: string, source: S, node: Node): void {
    this.carry(name, source, node);
  }

  private carry(name: string, source: S, node: Node): void {
    if (!this.carriers.has(name)) this.carriers.set(name, { source, node });
  }

  private flowTo(source: S, sourceNode: Node, sink: Sink): Flow<S> {
    this.flowed = { source, sourceNode, sink };
    return this.flowed;
  }

  private referencedList(nodes: Node[]): { source: S; node: Node } | undefined {
    for (const n of nodes) {
      const hit = n ? this.referenced(n) : undefined;
      if (hit) return hit;
    }
    return undefined;
  }

  /** A carrier (or a call to a function returning one) mentioned inside `root` (bounded walk). */
  private referenced(root: Node): { source: S; node: Node } | undefined {
    const stack: Node[] = [root];
    let budget = 400;
    while (stack.length && budget-- > 0) {
      const n = stack.pop()!;
      if (n.type === 'Identifier') {
        const hit = this.carriers.get(n.name);
        if (hit) return hit;
        continue;
      }
      if (n.type === 'CallExpression' && n.callee.type === 'Identifier') {
        const hit = this.returnFunctions.get(n.callee.name);
        if (hit) return hit;
      }
      if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression') continue;
      if (n.type === 'MemberExpression' && !n.computed) {
        stack.push(n.object);
        continue;
      }
      if (n.type === 'ObjectProperty') {
        stack.push(n.value as Node);
        continue;
      }
      for (const c of childNodes(n)) stack.push(c);
    }
    return undefined;
  }

  /** Is this call a way out of the machine? */
  private sinkOf(node: Node): Sink | undefined {
    if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression') return undefined;
    let base = baseSinks.get(node);
    if (base === undefined) {
      base = this.baseSink(node) ?? null;
      baseSinks.set(node, base);
    }
    if (base) {
      return base;
    }
    const c = node.callee;
    if (this.network && c.type === 'MemberExpression' && c.property.type === 'Identifier' && !c.computed && SEND_METHODS.has(c.property.name)) {
      const root = rootName(c.object);
      if ((root && this.netObjects.has(root)) || this.chainHasOutbound(c.object)) {
        const target = root ? this.netObjects.get(root) : undefined;
        return { node, via: `${root ?? 'request'}.${c.property.name}`, ...(target ? { target } : {}) };
      }
    }
    return undefined;
  }

  /** The part of sinkOf that depends only on the node (shared by every tracker in the file). */
  private baseSink(node: Extract<Node, { type: 'CallExpression' | 'NewExpression' | 'OptionalCallExpression' }>): Sink | undefined {
    const name = callee(this.ctx, node);
    if (isOutbound(name)) return { node, via: name!, ...describeTarget(this.ctx, node) };
    if (name && isExec(name)) {
      const cmd = commandOf(this.ctx, node, name);
      if (cmd && NETWORK_TOOL.test(` ${cmd.command}`)) {
        const url = /\bhttps?:\/\/[^\s"'`]+|(?:[a-z0-9-]+\.)+[a-z]{2,}\b/i.exec(cmd.command.replace(/\u0000/g, ''))?.[0];
        return { node, via: name, ...(url ? { target: url } : {}) };
      }
      return undefined;
    }
    // `request(https.request, payload)`: a network function handed over as a value.
    if (node.type === 'CallExpression' && this.network) {
      for (const a of node.arguments) {
        if (a.type === 'MemberExpression' && !a.computed && a.property.type === 'Identifier' && PASSED_NET_FN.test(a.property.name) && isOutbound(refName(this.ctx, a))) {
          return { node, via: refName(this.ctx, a)! };
        }
      }
    }
    return undefined;
  }

  /** `https.request(…).on('error', f)` / `await fetch(u)`: an expression chain that starts with a network call. */
  private chainHasOutbound(n: Node): boolean {
    let cur: Node | null | undefined = n;
    for (let i = 0; cur && i < 10; i++) {
      if (cur.type === 'AwaitExpression') cur = cur.argument;
      else if (cur.type === 'MemberExpression') cur = cur.object;
      else if (cur.type === 'CallExpression' || cur.type === 'NewExpression') {
        if (isOutbound(callee(this.ctx, cur))) return true;
        cur = cur.callee.type === 'MemberExpression' ? cur.callee.object : null;
      } else return cur.type === 'Identifier' && this.netObjects.has(cur.name);
    }
    return false;
  }
}

function rootName(n: Node): string | undefined {
  let cur: Node = n;
  for (let i = 0; i < 8; i++) {
    if (cur.type === 'Identifier') return cur.name;
    if (cur.type === 'MemberExpression' || cur.type === 'OptionalMemberExpression') cur = cur.object;
    else return undefined;
  }
  return undefined;
}

/** Name of the function that contains ancestor index `from` (inclusive), if it has one. */
function enclosingFunctionName(anc: readonly Node[], from: number): string | undefined {
  for (let i = from; i >= 0; i--) {
    const n = anc[i]!;
    if (n.type === 'FunctionDeclaration') return n.id?.name;
    if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ObjectMethod' || n.type === 'ClassMethod') {
      if (n.type === 'FunctionExpression' && n.id) return n.id.name;
      if ((n.type === 'ObjectMethod' || n.type === 'ClassMethod') && n.key.type === 'Identifier') return n.key.name;
      const p = anc[i - 1];
      if (p?.type === 'VariableDeclarator' && p.id.type === 'Identifier') return p.id.name;
      if (p?.type === 'AssignmentExpression') {
        const l = p.left;
        if (l.type === 'Identifier') return l.name;
        if (l.type === 'MemberExpression' && l.property.type === 'Identifier') return l.property.name;
      }
      if (p?.type === 'ObjectProperty' && p.key.type === 'Identifier') return p.key.name;
      // An anonymous callback (`list.forEach(function () { … })`): the enclosing named function sends.
      if (p?.type === 'CallExpression' || p?.type === 'NewExpression' || p?.type === 'TryStatement' || p?.type === 'BlockStatement') continue;
      return undefined;
    }
  }
  return undefined;
}

/** The URL or host a network call names, as far as constants go. */
export function describeTarget(ctx: JsRuleContext, node: Node): { target?: string } {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression' && node.type !== 'OptionalCallExpression') return {};
  const args = node.arguments as Node[];
  for (const a of args.slice(0, 2)) {
    if (!a) continue;
    if (a.type === 'ObjectExpression') {
      const host = propertyValue(a, 'hostname') ?? propertyValue(a, 'host') ?? propertyValue(a, 'url') ?? propertyValue(a, 'uri') ?? propertyValue(a, 'baseURL');
      const h = host ? partialString(ctx, host) : undefined;
      if (h && h !== HOLE && !h.startsWith(HOLE)) {
        const path = propertyValue(a, 'path');
        const p = path ? partialString(ctx, path) : undefined;
        return { target: p && p.startsWith('/') && !/^https?:/.test(h) ? `${h}${p}` : h };
      }
      continue;
    }
    const s = partialString(ctx, a);
    if (s && s !== HOLE && !s.startsWith(HOLE) && /[./]/.test(s)) return { target: s };
  }
  return {};
}

export function sinkPhrase(sink: Sink): string {
  return sink.target ? `to ${quote(sink.target, 70)} (${sink.via})` : `over the network (${sink.via})`;
}

/** A request's `host` + `path` options come together as `host/path`, without a scheme. */
const HOST_THEN_PATH = /^([a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,63})(?::\d{1,5})?[/?#]/i;

export function sinkIndicators(sink: Sink): Indicator[] {
  if (!sink.target) return [];
  const target = sink.target.replace(/\u0000/g, '');
  const found = indicatorsFor(target);
  if (found.length) return found;
  const host = HOST_THEN_PATH.exec(target.trim())?.[1];
  return host ? [{ type: 'domain', value: host.toLowerCase() }] : [];
}
