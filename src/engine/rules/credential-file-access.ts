import type { Node } from '@babel/types';
import type { Indicator, Rule } from '../analysis/types';
import { quote } from '../analysis/helpers/behaviour-hosts';
import { FlowTracker, sinkIndicators, sinkPhrase } from '../analysis/helpers/behaviour-flow';
import { callee, fsReadCall, partialString, siteText } from '../analysis/helpers/behaviour-js';
import { SECRET_NEEDS, classifySecretPath, classifySecretRegex, type SecretTarget } from '../analysis/helpers/behaviour-secrets';

/**
 * Threat: the code names where credentials live: browser password and cookie stores, wallet
 * files and wallet-extension ids, Discord/Telegram session stores, the keychain, or developer
 * credential files (~/.npmrc, ~/.ssh keys, ~/.aws/credentials, ~/.config/gh, ~/.kube/config …).
 * A browser, wallet or session store is reported on sight; a list of several developer
 * credential files is reported as a harvest; a single one (config loaders read ~/.npmrc
 * honestly) only when its content is sent out to something other than a package registry.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'credential-file-access',
    kind: 'threat',
    category: 'secrets',
    severity: 'high',
    specificity: 'high',
    description: 'Reads browser, wallet, session or developer credential stores.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 3,
    // Every hit goes through classifySecretPath (QUICK) or classifySecretRegex (wallet, id_).
    needs: SECRET_NEEDS,
  },
  create(context) {
    const dev = new Map<string, SecretTarget>();
    const weak = new Map<string, SecretTarget>();
    const reportedKinds = new Set<string>();
    const flow = new FlowTracker<{ target: SecretTarget; raw: string }>(context);
    let harvestReported = false;
    let flowReported = false;

    const indicator = (s: string): Indicator[] => {
      const clean = s.replace(/\u0000/g, '*');
      return /[/\\]/.test(clean) && clean.length < 200 ? [{ type: 'path', value: clean }] : [];
    };

    const seen = (node: Node, t: SecretTarget, raw: string) => {
      if (t.group !== 'dev' && !t.weak) {
        const key = t.group === 'wallet' ? 'wallet' : t.kind;
        if (reportedKinds.has(key)) return;
        reportedKinds.add(key);
        context.report({ node, message: `Reads ${t.label} (${quote(raw, 70)}).`, indicators: indicator(raw) });
        return;
      }
      if (t.weak) weak.set(t.kind, t);
      else dev.set(t.kind, t);
      if (!harvestReported && dev.size >= 2) {
        harvestReported = true;
        const labels = [...dev.values(), ...weak.values()].map((x) => x.label);
        context.report({ node, message: `Collects several credential stores: ${labels.slice(0, 5).join(', ')}.`, indicators: indicator(raw) });
      }
    };

    const check = (node: Node) => {
      const s = siteText(context, node);
      if (!s) return;
      const t = classifySecretPath(s);
      if (t) seen(node, t, s);
    };

    const sent = (f: NonNullable<typeof flow.flow>, at: Node) => {
      if (flowReported || harvestReported) return;
      // Config loaders send npm tokens to the registry they configure; theft names its own host.
      if (!f.sink.target || REGISTRY.test(f.sink.target)) return;
      flowReported = true;
      const indicators = [...indicator(f.source.raw), ...sinkIndicators(f.sink)];
      context.report({ node: at, message: `Reads ${f.source.target.label} and sends it ${sinkPhrase(f.sink)}.`, indicators });
    };

    const call = (node: Node) => {
      if (node.type === 'CallExpression') check(node);
      if (flowReported) return;
      const f = flow.onCall(node);
      if (f) return sent(f, node);
      if (node.type !== 'CallExpression') return;
      const name = callee(context, node);
      if (!fsReadCall(name)) return;
      const raw = partialString(context, node.arguments[0] as Node);
      const t = raw ? classifySecretPath(raw) : undefined;
      if (!t || t.group !== 'dev' || t.weak) return;
      const g = flow.addSource(node, { target: t, raw: raw! });
      if (g) sent(g, node);
    };

    return {
      VariableDeclarator: (node) => {
        flow.onBinding(node);
      },
      AssignmentExpression: (node) => flow.onBinding(node),
      StringLiteral: check,
      TemplateLiteral: check,
      BinaryExpression: check,
      CallExpression: call,
      NewExpression: call,
      RegExpLiteral: (node) => {
        if (node.type !== 'RegExpLiteral') return;
        const t = classifySecretRegex(node.pattern);
        if (t) seen(node, t, `/${node.pattern}/`);
      },
    };
  },
};

const REGISTRY = /registry\.npmjs\.org|registry\.yarnpkg\.com|npm\.pkg\.github\.com|registry\.npmmirror\.com|\.jfrog\.io|artifactory/i;

export default rule;
