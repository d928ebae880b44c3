import type { Node } from '@babel/types';
import { guardsExit } from '../analysis/helpers/concealment-guards';
import type { Rule } from '../analysis/types';

/** Where code learns which machine it runs on. */
const PROBE_CALLS = new Set(['os.hostname', 'os.userInfo', 'os.cpus', 'os.homedir', 'os.networkInterfaces']);
const PROBE_ENV = /^process\.env\.(?:USER|USERNAME|LOGNAME|COMPUTERNAME|HOSTNAME|USERDOMAIN|HOME|USERPROFILE)$/;
/** CI services, checked to stay quiet where packages are scanned or built. */
const CI_ENV = /^process\.env\.(?:CI|CONTINUOUS_INTEGRATION|GITHUB_ACTIONS|GITLAB_CI|TRAVIS|CIRCLECI|JENKINS_URL|BUILDKITE|TF_BUILD|CODEBUILD_BUILD_ID|TEAMCITY_VERSION|BITBUCKET_BUILD_NUMBER|DRONE|APPVEYOR|SEMAPHORE|BUILD_ID|RUNNER_OS)$/;
/** Sandbox, analysis-VM and researcher machine names, and VM artefacts (compared case-insensitively). */
const SANDBOX_WORDS = /sandbox|malware|virus|cuckoo|vmware|virtualbox|vbox|qemu|\/dev\/kvm|hyper-?v|parallels|wdagutility|john-?pc|johndoe|hal9th|sandboxie|sbiedll|wireshark|procmon|ollydbg|x64dbg|fiddler|analy[sz]is|honeypot|triage|anyrun|joebox|threatexpert|hybrid-analysis/i;
const EXACT_NAMES = new Set(['abby', 'peter wilson', 'hapubws', 'azure-pc', 'lisa-pc', 'julia-pc', 'noel-pc', 'ralphs-pc', 'wileypc', 'archibaldpc', 'oreleepc', 'hong lee', 'maltest', 'user-pc', 'tequilaboomboom', 'harry johnson', 'paul jones', 'pxmduopvyx', 'lmvwjj9b', 'wdagutilityaccount', 'sand box']);
const CI_NAMES = new Set(['CI', 'CONTINUOUS_INTEGRATION', 'GITHUB_ACTIONS', 'GITLAB_CI', 'TRAVIS', 'CIRCLECI', 'JENKINS_URL', 'BUILDKITE', 'TF_BUILD', 'CODEBUILD_BUILD_ID', 'TEAMCITY_VERSION', 'BITBUCKET_BUILD_NUMBER', 'DRONE', 'APPVEYOR', 'SEMAPHORE', 'BUILD_ID', 'RUNNER_OS']);
/** Checks for a debugger, a profiler or instrumentation: each one alone has honest uses, several together do not. */
const ANTI_DEBUG: [string, RegExp, string][] = [
  ['execArgv', /execArgv[\s\S]{0,160}--?(?:inspect|debug|prof|cpu-prof)|--?(?:inspect|debug|prof|cpu-prof)[\s\S]{0,160}execArgv/, 'inspector flags in process.execArgv'],
  ['NODE_OPTIONS', /NODE_OPTIONS[\s\S]{0,120}--?(?:inspect|require|import|loader)/, 'preloads in NODE_OPTIONS'],
  ['[native code]', /\[native code\][\s\S]{0,160}(?:child_process|\bexec\b|\bspawn\b|\bfetch\b|https?\.request)|(?:child_process|\bexec\b|\bspawn\b)[\s\S]{0,160}\[native code\]/, 'whether child_process or fetch has been hooked'],
  ['debugger', /\bdebugger\b[\s;]*[\s\S]{0,120}Date\.now\(\)\s*-|performance\.now\(\)[\s\S]{0,80}\bdebugger\b/, 'debugger pause timing'],
  ['__coverage__', /__coverage__|npm_lifecycle_event\s*[!=]==?\s*['"]test['"]/, 'coverage or test runs'],
];
const COMPARE_METHODS = new Set(['includes', 'indexOf', 'startsWith', 'endsWith', 'match', 'test', 'some', 'find', 'localeCompare']);

/**
 * Anti-analysis: code that looks at the machine's host name, user name or CPU model for the
 * tell-tale names of sandboxes and analysis VMs, and exits there. Honest install scripts skip
 * work in CI too, so a CI check alone is never reported (only mentioned next to a sandbox
 * check); sandbox names are not something honest code looks for.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'sandbox-evasion',
    kind: 'threat',
    category: 'anti-analysis',
    severity: 'medium',
    specificity: 'medium',
    description: 'Checks host/user/CPU names against sandbox and analysis-VM names, or CI variables, and exits early.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  create(context) {
    const inits = new Map<string, Node | null>();
    let reportedSandbox = false;
    /** A CI variable that guards an early exit: only reported alongside a sandbox check. */
    let ciExit: string | undefined;

    /** os.hostname(), os.userInfo().username, process.env.USERNAME, os.cpus()[0].model, through locals. */
    const probeOf = (node: Node | null | undefined, depth = 0): string | undefined => {
      if (!node || depth > 6) return undefined;
      switch (node.type) {
        case 'CallExpression': {
          const name = context.calleeName(node);
          if (name && PROBE_CALLS.has(name)) return `${name}()`;
          if (node.callee.type === 'MemberExpression') return probeOf(node.callee.object, depth + 1);
          return undefined;
        }
        case 'MemberExpression':
        case 'OptionalMemberExpression': {
          const name = context.nameOf(node);
          if (name && PROBE_ENV.test(name)) return name;
          return probeOf(node.object, depth + 1);
        }
        case 'Identifier': {
          const name = context.nameOf(node);
          if (name && PROBE_ENV.test(name)) return name;
          const init = inits.get(node.name);
          return init ? probeOf(init, depth + 1) : undefined;
        }
        case 'ParenthesizedExpression':
          return probeOf(node.expression, depth + 1);
        default:
          return undefined;
      }
    };

    /** A sandbox name among the literal strings of an expression (a literal, an array, a regex). */
    const sandboxName = (node: Node | null | undefined, depth = 0): string | undefined => {
      if (!node || depth > 3) return undefined;
      if (node.type === 'StringLiteral') {
        const v = node.value.trim().toLowerCase();
        return v.length <= 80 && (SANDBOX_WORDS.test(v) || EXACT_NAMES.has(v)) ? node.value : undefined;
      }
      if (node.type === 'RegExpLiteral') return SANDBOX_WORDS.test(node.pattern) ? `/${node.pattern.slice(0, 60)}/` : undefined;
      if (node.type === 'ArrayExpression') {
        let hits = 0;
        let first: string | undefined;
        for (const e of node.elements) {
          const h = e ? sandboxName(e as Node, depth + 1) : undefined;
          if (h) {
            hits++;
            first ??= h;
          }
        }
        return hits >= 2 || (hits === 1 && node.elements.length <= 2) ? first : undefined;
      }
      if (node.type === 'Identifier') {
        const init = inits.get(node.name);
        return init && (init.type === 'ArrayExpression' || init.type === 'StringLiteral') ? sandboxName(init, depth + 1) : undefined;
      }
      return undefined;
    };

    const sandboxCheck = (node: Node, probe: string, name: string) => {
      if (reportedSandbox) return;
      reportedSandbox = true;
      const exits = guardsExit(context.ancestors(), node, context.calleeName);
      context.report({
        node,
        severity: exits ? 'high' : 'low',
        message: `Compares ${probe} with the sandbox/analysis name ${JSON.stringify(name.slice(0, 40))}${exits ? ' and exits when it matches: the payload hides from analysis machines' : ': anti-analysis fingerprinting'}${ciExit ? `; it also exits when ${ciExit} is set` : ''}.`,
      });
    };

    return {
      Program: () => {
        const text = context.text;
        const hits: { label: string; index: number }[] = [];
        for (const [gate, pattern, label] of ANTI_DEBUG) {
          if (!text.includes(gate)) continue;
          const m = pattern.exec(text);
          if (m) hits.push({ label, index: m.index });
        }
        if (hits.length < 2) return;
        hits.sort((a, b) => a.index - b.index);
        context.report({
          offset: hits[0]!.index,
          severity: hits.length >= 3 ? 'high' : 'medium',
          message: `Checks whether it is being watched: ${hits.map((h) => h.label).join(', ')}; payloads do this to stay quiet under debuggers, tracers and test runs.`,
        });
      },
      VariableDeclarator: (n) => {
        const node = n as Extract<Node, { type: 'VariableDeclarator' }>;
        if (node.id.type !== 'Identifier') return;
        inits.set(node.id.name, inits.has(node.id.name) ? null : (node.init ?? null));
      },
      BinaryExpression: (n) => {
        const node = n as Extract<Node, { type: 'BinaryExpression' }>;
        if (node.operator !== '===' && node.operator !== '==' && node.operator !== '!==' && node.operator !== '!=') return;
        const left = node.left as Node;
        const right = node.right;
        const literal = left.type === 'StringLiteral' ? left : right.type === 'StringLiteral' ? right : undefined;
        if (!literal) return;
        const other = literal === left ? right : left;
        const name = sandboxName(literal);
        if (!name) return;
        const probe = probeOf(other);
        if (probe) sandboxCheck(node, probe, name);
      },
      CallExpression: (n) => {
        const node = n as Extract<Node, { type: 'CallExpression' }>;
        const callee = node.callee;
        if (callee.type === 'MemberExpression' && !callee.computed && callee.property.type === 'Identifier' && COMPARE_METHODS.has(callee.property.name)) {
          const arg = node.arguments[0] as Node | undefined;
          // host.includes('sandbox') or ['sandbox', 'malware'].includes(host) or /vbox/i.test(model)
          const name = sandboxName(arg) ?? sandboxName(callee.object);
          if (!name) return;
          const probe = probeOf(callee.object) ?? probeOf(arg);
          if (probe) sandboxCheck(node, probe, name);
          return;
        }
        if (callee.type !== 'MemberExpression' || callee.property.type !== 'Identifier' || !/^(?:existsSync|statSync|accessSync)$/.test(callee.property.name)) return;
        const name = context.calleeName(node);
        if (name === 'fs.existsSync' || name === 'fs.statSync' || name === 'fs.accessSync') {
          const path = context.evaluate(node.arguments[0] as Node);
          if (typeof path === 'string' && /\/dev\/kvm|vbox|vmware|virtualbox|qemu|sandboxie|sbiedll/i.test(path)) sandboxCheck(node, `${name}()`, path);
        }
      },
      MemberExpression: (n) => {
        if (ciExit || reportedSandbox) return;
        const node = n as Extract<Node, { type: 'MemberExpression' }>;
        const prop = node.property;
        if (node.computed || prop.type !== 'Identifier' || !CI_NAMES.has(prop.name)) return;
        const name = context.nameOf(node);
        // Honest install scripts (husky & co.) skip themselves in CI: never reported alone.
        if (name && CI_ENV.test(name) && guardsExit(context.ancestors(), node, context.calleeName)) ciExit = name;
      },
    };
  },
};

export default rule;
