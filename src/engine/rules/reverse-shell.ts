import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { indicatorsFor, isPublicIPv4, quote } from '../analysis/helpers/behaviour-hosts';
import { childNodes } from '../analysis/walk';
import { FS_OR_EXEC_NEEDS, HOLE, callee, commandOf, findAncestor, fsWriteCall, isExec, isOutbound, partialString, siteText } from '../analysis/helpers/behaviour-js';

const SHELL = /^(?:.*[\\/])?(?:ba|z|da|k|c)?sh(?:\.exe)?$|^(?:.*[\\/])?(?:cmd|powershell|pwsh)(?:\.exe)?$/i;
const SOCKETS = new Set(['net.Socket', 'net.connect', 'net.createConnection', 'net.Stream', 'tls.connect', 'WebSocket', 'ws', 'socket.io-client', 'socket.io-client.connect', 'socket.io-client.io', 'io', 'io.connect']);
/** Strings worth handing to analyseShell: what a reverse-shell one-liner is made of. */
const SHELL_STRING = /dev\/tcp|\bnc\b|ncat|netcat|mkfifo|socat|sh -i|TCPClient|import socket|use Socket/i;
const REVERSE_SHELL_NEEDS = new RegExp(`${FS_OR_EXEC_NEEDS.source}|${SHELL_STRING.source}`, 'i');
const LISTEN = new Set(['on', 'once', 'addEventListener', 'addListener', 'subscribe']);

