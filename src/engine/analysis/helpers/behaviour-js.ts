import type { Node } from '@babel/types';
import { anyWord } from '../precheck';
import type { JsRuleContext } from '../types';

/**
 * Shared vocabulary of the behaviour rules: which calls reach the network, start processes,
 * read or write files, identify the machine; and a partial evaluator that keeps the constant
 * parts of a string whose other parts are unknown (`os.homedir() + '/.ssh/' + name` reads as
 * `~/.ssh/\0`). Results are cached per AST node, so the rules that share a node share the work.
 */

/** Stands for an unknown part of a partially evaluated string. */
export const HOLE = '\u0000';

// ---------------------------------------------------------------------------------------------
// API vocabularies (canonical names, as the resolver spells them).

const CORE_OUTBOUND: Record<string, ReadonlySet<string>> = {
  http: new Set(['request', 'get']),
  https: new Set(['request', 'get']),
  http2: new Set(['connect']),
  net: new Set(['connect', 'createConnection', 'Socket', 'Stream']),
  tls: new Set(['connect', 'TLSSocket']),
  dgram: new Set(['createSocket']),
  dns: new Set(['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv', 'resolvePtr', 'resolveNaptr', 'resolveSoa', 'lookupService', 'reverse']),
  'dns/promises': new Set(['lookup', 'resolve', 'resolve4', 'resolve6', 'resolveAny', 'resolveCname', 'resolveMx', 'resolveNs', 'resolveTxt', 'resolveSrv']),
};
const CORE_SERVER = new Set(['http.createServer', 'https.createServer', 'http2.createServer', 'http2.createSecureServer', 'net.createServer', 'tls.createServer']);

/** Client libraries: any call into them talks to the network. */
const CLIENT_MODULES = new Set([
  'axios', 'node-fetch', 'got', 'request', 'request-promise', 'request-promise-native', 'needle', 'superagent', 'sync-request',
  'then-request', 'phin', 'centra', 'bent', 'ky', 'ofetch', 'cross-fetch', 'isomorphic-fetch', 'ws', 'socket.io-client', 'nodemailer',
  'ftp', 'basic-ftp', 'jsftp', 'ssh2', 'sync-fetch', 'make-fetch-happen', 'minipass-fetch', 'xmlhttprequest', 'xhr2', 'undici', 'wretch',
  'urllib', 'httpie', 'tiny-json-http', 'simple-get', 'follow-redirects', 'requests', 'hyperquest', 'cheerio-httpcli', 'telegraf',
  'node-telegram-bot-api', 'discord.js', 'smtp-client', 'emailjs', 'puppeteer', 'public-ip', 'external-ip',
]);
const GLOBAL_OUTBOUND = new Set(['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource', 'navigator.sendBeacon', 'importScripts', 'io', 'io.connect', 'Bun.connect', 'Deno.connect']);
/** Calls that only resolve names: the channel of DNS exfiltration. */
export const DNS_CALLS = new Set([
  'dns.lookup', 'dns.resolve', 'dns.resolve4', 'dns.resolve6', 'dns.resolveAny', 'dns.resolveCname', 'dns.resolveMx', 'dns.resolveNs',
  'dns.resolveTxt', 'dns.resolveSrv', 'dns.promises.lookup', 'dns.promises.resolve', 'dns.promises.resolve4', 'dns.promises.resolve6',
  'dns.promises.resolveTxt', 'dns.promises.resolveAny', 'dns/promises.lookup', 'dns/promises.resolve', 'dns/promises.resolve4',
  'dns/promises.resolveTxt', 'dns/promises.resolveAny',
]);

function splitName(name: string): [string, string] {
  const dot = name.indexOf('.');
  return dot < 0 ? [name, ''] : [name.slice(0, dot), name.slice(dot + 1)];
}

/** A call that sends something out: HTTP(S), sockets, DNS, mail, websockets, fetch, XHR. */
export function isOutbound(name: string | undefined): boolean {
  if (!name) return false;
  if (GLOBAL_OUTBOUND.has(name)) return true;
  const [mod, rest] = splitName(name);
  const core = CORE_OUTBOUND[mod];
  if (core) {
    const fn = rest.replace(/^(?:default|promises)\./, '');
    return core.has(fn);
  }
  return CLIENT_MODULES.has(mod);
}

/** Any network API, outbound or a server. */
export function isNetwork(name: string | undefined): boolean {
  return !!name && (isOutbound(name) || CORE_SERVER.has(name));
}

