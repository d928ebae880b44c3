import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { callee, commandOf, envVariable, fileTalksToNetwork, fsWriteCall, isExec, propertyKey, siteText } from '../analysis/helpers/behaviour-js';

type Fact = 'publish' | 'token' | 'gh-dump-secrets' | 'git-push' | 'enumerate' | 'repack' | 'inject-script' | 'self-copy' | 'self-dependency' | 'secret-scan' | 'gh-token' | 'gh-repo' | 'gh-workflow' | 'gh-contents' | 'gh-runner' | 'gh-secrets';

const STRING_FACTS: [RegExp, Fact][] = [
  [/\b(?:npm|yarn|pnpm)\s+publish\b/, 'publish'],
  [/\bnpm\s+(?:whoami|token\b)|\/-\/whoami\b|\/-\/npm\/v1\/tokens|_authToken\b/, 'token'],
  [/\/-\/v1\/search\?[^\s]*\b(?:maintainer|author):|\bnpm\s+(?:access\s+(?:list|ls)[- ]packages|search\s+--?\w*\s*maintainer:)|\/-\/(?:user|org)\/[^\s]*\/package/, 'enumerate'],
  [/\bnpm\s+pack\s+(?![-.\s]|$)\S/, 'repack'],
  [/\btrufflehog\b|\btrufflesecurity\b|\bgitleaks\b/i, 'secret-scan'],
  [/\bgh\s+auth\s+token\b/, 'gh-token'],
  [/\/user\/repos\b|\/orgs\/[^/\s]+\/repos\b|\bgh\s+repo\s+create\b/, 'gh-repo'],
  [/\.github\/workflows\/[^\s]*\.ya?ml\b/, 'gh-workflow'],
  [/\/repos\/[^\s]*\/contents\//, 'gh-contents'],
  [/actions\/runners\/registration-token|\bconfig\.(?:sh|cmd)\s+--url\b/, 'gh-runner'],
  [/toJSON\(\s*secrets\s*\)/, 'gh-dump-secrets'],
  [/\bgit\s+push\b/, 'git-push'],
  [/\/actions\/secrets\b|\bgh\s+secret\s+list\b/, 'gh-secrets'],
];
const QUICK = /publish|whoami|token|authToken|search|access|pack|truffle|gitleaks|gh |repos|workflows|contents|runners|secrets|git push/i;
const NPM_TOKEN_ENV = /^(?:NPM_TOKEN|NODE_AUTH_TOKEN|NPM_AUTH_TOKEN|NPM_CONFIG__AUTH|npm_config__authToken)$/i;
const GH_TOKEN_ENV = /^(?:GITHUB_TOKEN|GH_TOKEN|GITHUB_PAT|ACTIONS_RUNTIME_TOKEN|GH_ENTERPRISE_TOKEN)$/;
const TELLTALE = /^(?:setup_bun|bun_environment|router_runtime)\.js$/;
const SPREAD: Fact[] = ['enumerate', 'repack', 'inject-script', 'self-copy', 'self-dependency'];

/**
 * Threat: self-propagation (the Shai-Hulud family). Publishing to npm combined with spreading:
 * enumerating the victim's other packages, repacking them, injecting an install script, copying
 * itself in, adding itself as a dependency. Also: running TruffleHog / gitleaks to harvest
 * secrets, creating GitHub repositories or pushing workflows / self-hosted runners with a token
 * found on the machine, or committing a workflow that dumps `toJSON(secrets)`. Release tools
 * publish too, but never touch packages they were not asked to release.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'worm-propagation',
    kind: 'threat',
    category: 'worm',
    severity: 'critical',
    specificity: 'high',
    description: 'Republishes other packages with a found npm token, harvests secrets with TruffleHog, or seeds GitHub repos/workflows.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const facts = new Set<Fact>();
    const telltale = TELLTALE.test(context.file.path.replace(/^.*\//, ''));
    const ownName = context.pkg.name;
    let reported = false;

    const add = (fact: Fact, node: Node) => {
      if (reported || facts.has(fact)) return;
      facts.add(fact);
      const has = (f: Fact) => facts.has(f);
      const spread = SPREAD.filter(has);
      let message: string | undefined;
      if (has('publish') && spread.length) {
        message = `Publishes to npm after ${spread.map(describe).join(', ')}: a worm spreading through the maintainer's packages.`;
      } else if (has('secret-scan') && (fileTalksToNetwork(context) || has('gh-token') || has('token'))) {
        message = 'Runs a secret scanner (TruffleHog / gitleaks) over the machine and ships the results: credential harvesting.';
      } else if (has('gh-repo') && (has('gh-token') || has('token')) && (has('gh-contents') || has('gh-workflow'))) {
        message = 'Creates a GitHub repository with a token found on the machine and uploads files to it.';
      } else if ((has('gh-workflow') || has('gh-runner') || has('gh-secrets')) && has('gh-token') && (has('gh-contents') || has('gh-runner') || has('gh-secrets'))) {
        message = 'Uses a GitHub token found on the machine to push workflows, register runners or read repository secrets.';
      } else if (has('gh-dump-secrets') && (has('gh-workflow') || has('git-push') || has('gh-contents'))) {
        message = 'Commits a GitHub Actions workflow that dumps every repository secret (toJSON(secrets)): secrets exfiltration through CI.';
      } else if (telltale && facts.size >= 2) {
        message = `A file named like the Shai-Hulud worm's payload (${clip(context.file.path, 80)}) that ${[...facts].map(describe).slice(0, 3).join(', ')}.`;
      }
      if (message) {
        reported = true;
        context.report({ node, message });
      }
    };

    const strings = (node: Node) => {
      if (reported) return;
      const s = siteText(context, node);
      if (!s || s.length < 6 || s.length > 4000 || (s.indexOf(' ') < 0 && s.indexOf('/') < 0 && s.indexOf('uffle') < 0 && s.indexOf('leaks') < 0 && s.indexOf('_') < 0) || !QUICK.test(s)) return;
      for (const [re, fact] of STRING_FACTS) if (re.test(s)) add(fact, node);
    };

    return {
      StringLiteral: strings,
      TemplateLiteral: strings,
      BinaryExpression: strings,
      MemberExpression: (node) => {
        if (reported || node.type !== 'MemberExpression' || node.object.type !== 'MemberExpression') return;
        const v = envVariable(context, node);
        if (!v) return;
        if (NPM_TOKEN_ENV.test(v)) add('token', node);
        else if (GH_TOKEN_ENV.test(v)) add('gh-token', node);
      },
      ObjectProperty: (node) => {
        if (reported || node.type !== 'ObjectProperty') return;
        const key = propertyKey(node);
        if (!key) return;
        if (/^(?:preinstall|install|postinstall)$/.test(key)) {
          const v = context.evaluate(node.value as Node);
          if (typeof v === 'string' && /\bnode\s+\S+\.[cm]?js\b|\bbun\s+\S+|\bcurl\b|\bwget\b/.test(v)) add('inject-script', node);
        } else if (ownName && key === ownName && !/^fixture-/.test(ownName)) {
          const v = context.evaluate(node.value as Node);
          if (typeof v === 'string' && /^[\^~]?\d|^latest$|^\*$/.test(v)) add('self-dependency', node);
        }
      },
      AssignmentExpression: (node) => {
        if (reported || node.type !== 'AssignmentExpression') return;
        const left = node.left;
        if (left.type === 'MemberExpression' && left.property.type === 'Identifier' && /^(?:postinstall|preinstall)$/.test(left.property.name)) add('inject-script', node);
      },
      CallExpression: (node) => {
        if (reported || node.type !== 'CallExpression') return;
        strings(node);
        const name = callee(context, node);
        if (!name) return;
        if (isExec(name)) {
          const cmd = commandOf(context, node, name);
          if (cmd) for (const [re, fact] of STRING_FACTS) if (re.test(cmd.command)) add(fact, node);
          return;
        }
        const w = fsWriteCall(name);
        if (w && /copyFile|cp/.test(w)) {
          const src = node.arguments[0];
          if (src?.type === 'Identifier' && src.name === '__filename') add('self-copy', node);
        } else if (w && /writeFile/.test(w)) {
          const data = node.arguments[1];
          if (data?.type === 'CallExpression' && /readFileSync|readFile/.test(callee(context, data) ?? '') && data.arguments[0]?.type === 'Identifier' && data.arguments[0].name === '__filename') add('self-copy', node);
        }
      },
    };
  },
};

function describe(f: Fact): string {
  switch (f) {
    case 'publish': return 'publishes to npm';
    case 'token': return 'uses an npm token';
    case 'enumerate': return "listing the maintainer's packages";
    case 'repack': return 'downloading and unpacking other packages';
    case 'inject-script': return 'injecting an install script';
    case 'self-copy': return 'copying itself into them';
    case 'self-dependency': return 'adding itself as a dependency';
    case 'secret-scan': return 'runs a secret scanner';
    case 'gh-token': return 'uses a GitHub token';
    case 'gh-repo': return 'creates GitHub repositories';
    case 'gh-workflow': return 'writes GitHub workflows';
    case 'gh-contents': return 'uploads files to GitHub';
    case 'gh-runner': return 'registers self-hosted runners';
    case 'gh-secrets': return 'reads repository secrets';
    case 'gh-dump-secrets': return 'dumps repository secrets in a workflow';
    case 'git-push': return 'pushes commits';
  }
}

export default rule;