/**
 * Threat: a remote shell. Either a shell process wired to a network socket (`net.Socket().connect`
 * + `spawn('/bin/sh')` + `.pipe`), a command line that opens one (`bash -i >& /dev/tcp/…`,
 * `nc -e /bin/sh`, `mkfifo … | nc`), or commands received over a socket, websocket or HTTP
 * response passed to `exec`/`spawn` (a RAT's command loop), or an SSH key planted in
 * `~/.ssh/authorized_keys`.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'reverse-shell',
    kind: 'threat',
    category: 'reverse-shell',
    severity: 'critical',
    specificity: 'high',
    description: 'Gives a remote host a shell, or runs commands received over the network.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
    // Every report needs a process start or a file write (the shell, authorized_keys), or a string
    // that passes the strings() filter below.
    needs: REVERSE_SHELL_NEEDS,
  },
  create(context) {
    let reported = false;
    let shell: Node | undefined;
    let socket: { node: Node; ip?: string } | undefined;
    let pipe: Node | undefined;
    let channel = false;

    const report = (node: Node, message: string, severity?: 'high', ip?: string) => {
      if (reported) return;
      reported = true;
      const indicators = ip ? indicatorsFor(`tcp://${ip}`).filter((i) => i.type === 'ip') : [];
      context.report({ node, message, ...(severity ? { severity } : {}), ...(indicators.length ? { indicators } : {}) });
    };
    const maybeWired = (node: Node) => {
      if (shell && socket && pipe) report(node, `Connects a shell to a remote socket${socket.ip ? ` at ${socket.ip}` : ''}: a reverse shell.`, undefined, socket.ip);
    };

    /** Does the command come from data a network callback received (its parameters, or locals built from them)? */
    const fromCallback = (node: Node, cmd: Node | undefined): boolean => {
      if (!cmd || cmd.type === 'StringLiteral') return false;
      const v = partialString(context, cmd);
      if (v !== undefined && !v.includes(HOLE)) return false;
      let fn: Node | undefined;
      const cb = findAncestor(context, node, (a, child) => {
        if (a.type !== 'CallExpression' || a.callee === child) return false;
        const c = a.callee;
        let ok = false;
        if (c.type === 'MemberExpression' && c.property.type === 'Identifier' && LISTEN.has(c.property.name) && channel) ok = true;
        else if (c.type === 'MemberExpression' && c.property.type === 'Identifier' && c.property.name === 'then' && c.object.type === 'CallExpression' && isOutbound(callee(context, c.object))) ok = true;
        else ok = isOutbound(callee(context, a));
        if (ok && (child.type === 'FunctionExpression' || child.type === 'ArrowFunctionExpression')) fn = child;
        return ok && !!fn;
      }, 25);
      if (!cb || !fn || (fn.type !== 'FunctionExpression' && fn.type !== 'ArrowFunctionExpression')) return false;
      const names = new Set<string>();
      for (const p of fn.params) patternNames(p as Node, names);
      if (fn.body.type === 'BlockStatement') {
        for (const st of fn.body.body) {
          if (st.type !== 'VariableDeclaration') continue;
          for (const d of st.declarations) if (d.init && mentions(d.init as Node, names)) patternNames(d.id as Node, names);
        }
      }
      return mentions(cmd, names);
    };

    const call = (node: Node) => {
      if (reported || (node.type !== 'CallExpression' && node.type !== 'NewExpression')) return;
      const name = callee(context, node);
      if (name && SOCKETS.has(name)) {
        channel = true;
        if (name.startsWith('net.') || name === 'tls.connect') {
          const ip = node.arguments.map((a) => partialString(context, a as Node)).find((v) => v && isPublicIPv4(v));
          socket ??= { node, ...(ip ? { ip } : {}) };
          maybeWired(node);
        }
        return;
      }
      if (name && isExec(name)) {
        const cmd = commandOf(context, node, name);
        if (cmd) {
          const hit = analyseShell(cmd.command).filter((h) => h.behaviour === 'reverse-shell').sort((a, b) => (a.severity ? 1 : 0) - (b.severity ? 1 : 0))[0];
          if (hit) return report(node, `Runs a command that ${hit.what} (${name}${hit.target ? `, ${quote(hit.target, 50)}` : ''}).`, hit.severity);
          const program = cmd.program.replace(/^["']|["']$/g, '');
          if (SHELL.test(program) && !cmd.args.some((a) => /^(?:-c|\/c|\/k|-command|-file)$/i.test(a))) {
            shell ??= node;
            maybeWired(node);
          }
        }
        const first = node.arguments[0] as Node | undefined;
        if (fromCallback(node, first)) report(node, `Runs commands received over the network (${name}): remote command execution.`, 'high');
        return;
      }
      const w = fsWriteCall(name);
      if (w && /write|append|outputFile/i.test(w) && node.type === 'CallExpression') {
        const target = partialString(context, node.arguments[0] as Node);
        if (target && /\.ssh\/authorized_keys2?$/.test(target.replace(/\\/g, '/'))) return report(node, `Adds an SSH key to ${quote(target, 50)}: whoever holds the private key can log in.`, 'high');
      }
      if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier') {
        const m = node.callee.property.name;
        // `child.stdin.write(data)` from a socket handler: the same wiring without .pipe().
        if (m === 'write' && node.callee.object.type === 'MemberExpression' && node.callee.object.property.type === 'Identifier' && node.callee.object.property.name === 'stdin' && channel) {
          pipe ??= node;
          maybeWired(node);
          return;
        }
        if (m === 'connect' || m === 'pump' || m === 'pipe') {
          if (m === 'connect') {
            const ip = node.arguments.map((a) => partialString(context, a as Node)).find((v) => v && isPublicIPv4(v));
            if (ip || /\bnet\b|Socket/.test(context.text)) {
              socket ??= { node, ...(ip ? { ip } : {}) };
              maybeWired(node);
            }
            return;
          }
          const text = context.text.slice(node.start ?? 0, Math.min(node.end ?? 0, (node.start ?? 0) + 200));
          if (/\.std(?:in|out|err)\b/.test(text)) {
            pipe ??= node;
            maybeWired(node);
          }
        }
      }
    };

    const strings = (node: Node) => {
      if (reported) return;
      const s = siteText(context, node);
      if (!s || s.length < 8 || (s.indexOf(' ') < 0 && s.indexOf('/') < 0) || !SHELL_STRING.test(s)) return;
      for (const hit of analyseShell(s)) if (hit.behaviour === 'reverse-shell') return report(node, `Holds a command that ${hit.what}${hit.target ? ` (${quote(hit.target, 50)})` : ''}.`, 'high');
    };

    return {
      CallExpression: call,
      NewExpression: call,
      StringLiteral: strings,
      TemplateLiteral: strings,
      BinaryExpression: strings,
    };
  },
};

function patternNames(p: Node, out: Set<string>): void {
  if (p.type === 'Identifier') out.add(p.name);
  else if (p.type === 'ObjectPattern') for (const prop of p.properties) patternNames((prop.type === 'RestElement' ? prop.argument : prop.value) as Node, out);
  else if (p.type === 'ArrayPattern') for (const e of p.elements) { if (e) patternNames(e as Node, out); }
  else if (p.type === 'AssignmentPattern') patternNames(p.left as Node, out);
  else if (p.type === 'RestElement') patternNames(p.argument as Node, out);
}

function mentions(n: Node, names: Set<string>): boolean {
  if (!names.size) return false;
  const stack: Node[] = [n];
  let budget = 40;
  while (stack.length && budget-- > 0) {
    const x = stack.pop()!;
    if (x.type === 'Identifier') {
      if (names.has(x.name)) return true;
      continue;
    }
    if (x.type === 'MemberExpression') {
      stack.push(x.object);
      if (x.computed) stack.push(x.property as Node);
      continue;
    }
    if (x.type === 'FunctionExpression' || x.type === 'ArrowFunctionExpression') continue;
    for (const c of childNodes(x)) stack.push(c);
  }
  return false;
}

export default rule;