/** The command-line tools the flow and shell helpers count as reaching the network. */
const NETWORK_TOOLS = ['curl', 'wget', 'nslookup', 'dig', 'host', 'ping', 'nc', 'ncat', 'Invoke-WebRequest', 'iwr', 'Resolve-DnsName'];

/**
 * `meta.needs` of the rules that fire only on a way out of the machine (an isOutbound call, or a
 * network tool in a command): a word of one of the names above occurs in the text. Built from the
 * vocabularies so it cannot fall behind them.
 */
export const NETWORK_NEEDS = anyWord([...Object.keys(CORE_OUTBOUND), ...CLIENT_MODULES, ...[...GLOBAL_OUTBOUND].map((n) => splitName(n)[0]), ...NETWORK_TOOLS]);

const EXEC = new Set([
  'child_process.exec', 'child_process.execSync', 'child_process.execFile', 'child_process.execFileSync', 'child_process.spawn',
  'child_process.spawnSync', 'child_process.fork', 'shelljs.exec', 'execa', 'execa.sync', 'execa.command', 'execa.commandSync',
  'execa.execa', 'execa.execaSync', 'execa.execaCommand', 'execa.execaCommandSync', 'cross-spawn', 'cross-spawn.sync', 'cross-spawn.spawn',
  'Bun.spawn', 'Bun.spawnSync', 'Deno.run', 'Deno.Command', 'node-pty.spawn', 'sudo-prompt.exec', 'child-process-promise.exec',
  'child-process-promise.spawn', 'promisify-child-process.exec', 'promisify-child-process.spawn',
]);

export function isExec(name: string | undefined): boolean {
  if (!name) return false;
  return EXEC.has(name) || EXEC.has(name.replace(/^child_process\.default\./, 'child_process.'));
}

/** Exec calls whose first argument is a whole shell command line. */
const SHELL_STRING = new Set(['child_process.exec', 'child_process.execSync', 'shelljs.exec', 'execa.command', 'execa.commandSync', 'execa.execaCommand', 'execa.execaCommandSync', 'sudo-prompt.exec', 'child-process-promise.exec', 'promisify-child-process.exec']);

