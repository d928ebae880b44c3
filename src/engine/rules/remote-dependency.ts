import { hostOf, indicatorsOf, isIp } from '../analysis/helpers/delivery-commands';
import { splitCommands } from '../analysis/helpers/delivery-install';
import { INSTALL_HOOKS, clip, lifecycleRuns, locationIn, manifestLocation, manifestsOf, stringRecord } from '../analysis/helpers/delivery-manifest';
import type { Indicator, Rule, Severity } from '../analysis/types';
import { classifySpec } from '../deps/spec';

const FIELDS = ['dependencies', 'optionalDependencies', 'peerDependencies'] as const;
const REGISTRY_HOSTS = new Set(['registry.npmjs.org', 'registry.npmjs.com', 'registry.yarnpkg.com', 'npm.pkg.github.com', 'registry.npmmirror.com']);
/** Tools run with npx that honest install scripts use; anything else is a package fetched outside the dependency list. */
const HONEST_NPX = /^(?:husky|lefthook|only-allow|node-gyp|node-gyp-build|prebuild-install|node-pre-gyp|@mapbox\/node-pre-gyp|patch-package|ngcc|opencollective|opencollective-postinstall|simple-git-hooks|is-ci|napi-postinstall)(?:@\S+)?$/;
const KNOWN_FORGES = /^(?:www\.)?(?:github\.com|gitlab\.com|bitbucket\.org|codeberg\.org|gitee\.com|git\.sr\.ht|dev\.azure\.com)$/;
const INSTALL_CMD = /^(?:sudo\s+)?(?:npm|pnpm|cnpm)\s+(?:install|i|add)\b(.*)$|^yarn\s+(?:global\s+)?add\b(.*)$|^npx\s+(.*)$/;

/** Raw IPs, plain http and unknown servers are high; tarballs from a public forge (GitHub releases, codeload) medium. */
function remoteSeverity(url: string): { severity: Severity; indicators: Indicator[] } {
  const host = hostOf(url) ?? '';
  const forge = KNOWN_FORGES.test(host) || /^(?:codeload\.github\.com|objects\.githubusercontent\.com|gitlab\.com|bitbucket\.org)$/.test(host);
  const severity: Severity = isIp(host) || /^(?:git\+)?http:/i.test(url) || !forge ? 'high' : 'medium';
  return { severity, indicators: indicatorsOf(url) };
}

/**
 * Dependencies whose code is not in the registry: tarball URLs, git repositories, raw IPs, and
 * packages an install script installs with `npm install x` / `npx x` outside the dependency list.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'remote-dependency',
    kind: 'threat',
    category: 'delivery',
    severity: 'medium',
    specificity: 'medium',
    description: 'A dependency fetched from an http(s) tarball URL, git or a raw IP, or a package an install script installs outside the dependency list.',
    maxPerFile: 5,
  },
  check(context) {
    const pkg = context.pkg;
    for (const field of FIELDS) {
      for (const [name, spec] of Object.entries(stringRecord(pkg.manifest[field]))) {
        const kind = classifySpec(name, spec).kind;
        const at = manifestLocation(pkg, [field, name]);
        if (kind === 'remote') {
          if (/^exec:/i.test(spec)) {
            context.report({ message: `Builds dependency ${clip(name, 60)} by running "${clip(spec, 60)}" at install time (yarn exec: protocol).`, severity: 'high', ...at });
            continue;
          }
          const host = hostOf(spec);
          if (host && REGISTRY_HOSTS.has(host)) continue;
          const { severity, indicators } = remoteSeverity(spec);
          context.report({ message: `Installs dependency ${clip(name, 60)} from ${clip(spec, 90)}, outside the registry: that code is fetched at install time and is not in this tarball.`, severity, ...at, ...(indicators.length ? { indicators } : {}) });
        } else if (kind === 'git') {
          const url = /^(?:git\+)?(?:https?|ssh|git):\/\/\S+/i.exec(spec)?.[0];
          const host = url ? hostOf(url.replace(/^git\+/, '').replace(/^ssh:\/\/[^@]*@/, 'ssh://')) : undefined;
          // The public forges are ordinary (if unpinned); a self-hosted or unknown git server is not.
          const severity: Severity = host && isIp(host) ? 'high' : host && !KNOWN_FORGES.test(host) ? 'medium' : 'low';
          const indicators = url ? indicatorsOf(url.replace(/^git\+/, '')) : [];
          context.report({ message: `Installs dependency ${clip(name, 60)} from git (${clip(spec, 80)}): the code comes from a repository, not from a published, immutable version.`, severity, ...at, ...(indicators.length ? { indicators } : {}) });
        }
      }
    }
    const root = manifestsOf(pkg)[0]!;
    for (const run of lifecycleRuns(root, INSTALL_HOOKS)) {
      for (const segment of splitCommands(run.body)) {
        const m = INSTALL_CMD.exec(segment);
        if (!m) continue;
        const args = (m[1] ?? m[2] ?? m[3] ?? '').split(/\s+/).filter((a) => a && !a.startsWith('-') && !/^[<>]/.test(a));
        const specs = m[3] !== undefined ? args.slice(0, 1).filter((a) => !HONEST_NPX.test(a)) : args;
        if (!specs.length) continue;
        const url = specs.find((s) => /^(?:https?|git\+\w+|git):\/\//i.test(s));
        const { severity, indicators } = url ? remoteSeverity(url) : { severity: 'low' as Severity, indicators: [] };
        const how = m[3] !== undefined ? 'downloads and runs' : 'installs';
        context.report({
          message: `The ${run.hook} script ${how} ${clip(specs.join(' '), 80)} at install time, outside the declared dependencies.`,
          severity,
          ...locationIn(root, ['scripts', run.name]),
          ...(indicators.length ? { indicators } : {}),
        });
      }
    }
  },
};

export default rule;
