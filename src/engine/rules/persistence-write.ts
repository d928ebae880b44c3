import type { Node } from '@babel/types';
import { persistenceCommand } from '../analysis/helpers/delivery-commands';
import { clip } from '../analysis/helpers/delivery-manifest';
import { PERSISTENCE_HINT, type PersistenceTarget, persistencePath } from '../analysis/helpers/delivery-persistence';
import type { Rule, Severity } from '../analysis/types';
import { childNodes } from '../analysis/walk';

const FS_MODULES = new Set(['fs', 'fs/promises', 'fs.promises', 'fs-extra', 'graceful-fs', 'fs-extra.promises']);
/** Methods that write their first argument. */
const WRITE_FIRST = new Set(['writeFile', 'writeFileSync', 'appendFile', 'appendFileSync', 'createWriteStream', 'outputFile', 'outputFileSync', 'outputJson', 'outputJsonSync', 'outputJSON', 'outputJSONSync', 'writeJson', 'writeJsonSync', 'writeJSON', 'writeJSONSync', 'mkdir', 'mkdirSync', 'mkdirp', 'mkdirpSync', 'ensureDir', 'ensureDirSync', 'ensureFile', 'ensureFileSync']);
/** Methods that write their second argument (copy, move, link). */
const WRITE_SECOND = new Set(['copyFile', 'copyFileSync', 'cp', 'cpSync', 'rename', 'renameSync', 'symlink', 'symlinkSync', 'link', 'linkSync', 'copy', 'copySync', 'move', 'moveSync']);
const EXEC = new Set(['child_process.exec', 'child_process.execSync', 'child_process.spawn', 'child_process.spawnSync', 'child_process.execFile', 'child_process.execFileSync', 'shelljs.exec', 'execa', 'execa.command', 'execa.commandSync', 'execa.sync', 'cross-spawn', 'cross-spawn.sync']);
/** Calls that only build a path or a string: a literal inside them still belongs to the outer call. */
const BUILDERS = new Set(['path.join', 'path.resolve', 'path.posix.join', 'path.posix.resolve', 'path.win32.join', 'path.win32.resolve', 'path.normalize', 'url.pathToFileURL', 'untildify', 'String', 'os.homedir']);
const PASS_THROUGH = new Set(['BinaryExpression', 'TemplateLiteral', 'ArrayExpression', 'SpreadElement', 'ConditionalExpression', 'LogicalExpression', 'TSAsExpression', 'ParenthesizedExpression', 'TemplateElement']);
const MAX_GATHER = 60;
/** A piece of a persistence path (`path.join(root, '.vscode')` then `path.join(dir, 'tasks.json')`). */
/** Commands that take an installed service or hook down again: what an honest service installer also offers. */
const UNDO = /\b(?:systemctl\s+(?:--user\s+)?disable|launchctl\s+(?:unload|bootout|remove)|update-rc\.d\s+(?:-f\s+)?\S+\s+(?:disable|remove)|chkconfig\s+(?:--del\s|\S+\s+off)|rc-update\s+del(?:ete)?|crontab\s+-r|schtasks(?:\.exe)?\s+\/delete|reg(?:\.exe)?\s+delete\b[^\n]*\\Run\b)/i;
const PARTIAL = /(?:^|[\\/])\.(?:vscode|claude|github|config)(?:[\\/]|$)|workflows|systemd|Launch(?:Agents|Daemons)|Start Menu|Startup|\.(?:bashrc|bash_profile|zshrc|zshenv|zprofile|profile)\b|crontab|cron\.d|CurrentVersion/;
const PAYLOAD = /\b(?:curl|wget)\b[^\n]*\|\s*(?:ba|z)?sh\b|\balias\s+(?:sudo|ssh|git|npm|node)=|\b(?:iwr|Invoke-WebRequest)\b|\bnohup\b|\/dev\/tcp\/|\bbase64\s+(?:-d|--decode)/;

type Sink = { kind: 'write'; name: string; arg: number } | { kind: 'exec'; name: string };

