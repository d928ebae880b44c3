import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { clip, indicatorsFor, quote } from '../analysis/helpers/behaviour-hosts';
import { describeTarget } from '../analysis/helpers/behaviour-flow';
import {
  HOLE, callee, commandOf, commandStringContext, execOptions, fileTalksToNetwork, findAncestor, fsWriteCall, initOf, isExec, isOutbound,
  isOutsideProject, partialString, propertyValue, runAtInstall, siteText,
} from '../analysis/helpers/behaviour-js';
import { childNodes } from '../analysis/walk';

const EVALUATORS = new Set(['eval', 'Function', 'vm.runInNewContext', 'vm.runInThisContext', 'vm.runInContext', 'vm.Script', 'vm.compileFunction', 'vm.SourceTextModule', 'require-from-string', 'module._compile']);
const WRITERS = new Set(['writeFile', 'writeFileSync', 'createWriteStream', 'outputFile', 'outputFileSync', 'copyFile', 'copyFileSync', 'rename', 'renameSync', 'appendFile', 'appendFileSync', 'chmod', 'chmodSync']);
const EXECUTABLE = /\.(?:exe|scr|bat|cmd|ps1|vbs|vbe|msi|com|pif|hta|jar|dll|sh|bin|command|app)(?=$|["'\s,])/i;
const LAUNCHERS = /^(?:powershell|pwsh|cmd|wscript|cscript|mshta|rundll32|regsvr32|msiexec|node|python[23]?|bash|sh|zsh|perl|ruby|bun|deno)(?:\.exe)?$/i;
const SCRIPT_FILE = /\.(?:ps1|psm1|bat|cmd|vbs|vbe|js|mjs|cjs|py|sh|pl|rb|hta|dll|msi)(?=$|["'\s,])/i;
const WINDOWS_PROGRAM = /\.(?:exe|scr|vbs|vbe|hta|msi|pif|com|jar)$/i;
const HIDDEN_HOME = /^~\/\.[^/\u0000]+(?:\/|$)/;
const CACHE_HOME = /^~\/\.(?:cache|npm\/_(?:cacache|prebuilds|logs)|node-gyp|local|config|nvm|volta|bun|deno|yarn|pnpm-store)(?:\/|$)/;
function isHiddenHome(s: string): boolean {
  const p = s.replace(/\\/g, '/');
  return HIDDEN_HOME.test(p) && !CACHE_HOME.test(p);
}
const NON_RUN = /^(?:tar|unzip|gunzip|gzip|7z|7za|xz|cat|type|rm|del|mv|move|cp|copy|ls|dir|chmod|chown|mkdir|echo|git|npm|yarn|pnpm|grep|find|sed|awk|xattr|codesign|file|stat|test|which|where|ln|touch|attrib|icacls|crontab|launchctl|schtasks|reg|tee|head|tail|wc|diff)(?:\.exe)?$/i;
const TEMP_PATH = /^(?:\$TMP|\/tmp\/|\/var\/tmp\/|~\/AppData\/Local\/Temp|C:\/Windows\/Temp|[A-Za-z]:[\\/](?!Program Files))/i;

/**
 * Threat: code that fetches something and runs it. Shapes: a shell one-liner in an exec call
 * (`curl … | sh`, `powershell -EncodedCommand`, `iex (…DownloadString)`, certutil, bitsadmin);
 * `eval`/`new Function`/`vm` applied to a network response; a file written (or downloaded with
 * `curl -o`) and then executed by the same code, in a file that downloads; an executable dropped
 * to a temp folder and started; such a one-liner planted in a `command` entry or written into a
 * file of the home folder. At medium, for install scripts: starting a detached, silenced process;
 * running a Windows program; keeping a download in a hidden folder of the home directory.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'download-execute',
    kind: 'threat',
    category: 'download-exec',
    severity: 'high',
    specificity: 'high',
    description: 'Downloads code or a program and runs it.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  create(context) {
    const network = fileTalksToNetwork(context);
    const installScript = runAtInstall(context);
    const netResults = new Set<string>();
    const written = new Map<string, { node: Node; shellish: boolean }>();
    let outbound: string | undefined;
    let target: string | undefined;
    let reports = 0;
    let detachedReported = false;
    let pendingRun: { node: Node; message: string } | undefined;
    let hiddenReported = false;
    let exeReported = false;
    let hiddenDir: string | undefined;
    let savesFile: Node | undefined;

    const report = (node: Node, message: string, severity?: 'medium', url?: string) => {
      if (reports >= 2) return;
      reports++;
      const indicators = url ? indicatorsFor(url) : target ? indicatorsFor(target) : [];
      context.report({ node, message, ...(severity ? { severity } : {}), ...(indicators.length ? { indicators } : {}) });
    };

    /** Keys a path expression is known by: the variables that hold it and its constant text. */
    const keysOf = (node: Node | null | undefined): string[] => {
      if (!node) return [];
      let n: Node = node;
      const out: string[] = [];
      const direct = (x: Node | null | undefined) => {
        if (x?.type === 'Identifier') out.push(`id:${x.name}`);
      };
      direct(n);
      // `exec(cmd)` with `const cmd = \`curl -o ${dest} ${url}\``: the variables inside count.
      if (n.type === 'Identifier') {
        const init = initOf(context, n.name);
        if (init && (init.type === 'TemplateLiteral' || init.type === 'BinaryExpression')) n = init;
      }
      if (n.type === 'TemplateLiteral') n.expressions.forEach((e) => direct(e as Node));
      else if (n.type === 'ArrayExpression') n.elements.forEach((e) => direct(e as Node));
      else if (n.type === 'BinaryExpression') {
        const stack: Node[] = [n];
        while (stack.length) {
          const x = stack.pop()!;
          if (x.type === 'BinaryExpression' && x.operator === '+') stack.push(x.left as Node, x.right);
          else direct(x);
        }
      }
      const s = partialString(context, node);
      if (s && s.replace(/\u0000/g, '').length >= 4) out.push(`str:${s}`);
      return out;
    };

    const containsOutbound = (n: Node | null | undefined): boolean => {
      if (!n) return false;
      const stack: Node[] = [n];
      let budget = 40;
      while (stack.length && budget-- > 0) {
        const x = stack.pop()!;
        if ((x.type === 'CallExpression' || x.type === 'NewExpression') && isOutbound(callee(context, x))) return true;
        if (x.type === 'FunctionExpression' || x.type === 'ArrowFunctionExpression') continue;
        for (const c of childNodes(x)) stack.push(c);
      }
      return false;
    };

    /** `await fetch(u)`, `(await axios.get(u)).data`, `res.text()`: a value that comes straight from a request. */
    const resultOfOutbound = (n: Node): boolean => {
      let cur: Node | null | undefined = n;
      for (let i = 0; cur && i < 8; i++) {
        if (cur.type === 'AwaitExpression') cur = cur.argument;
        else if (cur.type === 'MemberExpression') cur = cur.object;
        else if (cur.type === 'CallExpression' || cur.type === 'NewExpression') {
          if (isOutbound(callee(context, cur))) return true;
          const c: Node = cur.callee as Node;
          if (c.type === 'MemberExpression') cur = c.object;
          else return false;
        } else if (cur.type === 'Identifier') return netResults.has(cur.name);
        else return false;
      }
      return false;
    };

    const refsNetResult = (n: Node | null | undefined): boolean => {
      if (!n || !netResults.size) return false;
      const stack: Node[] = [n];
      let budget = 60;
      while (stack.length && budget-- > 0) {
        const x = stack.pop()!;
        if (x.type === 'Identifier' && netResults.has(x.name)) return true;
        for (const c of childNodes(x)) stack.push(c);
      }
      return false;
    };

    const insideNetworkCallback = (node: Node): Node | undefined =>
      findAncestor(context, node, (a, child) => (a.type === 'CallExpression' || a.type === 'NewExpression') && a.callee !== child && (isOutbound(callee(context, a)) || (a.callee.type === 'MemberExpression' && a.callee.property.type === 'Identifier' && a.callee.property.name === 'then' && containsOutbound(a.callee.object))), 30);

    const onEval = (node: Node, name: string) => {
      if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return;
      const code = node.arguments[node.arguments.length - 1] as Node | undefined;
      if (!code || code.type === 'StringLiteral' || code.type === 'FunctionExpression' || code.type === 'ArrowFunctionExpression') return;
      if (typeof context.evaluate(code) === 'string') return;
      const cb = insideNetworkCallback(node);
      if (refsNetResult(code) || containsOutbound(code) || cb) {
        const where = cb ? describeTarget(context, cb).target : target;
        report(node, `Runs code downloaded${where ? ` from ${quote(where, 60)}` : ' over the network'} with ${name}.`, undefined, where);
      }
    };

    const onExec = (node: Node, name: string) => {
      const cmd = commandOf(context, node, name);
      if (!cmd) return;
      for (const hit of analyseShell(cmd.command)) {
        if (hit.behaviour === 'download-exec' || hit.behaviour === 'encoded-powershell') {
          report(node, `Runs a command that ${hit.what} (${name}${hit.target ? `, ${quote(hit.target, 60)}` : ''}).`, undefined, hit.target);
          return;
        }
      }
      const args = node.type === 'CallExpression' || node.type === 'NewExpression' ? (node.arguments as Node[]) : [];
      // Running a freshly installed binary with --version is how installers check it works.
      if (cmd.args.length > 0 && cmd.args.length <= 2 && cmd.args.every((a) => /^(?:--?v(?:ersion)?|version|--help|-h)$/.test(a))) return;
      if (cmd.args.length === 0 && /\s--?version\s*$/.test(cmd.command)) return;
      // A file this code wrote (or chmod-ed), now executed (not unpacked, listed, copied …).
      const keys = NON_RUN.test(cmd.program.replace(/^["']|["']$/g, '').replace(/^.*[\\/]/, '')) ? [] : [...keysOf(args[0]), ...keysOf(args[1])];
      for (const [key, w] of written) {
        const hit = key.startsWith('id:') ? keys.includes(key) : keys.some((k) => k === key || (!key.includes(HOLE) && k.startsWith('str:') && k.includes(key.slice(4))));
        if (hit && (network || w.shellish)) {
          report(node, `Writes a file and then runs it (${name}${cmd.program && cmd.program !== HOLE ? ` ${quote(cmd.command, 50)}` : ''})${network ? ' in a file that downloads' : ', and the file it wrote downloads more'}.`);
          return;
        }
      }
      // An executable (or a script, via its interpreter) dropped in a temp or drive-root folder and
      // started, in a file that downloads.
      const prog = cmd.program.replace(/^["']|["']$/g, '');
      const launcher = LAUNCHERS.test(prog.replace(/^.*[\\/]/, ''));
      const dropped = launcher
        ? cmd.args.find((a) => !a.startsWith('-') && (SCRIPT_FILE.test(a) || TEMP_PATH.test(a)))
        : EXECUTABLE.test(prog) || TEMP_PATH.test(prog) ? prog : undefined;
      if (network && dropped) {
        const message = launcher
          ? `Runs ${quote(dropped, 60)} with ${clip(prog.replace(/^.*[\\/]/, ''), 30)}, a script this file downloads and saves (${name}).`
          : `Starts ${quote(prog, 60)}, a program this file downloads and saves (${name}).`;
        if (written.size) return report(node, message);
        pendingRun ??= { node, message };
      }
      // `curl -o X URL` in one call: X counts as written (and downloaded).
      if (/\b(?:curl|wget|Invoke-WebRequest|iwr|certutil|bitsadmin)\b/i.test(cmd.command)) {
        const out = args[0];
        for (const k of keysOf(out)) if (k.startsWith('id:') && !written.has(k)) written.set(k, { node, shellish: true });
        const file = /(?:-o|-O|--output(?:-document)?|-OutFile)\s+["']?([^\s"']+)/i.exec(cmd.command)?.[1];
        if (file && !file.includes(HOLE)) written.set(`str:${file}`, { node, shellish: true });
      }
      // An install script that starts a Windows program (a dropper shipping its payload, or fetching it elsewhere).
      if (installScript && !exeReported && WINDOWS_PROGRAM.test(prog)) {
        exeReported = true;
        report(node, `An install script runs the program ${quote(prog, 60)} (${name}).`, 'medium');
        return;
      }
      // A detached, silenced process started from an install script.
      if (installScript && !detachedReported) {
        const opts = execOptions(node);
        const detached = opts && context.evaluate(propertyValue(opts, 'detached') as Node) === true;
        const stdio = opts ? propertyValue(opts, 'stdio') : undefined;
        const silent = stdio && (context.evaluate(stdio) === 'ignore' || (stdio.type === 'ArrayExpression' && stdio.elements.every((e) => e && context.evaluate(e as Node) === 'ignore')));
        if (detached && silent) {
          detachedReported = true;
          report(node, `An install script starts a detached background process with its output discarded (${name}${cmd.command && cmd.command !== HOLE ? ` ${quote(cmd.command, 50)}` : ''}), so it outlives npm install unseen.`, 'medium');
        }
      }
    };

    const call = (node: Node) => {
      if (reports >= 2 || (node.type !== 'CallExpression' && node.type !== 'NewExpression')) return;
      const name = callee(context, node);
      if (!name) {
        // fetch(u).then(r => r.text()).then(eval)
        if (node.type === 'CallExpression' && node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'then') {
          const f = node.arguments[0] as Node | undefined;
          const fname = f && (f.type === 'Identifier' || f.type === 'MemberExpression') ? context.nameOf(f) : undefined;
          if (fname && EVALUATORS.has(fname) && containsOutbound(node.callee.object)) report(node, `Passes a network response straight to ${fname}.`);
        }
        return;
      }
      if (isOutbound(name) && !outbound) {
        outbound = name;
        target = describeTarget(context, node).target;
      }
      if (EVALUATORS.has(name)) return onEval(node, name);
      if (isExec(name)) return onExec(node, name);
      const fn = fsWriteCall(name);
      if (fn && WRITERS.has(fn) && node.type === 'CallExpression') {
        const dest = node.arguments[fn.startsWith('copyFile') || fn.startsWith('rename') ? 1 : 0] as Node | undefined;
        const data = partialString(context, node.arguments[1] as Node);
        const shellish = !!data && analyseShell(data).some((h) => h.behaviour === 'download-exec' || h.behaviour === 'encoded-powershell') || !!data && /\b(?:curl|wget|Invoke-WebRequest|DownloadString|bitsadmin|certutil)\b/i.test(data);
        for (const k of keysOf(dest)) if (!written.has(k)) written.set(k, { node, shellish });
        // A download-and-run line written into a file of the home folder (rc file, startup script).
        if (shellish && data) {
          const where = partialString(context, dest ?? null);
          const hit = analyseShell(data).find((h) => h.behaviour === 'download-exec' || h.behaviour === 'encoded-powershell');
          if (hit && where && isOutsideProject(where)) {
            report(node, `Writes a command that ${hit.what} into ${quote(where, 50)}${hit.target ? ` (${quote(hit.target, 50)})` : ''}.`, undefined, hit.target);
          }
        }
        if (/^(?:writeFile|writeFileSync|createWriteStream|outputFile|outputFileSync)$/.test(fn)) {
          const where = partialString(context, dest ?? null);
          if (where && isHiddenHome(where)) hiddenDir ??= where;
          savesFile ??= node;
          hiddenStage(node);
        }
        if (pendingRun && network) report(pendingRun.node, pendingRun.message);
        pendingRun = undefined;
      }
    };

    /** A first stage: at install, save what was downloaded into a hidden folder of the home directory. */
    const hiddenStage = (at: Node) => {
      if (hiddenReported || !installScript || !network || !hiddenDir || !savesFile) return;
      hiddenReported = true;
      const tls = /NODE_TLS_REJECT_UNAUTHORIZED['"]?\]?\s*=\s*['"]?0/.test(context.text);
      report(at, `An install script downloads a file and keeps it in ${quote(hiddenDir, 50)}${tls ? ' after turning off TLS certificate checks' : ''}: a first-stage loader.`, 'medium');
    };

    const strings = (node: Node) => {
      if (reports >= 2) return;
      const s = siteText(context, node);
      if (!s) return;
      if (installScript && !hiddenDir && s.length < 200 && isHiddenHome(s)) {
        hiddenDir = s;
        hiddenStage(node);
      }
      const where = commandStringContext(context, node, s);
      if (!where) return;
      for (const hit of analyseShell(s)) {
        if (hit.behaviour === 'download-exec' || hit.behaviour === 'encoded-powershell') {
          report(node, `Plants a command that ${hit.what} in ${where}${hit.target ? ` (${quote(hit.target, 60)})` : ''}.`, undefined, hit.target);
          return;
        }
      }
    };

    return {
      StringLiteral: strings,
      TemplateLiteral: strings,
      BinaryExpression: strings,
      VariableDeclarator: (node) => {
        if (network && node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init && resultOfOutbound(node.init)) netResults.add(node.id.name);
      },
      CallExpression: call,
      NewExpression: call,
    };
  },
};

export default rule;