const FS_MODULES = new Set(['fs', 'fs/promises', 'graceful-fs', 'fs-extra', 'original-fs', 'promise-fs', 'mz/fs', 'node:fs']);
const FS_READ = new Set(['readFile', 'readFileSync', 'createReadStream', 'readdir', 'readdirSync', 'opendir', 'opendirSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'readJson', 'readJsonSync', 'readJSON', 'readJSONSync', 'readlink']);
const FS_WRITE = new Set([
  'writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'chmod', 'chmodSync', 'unlink', 'unlinkSync', 'rm', 'rmSync',
  'rmdir', 'rmdirSync', 'rename', 'renameSync', 'copyFile', 'copyFileSync', 'cp', 'cpSync', 'truncate', 'truncateSync', 'outputFile', 'outputFileSync',
  'outputJson', 'outputJsonSync', 'writeJson', 'writeJsonSync', 'writeJSON', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'symlink', 'symlinkSync',
]);
const DELETE_FNS = new Set(['rm', 'rmSync', 'rmdir', 'rmdirSync', 'remove', 'removeSync', 'emptyDir', 'emptyDirSync', 'unlink', 'unlinkSync']);

function fsFunction(name: string | undefined): string | undefined {
  if (!name) return undefined;
  const [mod, rest] = splitName(name);
  if (!FS_MODULES.has(mod)) return undefined;
  return rest.replace(/^(?:default\.)?(?:promises\.)?/, '');
}

export function fsReadCall(name: string | undefined): string | undefined {
  const fn = fsFunction(name);
  return fn && FS_READ.has(fn) ? fn : undefined;
}

export function fsWriteCall(name: string | undefined): string | undefined {
  const fn = fsFunction(name);
  if (fn && FS_WRITE.has(fn)) return fn;
  if (name === 'rimraf' || name === 'rimraf.sync' || name === 'rimraf.rimraf' || name === 'rimraf.rimrafSync' || name === 'del' || name === 'del.sync' || name === 'del.deleteSync' || name === 'del.deleteAsync') return 'rimraf';
  return undefined;
}

export function isDeleteCall(name: string | undefined): boolean {
  const fn = fsWriteCall(name);
  return !!fn && (DELETE_FNS.has(fn) || fn === 'rimraf');
}

/**
 * `meta.needs` of the rules that fire only on a file write or delete (fs, rimraf, del) or a process
 * start: the module (or global) such a call is named through occurs in the text.
 */
export const FS_OR_EXEC_NEEDS = anyWord([...FS_MODULES, 'rimraf', 'del', ...[...EXEC].map((n) => splitName(n)[0])]);

export type IdentityKind = 'hostname' | 'username' | 'homedir' | 'netif' | 'dns-servers' | 'cwd' | 'env' | 'platform' | 'public-ip';

const IDENTITY_CALLS: Record<string, IdentityKind> = {
  'os.hostname': 'hostname',
  'os.userInfo': 'username',
  'os.homedir': 'homedir',
  'os.networkInterfaces': 'netif',
  'dns.getServers': 'dns-servers',
  'process.cwd': 'cwd',
  'os.platform': 'platform',
  'os.type': 'platform',
  'os.release': 'platform',
  'os.arch': 'platform',
  'os.version': 'platform',
  'os.cpus': 'platform',
  'os.totalmem': 'platform',
  'os.uptime': 'platform',
  'os.tmpdir': 'platform',
  'systeminformation.getAllData': 'netif',
  'systeminformation.osInfo': 'platform',
  'public-ip.v4': 'public-ip',
  'public-ip.publicIpv4': 'public-ip',
  'internal-ip.v4': 'netif',
  'ip.address': 'netif',
  'username': 'username',
  'username.sync': 'username',
};
/** `meta.needs` of the rules that fire only on an IDENTITY_CALLS call: its module or global occurs in the text. */
export const IDENTITY_CALL_NEEDS = anyWord(Object.keys(IDENTITY_CALLS).map((n) => splitName(n)[0]));
const IDENTITY_ENV: Record<string, IdentityKind> = {
  HOSTNAME: 'hostname', COMPUTERNAME: 'hostname', USER: 'username', USERNAME: 'username', LOGNAME: 'username', HOME: 'homedir',
  USERPROFILE: 'homedir', PWD: 'cwd', INIT_CWD: 'cwd', USERDOMAIN: 'hostname',
};
/** Members of `os.userInfo()` and what they reveal. */
const USERINFO_MEMBERS: Record<string, IdentityKind> = { username: 'username', homedir: 'homedir', uid: 'username', shell: 'platform' };

export function identityOfCall(name: string | undefined): IdentityKind | undefined {
  return name ? IDENTITY_CALLS[name] : undefined;
}

// ---------------------------------------------------------------------------------------------
// Per-file caches shared by the behaviour rules (weakly keyed by AST node: gone with the tree).

const calleeCache = new WeakMap<Node, string | null>();
const partialCache = new WeakMap<Node, string | null>();
const stringSiteCache = new WeakMap<Node, string | null>();
/** Pieces of a bigger string expression (children of `+` and template literals): not sites themselves. */
const innerStrings = new WeakSet<Node>();

/** The initialiser of a variable declared once (seen so far in source order). */
export function initOf(ctx: JsRuleContext, name: string): Node | undefined {
  return ctx.initOf(name);
}

const REQUIRE_ALIAS = /(?:\b(?:var|let|const)\s+|,\s*)([A-Za-z_$][\w$]*)\s*=\s*(?:[A-Za-z_$][\w$.]*\s*\|\|\s*)?require\s*\(\s*(['"])([^'"\n]{1,60})\2\s*\)(?:\s*\.\s*([A-Za-z_$][\w$]*))?/g;

const aliasCache = new WeakMap<object, Map<string, string>>();

function requireAliases(ctx: JsRuleContext): Map<string, string> {
  let out = aliasCache.get(ctx.file);
  if (out) return out;
  out = new Map<string, string>();
  // Only files that shadow or re-bind `require` need this (`var require = global.require || …`).
  if (/\b(?:var|let|const)\s+require\s*=|function\s*\(\s*require\b/.test(ctx.text)) {
    REQUIRE_ALIAS.lastIndex = 0;
    for (let m = REQUIRE_ALIAS.exec(ctx.text); m; m = REQUIRE_ALIAS.exec(ctx.text)) {
      const mod = m[3]!.replace(/^node:/, '');
      out.set(m[1]!, m[4] ? `${mod}.${m[4]}` : mod);
    }
  }
  aliasCache.set(ctx.file, out);
  return out;
}

/**
 * The canonical name of a call's callee (cached), falling back to `x = require('m')` aliases read
 * from the text when the file shadows `require` (`var require = global.require || …`).
 */
export function callee(ctx: JsRuleContext, node: Node): string | undefined {
  const cached = calleeCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  let name = ctx.calleeName(node);
  if (!name && (node.type === 'CallExpression' || node.type === 'NewExpression')) name = fallbackCallee(ctx, node.callee as Node);
  calleeCache.set(node, name ?? null);
  return name;
}

function fallbackCallee(ctx: JsRuleContext, c: Node): string | undefined {
  if (c.type === 'Identifier') return requireAliases(ctx).get(c.name);
  if (c.type !== 'MemberExpression' || c.computed || c.property.type !== 'Identifier') return undefined;
  const obj = c.object;
  if (obj.type === 'Identifier') {
    const mod = requireAliases(ctx).get(obj.name);
    return mod ? `${mod}.${c.property.name}` : undefined;
  }
  if (obj.type === 'CallExpression' && obj.callee.type === 'Identifier' && obj.callee.name === 'require' && obj.arguments[0]?.type === 'StringLiteral') {
    return `${obj.arguments[0].value.replace(/^node:/, '')}.${c.property.name}`;
  }
  return undefined;
}

/** nameOf with a cache-free fallback to require aliases, for non-call references (`https.request` passed as a value). */
export function refName(ctx: JsRuleContext, node: Node): string | undefined {
  const name = ctx.nameOf(node);
  if (name) return name;
  if (node.type === 'MemberExpression' || node.type === 'Identifier') return fallbackCallee(ctx, node);
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Partial strings.

const PATH_JOIN = new Set(['path.join', 'path.resolve', 'path.posix.join', 'path.win32.join', 'path.posix.resolve', 'path.win32.resolve', 'upath.join', 'path.normalize']);
/** Placeholders for values that are unknown but meaningful in a path. */
const CALL_PLACEHOLDER: Record<string, string> = {
  'os.homedir': '~',
  'os.tmpdir': '$TMP',
  'process.cwd': '$CWD',
  'os.hostname': '$HOSTNAME',
};
const ENV_PLACEHOLDER: Record<string, string> = {
  HOME: '~', USERPROFILE: '~', HOMEPATH: '~', APPDATA: '~/AppData/Roaming', LOCALAPPDATA: '~/AppData/Local', TEMP: '$TMP', TMP: '$TMP',
  TMPDIR: '$TMP', INIT_CWD: '$CWD', PWD: '$CWD', XDG_CONFIG_HOME: '~/.config', PROGRAMDATA: 'C:/ProgramData',
};
const MAX_PARTIAL = 4096;

/**
 * The string an expression builds, with `HOLE` for the parts that cannot be known. Undefined when
 * the expression is not string-like at all. Sees through concatenation, templates, `path.join`,
 * `.join()`/`.concat()` of constant arrays (via the resolver), `a || b`, and once-declared variables.
 */
export function partialString(ctx: JsRuleContext, node: Node | null | undefined, depth = 0): string | undefined {
  if (!node || depth > 12) return undefined;
  const cached = partialCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  let out: string | undefined;
  const value = ctx.evaluate(node);
  if (typeof value === 'string') out = value;
  else if (typeof value === 'number') out = String(value);
  else out = computePartial(ctx, node, depth);
  if (out !== undefined && out.length > MAX_PARTIAL) out = out.slice(0, MAX_PARTIAL);
  partialCache.set(node, out ?? null);
  return out;
}

function part(ctx: JsRuleContext, node: Node | null | undefined, depth: number): string {
  return partialString(ctx, node, depth + 1) ?? HOLE;
}

function computePartial(ctx: JsRuleContext, node: Node, depth: number): string | undefined {
  switch (node.type) {
    case 'BinaryExpression':
      if (node.operator !== '+') return undefined;
      return squash(part(ctx, node.left as Node, depth) + part(ctx, node.right, depth));
    case 'TemplateLiteral': {
      let s = node.quasis[0]?.value.cooked ?? '';
      for (let i = 0; i < node.expressions.length; i++) s += part(ctx, node.expressions[i] as Node, depth) + (node.quasis[i + 1]?.value.cooked ?? '');
      return squash(s);
    }
    case 'LogicalExpression': {
      const left = partialString(ctx, node.left, depth + 1);
      if (left !== undefined && left !== HOLE) return left;
      return partialString(ctx, node.right, depth + 1) ?? left;
    }
    case 'ConditionalExpression': {
      const a = partialString(ctx, node.consequent, depth + 1);
      return a !== undefined && a !== HOLE ? a : partialString(ctx, node.alternate, depth + 1);
    }
    case 'ParenthesizedExpression':
    case 'TSAsExpression':
    case 'TSNonNullExpression':
    case 'AwaitExpression':
      return partialString(ctx, 'expression' in node ? (node.expression as Node) : (node as { argument: Node }).argument, depth + 1);
    case 'Identifier': {
      const init = initOf(ctx, node.name);
      return init ? partialString(ctx, init, depth + 1) : undefined;
    }
    case 'MemberExpression': {
      const name = ctx.nameOf(node);
      if (name?.startsWith('process.env.')) {
        const v = name.slice(12);
        return ENV_PLACEHOLDER[v] ?? `$${v}`;
      }
      if (node.object.type === 'CallExpression' && callee(ctx, node.object) === 'os.userInfo') {
        const key = node.property.type === 'Identifier' ? node.property.name : node.property.type === 'StringLiteral' ? node.property.value : '';
        if (key === 'homedir') return '~';
      }
      return undefined;
    }
    case 'CallExpression': {
      const name = callee(ctx, node);
      if (name && CALL_PLACEHOLDER[name]) return CALL_PLACEHOLDER[name];
      if (name && PATH_JOIN.has(name)) {
        const parts = node.arguments.map((a) => part(ctx, a as Node, depth));
        return squash(parts.join('/').replace(/\/{2,}/g, '/'));
      }
      if (name === 'require') return undefined;
      // `x.toString()`, `x.trim()`: the same string.
      if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && /^(?:toString|trim|toLowerCase|toUpperCase|normalize)$/.test(node.callee.property.name)) {
        return partialString(ctx, node.callee.object, depth + 1);
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function squash(s: string): string {
  return s.replace(/\u0000{2,}/g, HOLE);
}

/**
 * For a visited `StringLiteral`, `TemplateLiteral`, `BinaryExpression` or `CallExpression`: the
 * partial string when the node is a maximal string expression (not a piece of a bigger one), so
 * each string is looked at once. `path.join(...)` calls count as string expressions; their
 * arguments are looked at on their own too. Object keys and import sources are skipped.
 */
export function stringSite(ctx: JsRuleContext, node: Node): string | undefined {
  if (node.type === 'StringLiteral') return innerStrings.has(node) ? undefined : node.value;
  if (node.type === 'CallExpression') {
    // Only a few call shapes build strings: skip the rest before any lookup.
    const c = node.callee;
    const key = c.type === 'Identifier' ? c.name : c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' ? c.property.name : '';
    if (!STRING_CALLS.has(key)) return undefined;
  } else if (node.type !== 'TemplateLiteral' && (node.type !== 'BinaryExpression' || node.operator !== '+')) return undefined;
  const cached = stringSiteCache.get(node);
  if (cached !== undefined) return cached ?? undefined;
  let out: string | undefined;
  // Nodes are visited parents first: a `+` or template marks its pieces so they are not sites.
  if (node.type === 'BinaryExpression' && node.operator === '+') markInner(node.left as Node, node.right);
  else if (node.type === 'TemplateLiteral') for (const e of node.expressions) markInner(e as Node);
  if (!innerStrings.has(node)) {
    switch (node.type) {
      case 'TemplateLiteral':
      case 'BinaryExpression':
        if (node.type === 'TemplateLiteral' || node.operator === '+') out = partialString(ctx, node);
        break;
      case 'CallExpression': {
        const c = node.callee;
        const method = c.type === 'MemberExpression' && !c.computed && c.property.type === 'Identifier' ? c.property.name : undefined;
        if (method === 'join' || method === 'resolve' || method === 'normalize' || c.type === 'Identifier') {
          const name = callee(ctx, node);
          if (name && PATH_JOIN.has(name)) {
            out = partialString(ctx, node);
            break;
          }
        }
        if (method === 'join' || method === 'concat' || method === 'toString' || method === 'fromCharCode' || (c.type === 'Identifier' && DECODER_NAMES.has(c.name))) {
          const v = ctx.evaluate(node);
          if (typeof v === 'string') out = v;
        }
        break;
      }
      default:
        break;
    }
  }
  stringSiteCache.set(node, out ?? null);
  return out;
}

const DECODER_NAMES = new Set(['atob', 'decodeURIComponent', 'unescape']);
const STRING_CALLS = new Set(['join', 'concat', 'toString', 'fromCharCode', 'resolve', 'normalize', 'atob', 'decodeURIComponent', 'unescape', 'reverse']);

function markInner(...nodes: Node[]): void {
  for (const n of nodes) if (n.type === 'StringLiteral' || n.type === 'TemplateLiteral' || (n.type === 'BinaryExpression' && n.operator === '+') || n.type === 'CallExpression') innerStrings.add(n);
}

/**
 * `stringSite` for rules that do not mind also seeing the pieces of a concatenation: plain
 * literals are returned as they are, without the lookup.
 */
export function siteText(ctx: JsRuleContext, node: Node): string | undefined {
  return node.type === 'StringLiteral' ? node.value : stringSite(ctx, node);
}

/** Is this `+` expression a piece of a bigger concatenation (already looked at as a whole)? */
export function isInnerString(node: Node): boolean {
  return innerStrings.has(node);
}

/** `process.env` itself (not one variable of it). */
export function isProcessEnv(ctx: JsRuleContext, node: Node | null | undefined, depth = 0): boolean {
  if (!node || depth > 4) return false;
  if (node.type === 'MemberExpression' || node.type === 'OptionalMemberExpression') return ctx.nameOf(node) === 'process.env';
  if (node.type === 'Identifier') {
    if (ctx.nameOf(node) === 'process.env') return true;
    const init = initOf(ctx, node.name);
    return !!init && unwrapEnv(ctx, init, depth + 1);
  }
  return false;
}

function unwrapEnv(ctx: JsRuleContext, node: Node, depth: number): boolean {
  if (node.type === 'LogicalExpression') return isProcessEnv(ctx, node.left, depth + 1);
  if (node.type === 'ParenthesizedExpression') return unwrapEnv(ctx, node.expression, depth + 1);
  return node.type === 'MemberExpression' && ctx.nameOf(node) === 'process.env';
}

/** `process.env.NAME` / `process.env['NAME']` -> NAME. */
export function envVariable(ctx: JsRuleContext, node: Node): string | undefined {
  if (node.type !== 'MemberExpression' && node.type !== 'OptionalMemberExpression') return undefined;
  const name = ctx.nameOf(node);
  return name?.startsWith('process.env.') ? name.slice(12) : undefined;
}

/**
 * What a value reveals about the machine: `os.hostname()`, `os.userInfo().username`,
 * `process.env.USER`, a variable that holds one of those, `process.env` itself.
 */
export function identityOf(ctx: JsRuleContext, node: Node | null | undefined, depth = 0): IdentityKind | undefined {
  if (!node || depth > 4) return undefined;
  switch (node.type) {
    case 'CallExpression': {
      const name = callee(ctx, node);
      const kind = identityOfCall(name);
      if (kind) return kind;
      // JSON.stringify(os.networkInterfaces()), Object.values(os.networkInterfaces()).flat()...
      if (name === 'JSON.stringify' || name === 'Object.values' || name === 'Object.keys' || name === 'Object.entries' || name === 'String' || name === 'encodeURIComponent') {
        const arg = node.arguments[0] as Node | undefined;
        if (name === 'Object.keys' && isProcessEnv(ctx, arg)) return 'env';
        return identityOf(ctx, arg, depth + 1);
      }
      if (node.callee.type === 'MemberExpression') return identityOf(ctx, node.callee.object, depth + 1);
      return undefined;
    }
    case 'MemberExpression':
    case 'OptionalMemberExpression': {
      const env = envVariable(ctx, node);
      if (env) return IDENTITY_ENV[env];
      if (isProcessEnv(ctx, node)) return 'env';
      const key = node.property.type === 'Identifier' && !node.computed ? node.property.name : node.property.type === 'StringLiteral' ? node.property.value : undefined;
      const base = identityOf(ctx, node.object, depth + 1);
      if (base === 'username' && key && USERINFO_MEMBERS[key]) return USERINFO_MEMBERS[key];
      return base;
    }
    case 'Identifier': {
      if (isProcessEnv(ctx, node)) return 'env';
      const init = initOf(ctx, node.name);
      return init ? identityOf(ctx, init, depth + 1) : undefined;
    }
    case 'AwaitExpression':
      return identityOf(ctx, node.argument, depth + 1);
    case 'TemplateLiteral':
      return node.expressions.length === 1 ? identityOf(ctx, node.expressions[0] as Node, depth + 1) : undefined;
    default:
      return undefined;
  }
}

/** Strong identity facts (what a beacon wants); `platform` and `cwd`/`homedir` alone are everywhere. */
export const STRONG_IDENTITY: ReadonlySet<IdentityKind> = new Set(['hostname', 'username', 'netif', 'dns-servers', 'env', 'public-ip']);

/** The command line an exec-family call runs, as far as it can be read. */
export function commandOf(ctx: JsRuleContext, node: Node, name: string): { command: string; program: string; args: string[] } | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  const args = node.arguments as Node[];
  if (!args[0]) return undefined;
  const first = partialString(ctx, args[0]) ?? HOLE;
  if (SHELL_STRING.has(name)) {
    return { command: first, program: first.trim().split(/\s+/)[0] ?? '', args: [] };
  }
  const list: string[] = [];
  const arr = args[1];
  if (arr && arr.type === 'ArrayExpression') {
    for (const e of arr.elements) list.push(e && e.type !== 'SpreadElement' ? partialString(ctx, e as Node) ?? HOLE : HOLE);
  } else if (arr && arr.type === 'Identifier') {
    const init = initOf(ctx, arr.name);
    if (init?.type === 'ArrayExpression') for (const e of init.elements) list.push(e && e.type !== 'SpreadElement' ? partialString(ctx, e as Node) ?? HOLE : HOLE);
  }
  // `spawn('sh', ['-c', cmd])`: the real command is the -c argument.
  const program = first.trim();
  const base = program.replace(/^.*[\\/]/, '').toLowerCase();
  if (/^(?:ba|z|da|k)?sh$|^cmd(?:\.exe)?$|^powershell(?:\.exe)?$|^pwsh(?:\.exe)?$/.test(base)) {
    const i = list.findIndex((a) => /^(?:-c|\/c|\/k|-command|-c(?:ommand)?|-e(?:nc(?:odedcommand)?)?)$/i.test(a));
    if (i >= 0 && list[i + 1] !== undefined) {
      if (/^-e/i.test(list[i]!)) return { command: `${program} ${list.join(' ')}`, program, args: list };
      return { command: list[i + 1]!, program, args: list };
    }
  }
  return { command: [program, ...list].join(' '), program, args: list };
}

/** The options object of an exec/spawn call (last object-literal argument). */
export function execOptions(node: Node): Extract<Node, { type: 'ObjectExpression' }> | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  for (let i = node.arguments.length - 1; i >= 1; i--) {
    const a = node.arguments[i];
    if (a?.type === 'ObjectExpression') return a;
  }
  return undefined;
}

export function propertyKey(p: Node): string | undefined {
  if (p.type !== 'ObjectProperty' && p.type !== 'ObjectMethod') return undefined;
  if (p.computed) return p.key.type === 'StringLiteral' ? p.key.value : undefined;
  return p.key.type === 'Identifier' ? p.key.name : p.key.type === 'StringLiteral' ? p.key.value : p.key.type === 'NumericLiteral' ? String(p.key.value) : undefined;
}

/** The value of `key` in an object literal. */
export function propertyValue(obj: Node | undefined, key: string): Node | undefined {
  if (!obj || obj.type !== 'ObjectExpression') return undefined;
  for (const p of obj.properties) if (p.type === 'ObjectProperty' && propertyKey(p) === key) return p.value as Node;
  return undefined;
}

const installFiles = new WeakMap<object, { paths: Set<string>; bareNode: boolean }>();

/** Is this file launched by a lifecycle script of its package (`node x.js` in preinstall …)? */
export function runAtInstall(ctx: JsRuleContext): boolean {
  let info = installFiles.get(ctx.pkg);
  if (!info) {
    info = { paths: new Set(), bareNode: false };
    const scripts = ctx.pkg.manifest.scripts;
    if (scripts && typeof scripts === 'object') {
      for (const key of ['preinstall', 'install', 'postinstall', 'prepare', 'preuninstall', 'postuninstall']) {
        const body = (scripts as Record<string, unknown>)[key];
        if (typeof body !== 'string') continue;
        for (const m of body.matchAll(/[\w@./-]+\.[cm]?[jt]s\b/g)) info.paths.add(m[0].replace(/^\.\//, ''));
        if (/\bnode\s+\.?\/?(?:\s|$|&|;)/.test(body)) info.bareNode = true;
      }
    }
    installFiles.set(ctx.pkg, info);
  }
  if (!info.paths.size && !info.bareNode) return false;
  const path = ctx.file.path;
  if (info.paths.has(path)) return true;
  const base = path.replace(/^.*\//, '');
  for (const p of info.paths) if (p === base || p.endsWith(`/${path}`) || path.endsWith(`/${p}`)) return true;
  if (!info.bareNode) return false;
  // `node .` / `node` runs the package's main file.
  const main = typeof ctx.pkg.manifest.main === 'string' ? ctx.pkg.manifest.main.replace(/^\.\//, '') : 'index.js';
  return path === main || path === `${main}.js` || path === `${main.replace(/\/$/, '')}/index.js` || (main === '' && path === 'index.js');
}

/** The nearest ancestor of the visited `node` (within `limit`) that passes the test, given its child on the path. */
export function findAncestor(ctx: JsRuleContext, node: Node, test: (n: Node, child: Node) => boolean, limit = 40): Node | undefined {
  const anc = ctx.ancestors();
  for (let i = anc.length - 1, n = 0; i >= 0 && n < limit; i--, n++) {
    const child = i === anc.length - 1 ? node : anc[i + 1]!;
    if (test(anc[i]!, child)) return anc[i];
  }
  return undefined;
}

const NETWORK_TEXT = /\b(?:require|import)\b[^;\n]{0,80}['"](?:node:)?(?:https?|net|tls|dgram|dns|http2|axios|node-fetch|got|request|request-promise|needle|superagent|sync-request|ws|socket\.io-client|ftp|basic-ftp|nodemailer|undici|cross-fetch|isomorphic-fetch|ky|phin|bent)['"]|\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bsendBeacon\b|\bcurl\b|\bwget\b|\bInvoke-WebRequest\b|\bio\.connect\b|\bio\(\s*['"`]/;
const networkTextCache = new WeakMap<object, boolean>();

/** A cheap, text-level "does this file talk to the network at all" (computed once per file). */
export function fileTalksToNetwork(ctx: JsRuleContext): boolean {
  const key = ctx.file as object;
  let v = networkTextCache.get(key);
  if (v === undefined) {
    v = NETWORK_TEXT.test(ctx.text);
    networkTextCache.set(key, v);
  }
  return v;
}

const COMMAND_KEYS = /^(?:command|cmd|commands|script|scripts|run|exec|shell|args|postinstall|preinstall|install|prepare|hook|hooks|ExecStart|ProgramArguments)$/;
const COMMANDISH = /\b(?:curl|wget|powershell|pwsh|iex|certutil|bitsadmin|mshta|nslookup|dig|ncat|netcat|socat|mkfifo|rm\s+-|rd\s+\/s|node\s+-e)\b|\/dev\/tcp|\bnc\s/i;

/**
 * Is the visited string site a command that will be run somewhere else: the value of a
 * `command`/`script`/`run`… property (VS Code tasks, hooks, generated package.json scripts), or
 * the data of a file write (an rc file, a unit file)? Cheap pre-check on the text first. A string
 * kept in a variable (`const INSTALL = 'curl … | sh'`) is not one: CLIs print such hints.
 */
export function commandStringContext(ctx: JsRuleContext, node: Node, s: string): string | undefined {
  if (s.length < 8 || s.indexOf(' ') < 0 || !COMMANDISH.test(s)) return undefined;
  const anc = ctx.ancestors();
  for (let i = anc.length - 1, child: Node = node, n = 0; i >= 0 && n < 6; i--, n++) {
    const a = anc[i]!;
    if (a.type === 'ObjectProperty' && a.value === child) {
      const key = propertyKey(a);
      if (key && COMMAND_KEYS.test(key)) return `a "${key}" entry`;
    }
    if (a.type === 'CallExpression' && a.arguments[1] === child) {
      const w = fsWriteCall(callee(ctx, a));
      if (w && /write|append|output/i.test(w)) {
        // Only files outside the project (home, system, startup): generated Dockerfiles and CI
        // templates carry install one-liners honestly.
        const target = partialString(ctx, a.arguments[0] as Node);
        if (target && isOutsideProject(target)) return `${quoteShort(target)}, a file it writes`;
      }
    }
    if (a.type === 'ExpressionStatement' || a.type === 'BlockStatement' || a.type === 'Program') break;
    child = a;
  }
  return undefined;
}


/** A path in the home folder or the system (rc files, startup folders, units, cron), not the project. */
export function isOutsideProject(path: string): boolean {
  return /(?:^|\/)~(?:\/|$)|\$HOME|^\/(?:home|Users|root|etc|Library)\/|AppData|Start Menu|Startup|LaunchAgents|LaunchDaemons|systemd|cron/i.test(path.replace(/\\/g, '/'));
}

function quoteShort(s: string): string {
  const clean = s.replace(/\u0000/g, '…');
  return JSON.stringify(clean.length > 50 ? `${clean.slice(0, 50)}…` : clean);
}
