import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { FlowTracker, sinkIndicators, sinkPhrase } from '../analysis/helpers/behaviour-flow';
import { NETWORK_NEEDS, STRONG_IDENTITY, callee, commandOf, commandStringContext, identityOf, initOf, runAtInstall, siteText, isExec, type IdentityKind } from '../analysis/helpers/behaviour-js';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { indicatorsFor, quote } from '../analysis/helpers/behaviour-hosts';

/** A stable per-machine identifier (node-machine-id and friends): what tracks one victim across installs. */
type Kind = IdentityKind | 'machine-id';
const MACHINE_ID_CALLS = new Set([
  'node-machine-id.machineIdSync', 'node-machine-id.machineId', 'node-machine-id.default.machineIdSync', 'node-machine-id.default.machineId',
  'systeminformation.uuid', 'machine-uuid', 'machine-digest.get', 'getmac.default', 'getmac', 'macaddress.one', 'macaddress.all',
]);

const COMMAND_KIND: Record<string, IdentityKind> = { hostname: 'hostname', whoami: 'username', id: 'username', ifconfig: 'netif', ipconfig: 'netif', env: 'env', printenv: 'env', uname: 'platform', pwd: 'cwd' };

const LABEL: Record<Kind, string> = {
  'machine-id': 'unique ID',
  hostname: 'host name',
  username: 'user name',
  homedir: 'home directory',
  netif: 'network interfaces',
  'dns-servers': 'DNS servers',
  cwd: 'working directory',
  env: 'environment',
  platform: 'OS details',
  'public-ip': 'public IP',
};
const ORDER: Kind[] = ['machine-id', 'hostname', 'username', 'homedir', 'cwd', 'netif', 'public-ip', 'dns-servers', 'env', 'platform'];