function sinkOf(name: string | undefined): Sink | undefined {
  if (!name) return undefined;
  if (EXEC.has(name)) return { kind: 'exec', name };
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return undefined;
  const mod = name.slice(0, dot);
  const method = name.slice(dot + 1);
  if (!FS_MODULES.has(mod)) return undefined;
  if (WRITE_FIRST.has(method)) return { kind: 'write', name, arg: 0 };
  if (WRITE_SECOND.has(method)) return { kind: 'write', name, arg: 1 };
  return undefined;
}

function literalOf(node: Node): string | undefined {
  if (node.type === 'StringLiteral') return node.value;
  if (node.type === 'TemplateLiteral') return node.quasis.map((q) => q.value.cooked ?? q.value.raw).join('/');
  return undefined;
}

/**
 * Writes that make code run again later, outside the package: shell rc files, cron, systemd,
 * launchd, the Windows Startup folder and Run keys, GitHub workflows, .vscode/tasks.json,
 * .claude/settings.json; and exec'd commands that do the same (crontab, schtasks, reg add).
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'persistence-write',
    kind: 'threat',
    category: 'persistence',
    severity: 'high',
    specificity: 'high',
    description: 'Writes to a place that runs code later (shell rc, cron, systemd, launchd, Startup folder, Run key, workflows, tasks.json, Claude hooks) or runs a command that installs such a hook.',
    skip: { typeDeclaration: true, test: true },
    // Everything starts from a literal that matches PERSISTENCE_HINT (onString); calls are only
    // checked once such a literal has been held or listed.
    needs: PERSISTENCE_HINT,
  },
  create(context) {
    /** Variables holding a persistence path or command, by name. */
    const held = new Map<string, string[]>();
    const reported = new Set<Node>();
    /** A persistence path listed somewhere in the file (e.g. an array of rc files looped over). */
    let listed: (PersistenceTarget & { path: string }) | undefined;
    let triggers: string | undefined;

    const gather = (root: Node): string[] => {
      const out: string[] = [];
      const stack: Node[] = [root];
      let seen = 0;
      while (stack.length && seen++ < MAX_GATHER) {
        const n = stack.pop()!;
        const lit = literalOf(n);
        if (lit !== undefined) out.push(lit);
        else if (n.type === 'Identifier' && held.has(n.name)) out.push(...held.get(n.name)!);
        if (n.type === 'StringLiteral' || n.type === 'Identifier') continue;
        if (n.type === 'FunctionExpression' || n.type === 'ArrowFunctionExpression' || n.type === 'ObjectExpression') continue;
        const kids = childNodes(n);
        for (let i = kids.length - 1; i >= 0; i--) stack.push(kids[i]!);
      }
      return out;
    };

    // A tool whose job is to install services (pm2 startup, forever) writes these files when its
    // user asks it to. Code that neither runs at install nor on import is held at medium unless
    // what it writes fetches or runs code.
    const scripts = context.pkg.manifest.scripts;
    const runsAtInstall = typeof scripts === 'object' && scripts !== null && ['preinstall', 'install', 'postinstall'].some((k) => typeof (scripts as Record<string, unknown>)[k] === 'string');
    const onDemand = !context.traits.entryPoint && !runsAtInstall;
    const capped = (severity: Severity): Severity => (onDemand && severity === 'high' ? 'medium' : severity);
    // A service manager also takes its service down again (`pm2 unstartup`): a file that can
    // disable or unload what it installs, run only on demand, is managing services, not hiding one.
    const manages = onDemand && UNDO.test(context.text);

    const severityFor = (target: PersistenceTarget): Severity => {
      if (!target.trigger) return target.severity;
      triggers ??= context.text;
      return target.trigger.test(triggers) ? 'high' : target.severity;
    };

    const check = (call: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>, sink: Sink) => {
      if (reported.has(call)) return;
      if (sink.kind === 'exec') {
        const found = persistenceCommand(gather(call).join(' '));
        if (!found) return;
        reported.add(call);
        if (manages) return;
        context.report({ node: call, severity: capped(found.severity), message: `Runs a command through ${sink.name} that ${found.what}.` });
        return;
      }
      const arg = call.arguments[sink.arg];
      if (!arg) return;
      let target = persistencePath(gather(arg as Node));
      // A path computed at run time, in a file that lists shell rc files or the like: appending there is the persistence move.
      if (!target && listed && /append|output/i.test(sink.name) && arg.type !== 'StringLiteral') target = listed;
      if (!target) return;
      reported.add(call);
      // What is written: a download-and-run line or an alias over sudo makes the intent plain.
      const data = sink.arg === 0 && call.arguments[1] ? context.evaluate(call.arguments[1] as Node) : undefined;
      const payload = typeof data === 'string' && PAYLOAD.test(data);
      if (manages && !payload) return;
      context.report({
        node: call,
        severity: payload ? 'high' : capped(severityFor(target)),
        message: `Writes to ${clip(target.path, 60)} with ${sink.name}: ${target.what}${payload ? '; the text written fetches or runs code' : ''}.`,
        indicators: [{ type: 'path', value: target.path }],
      });
    };

    const onString = (node: Node) => {
      const lit = literalOf(node);
      if (lit === undefined || lit.length > 2000 || !PERSISTENCE_HINT.test(lit)) return;
      const stack = context.ancestors();
      let child: Node = node;
      for (let i = stack.length - 1; i >= 0 && i >= stack.length - 10; i--) {
        const parent = stack[i]!;
        if (PASS_THROUGH.has(parent.type) || parent.type === 'MemberExpression') {
          child = parent;
          continue;
        }
        if (parent.type === 'CallExpression' || parent.type === 'NewExpression') {
          if (parent.callee === child) {
            listed ??= persistencePath([lit]);
            return;
          }
          const name = context.calleeName(parent);
          const sink = sinkOf(name);
          if (sink) return check(parent, sink);
          const method = parent.callee.type === 'MemberExpression' && parent.callee.property.type === 'Identifier' ? parent.callee.property.name : undefined;
          if ((name && BUILDERS.has(name)) || method === 'join' || method === 'concat') {
            child = parent;
            continue;
          }
          // A Run key handed to a registry library (winreg and the like).
          if (!/CurrentVersion/i.test(lit)) return;
          const pieces = gather(parent);
          const target = persistencePath(pieces);
          if (target && /Run key/.test(target.what) && !reported.has(parent)) {
            reported.add(parent);
            context.report({ node: parent, severity: target.severity, message: `Opens ${target.what} (${name ?? 'registry call'}).`, indicators: [{ type: 'path', value: target.path }] });
          }
          return;
        }
        if ((parent.type === 'VariableDeclarator' && parent.id.type === 'Identifier') || (parent.type === 'AssignmentExpression' && parent.left.type === 'Identifier')) {
          const name = parent.type === 'VariableDeclarator' ? (parent.id as { name: string }).name : (parent.left as { name: string }).name;
          const pieces = gather((parent.type === 'VariableDeclarator' ? parent.init : parent.right) as Node);
          // Remember only what names a persistence place or command, so other calls stay unchecked.
          if (PARTIAL.test(pieces.join('/')) || persistenceCommand(pieces.join(' '))) held.set(name, pieces);
          return;
        }
        listed ??= persistencePath([lit]);
        return;
      }
    };

    const onCall = (node: Node) => {
      if (!held.size && !listed) return;
      const call = node as Extract<Node, { type: 'CallExpression' | 'NewExpression' }>;
      // Only calls that pass a remembered variable somewhere in their arguments.
      if (!call.arguments.some((a) => a.type === 'Identifier' ? held.has(a.name) || !!listed : a.type === 'CallExpression' || a.type === 'TemplateLiteral' || a.type === 'BinaryExpression' || a.type === 'ArrayExpression')) return;
      const sink = sinkOf(context.calleeName(call));
      if (sink) check(call, sink);
    };

    return { StringLiteral: onString, TemplateLiteral: onString, CallExpression: onCall, NewExpression: onCall };
  },
};

export default rule;