/**
 * Threat: the recon beacon of dependency-confusion packages. Facts that identify the machine
 * (host name, user name, home or working directory, network interfaces, DNS servers, the
 * environment) are gathered into one object, array or string and that value reaches a network
 * call, a DNS lookup or a `curl`/`nslookup` command in the same file. In code that an install
 * script runs, one identifying fact (a host name, a machine ID) is enough: nothing honest sends it
 * home while the package installs.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'recon-beacon',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'Collects host name, user name, directories or network details and sends them out.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
    // Every report ends at a flow sink (an outbound call, a network tool run) or a shell one-liner
    // with a network tool (analyseShell's recon/env/dns exfiltration).
    needs: NETWORK_NEEDS,
  },
  create(context) {
    const flow = new FlowTracker<Set<Kind>>(context);
    let installTime: boolean | undefined;
    let reported = false;

    const report = (kinds: Set<Kind>, at: Node, f: NonNullable<typeof flow.flow>) => {
      if (reported) return;
      reported = true;
      const list = ORDER.filter((k) => kinds.has(k) && k !== 'platform').map((k) => LABEL[k]);
      const strong = [...kinds].filter((k) => isStrong(k) || k === 'homedir' || k === 'cwd').length;
      const severity = strong >= 3 || (kinds.has('hostname') && kinds.has('username')) ? 'high' : 'medium';
      const indicators = sinkIndicators(f.sink);
      context.report({
        node: at,
        severity,
        message: `Sends the machine's ${joinList(list)} ${sinkPhrase(f.sink)}.`,
        ...(indicators.length ? { indicators } : {}),
      });
    };

    /** Identity facts directly inside a container node (no allocation unless one is found). */
    const machineId = (node: Node | null | undefined, depth = 0): boolean => {
      if (!node || depth > 3) return false;
      if (node.type === 'CallExpression') return MACHINE_ID_CALLS.has(callee(context, node) ?? '');
      if (node.type === 'AwaitExpression') return machineId(node.argument, depth + 1);
      if (node.type === 'Identifier') return machineId(initOf(context, node.name), depth + 1);
      return false;
    };
    const kindOf = (node: Node): Kind | undefined => (machineId(node) ? 'machine-id' : identityOf(context, node));

    const bundle = (items: readonly (Node | null | undefined)[], pick?: (n: Node) => Node | null | undefined): Set<Kind> | undefined => {
      let kinds: Set<Kind> | undefined;
      for (const raw of items) {
        const item = raw && pick ? pick(raw) : raw;
        if (!item) continue;
        const k = kindOf(item);
        if (k) (kinds ??= new Set()).add(k);
      }
      if (!kinds) return undefined;
      let counted = 0;
      let strong = false;
      for (const k of kinds) {
        if (k === 'platform') continue;
        counted++;
        if (isStrong(k)) strong = true;
      }
      if (!strong) return undefined;
      if (counted >= 2) return kinds;
      installTime ??= runAtInstall(context);
      return installTime ? kinds : undefined;
    };

    const consider = (node: Node, items: readonly (Node | null | undefined)[], pick?: (n: Node) => Node | null | undefined) => {
      if (reported) return;
      const kinds = bundle(items, pick);
      if (!kinds) return;
      const f = flow.addSource(node, kinds);
      if (f) report(kinds, node, f);
    };
    const propertyValueOf = (p: Node) => (p.type === 'ObjectProperty' ? (p.value as Node) : null);

    const inner = new WeakSet<Node>();
    const leaves = (node: Node): Node[] => {
      const out: Node[] = [];
      const stack: Node[] = [node];
      while (stack.length && out.length < 64) {
        const n = stack.pop()!;
        if (n.type === 'BinaryExpression' && n.operator === '+') {
          if (n !== node) inner.add(n);
          stack.push(n.right, n.left as Node);
        } else out.push(n);
      }
      return out;
    };

    const strings = (node: Node) => {
      if (reported) return;
      const s = siteText(context, node);
      if (!s) return;
      const where = commandStringContext(context, node, s);
      if (!where) return;
      for (const hit of analyseShell(s)) {
        if (hit.behaviour === 'recon-exfil' || hit.behaviour === 'env-exfil' || hit.behaviour === 'dns-exfil') {
          reported = true;
          context.report({ node, message: `Plants a command that ${hit.what} in ${where}${hit.target ? ` (${quote(hit.target, 60)})` : ''}.`, ...(hit.target ? { indicators: indicatorsFor(hit.target) } : {}) });
          return;
        }
      }
    };

    return {
      StringLiteral: strings,
      VariableDeclarator: (node) => {
        flow.onBinding(node);
      },
      AssignmentExpression: (node) => flow.onBinding(node),
      ObjectExpression: (node) => {
        if (node.type !== 'ObjectExpression' || node.properties.length < 2) return;
        consider(node, node.properties as Node[], propertyValueOf);
      },
      ArrayExpression: (node) => {
        if (node.type !== 'ArrayExpression' || node.elements.length < 2) return;
        consider(node, node.elements as Node[]);
      },
      TemplateLiteral: (node) => {
        strings(node);
        if (node.type !== 'TemplateLiteral' || !node.expressions.length) return;
        consider(node, node.expressions as Node[]);
      },
      BinaryExpression: (node) => {
        if (node.type !== 'BinaryExpression' || node.operator !== '+') return;
        strings(node);
        if (inner.has(node)) return;
        const parts = leaves(node);
        consider(node, parts);
      },
      CallExpression: (node) => {
        if (reported || node.type !== 'CallExpression') return;
        const f = flow.onCall(node);
        if (f) return report(f.source, node, f);
        const name = callee(context, node);
        if (!name || !isExec(name)) return;
        const cmd = commandOf(context, node, name);
        if (!cmd) return;
        for (const hit of analyseShell(cmd.command)) {
          if (hit.behaviour === 'recon-exfil' || hit.behaviour === 'env-exfil') {
            reported = true;
            context.report({ node, message: `Runs a command that ${hit.what} (${name}${hit.target ? `, ${quote(hit.target, 60)}` : ''}).`, ...(hit.target ? { indicators: indicatorsFor(hit.target) } : {}) });
            return;
          }
        }
        // execSync('hostname') / exec('hostname; ip addr', (e, out) => …): command output as a source.
        const kinds = new Set<IdentityKind>();
        for (const part of cmd.command.split(/[;&|\n]+/)) {
          const k = COMMAND_KIND[part.trim().split(/\s+/)[0] ?? ''];
          if (k) kinds.add(k);
          if (/^ip\s+a/.test(part.trim())) kinds.add('netif');
        }
        if (!kinds.size) return;
        if (kinds.size === 1) kinds.add('platform');
        const cb = node.arguments.find((a) => a.type === 'FunctionExpression' || a.type === 'ArrowFunctionExpression');
        if (cb && (cb.type === 'FunctionExpression' || cb.type === 'ArrowFunctionExpression')) {
          for (const p of cb.params) if (p.type === 'Identifier') flow.carryName(p.name, kinds, node);
        }
        const g = flow.addSource(node, kinds);
        if (g) report(kinds, node, g);
      },
      NewExpression: (node) => {
        if (reported) return;
        const f = flow.onCall(node);
        if (f) report(f.source, node, f);
      },
    };
  },
};

function isStrong(kind: Kind): boolean {
  return kind === 'machine-id' || STRONG_IDENTITY.has(kind);
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

export default rule;
