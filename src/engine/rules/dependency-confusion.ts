import { minimatch } from 'minimatch';
import semver from 'semver';
import { INSTALL_HOOKS, clip, manifestLocation, stringRecord } from '../analysis/helpers/delivery-manifest';
import { popularIndex } from '../analysis/helpers/metadata-names';
import type { PackageInput, Rule } from '../analysis/types';

/** A version no honest first release starts at: how confusion packages outbid internal ones. */
const HUGE_MAJOR = 90;
/** Files (besides package.json, README and licence) and bytes of code that make a package "near-empty". */
const NEAR_EMPTY_FILES = 3;
const NEAR_EMPTY_BYTES = 16 * 1024;
const DOCS = /^(?:readme|license|licence|changelog|history)(?:\.[a-z]+)?$/i;

function nearEmpty(pkg: PackageInput): boolean {
  const files = pkg.files.filter((f) => f.path !== 'package.json' && !DOCS.test(f.path));
  return files.length <= NEAR_EMPTY_FILES && files.reduce((n, f) => n + f.size, 0) <= NEAR_EMPTY_BYTES;
}

function installHook(pkg: PackageInput): string | undefined {
  const scripts = stringRecord(pkg.manifest.scripts);
  return INSTALL_HOOKS.find((h) => scripts[h]?.trim());
}

/**
 * A public package that takes the name of an internal one: in a private scope the user configured,
 * matching an internal name pattern, or a huge version on a near-empty package that runs something
 * at install (how dependency-confusion probes outbid the internal version).
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'dependency-confusion',
    kind: 'metadata',
    category: 'impersonation',
    severity: 'high',
    specificity: 'high',
    description: 'A registry package in one of your private scopes or matching your internal name patterns, or a near-empty package at a huge version (>= 90.0.0) with an install script.',
  },
  check(context) {
    const pkg = context.pkg;
    const registry = pkg.registry;
    if (!registry) return;
    const name = pkg.name.toLowerCase();
    const { privateScopes, internalNamePatterns, popular } = registry.settings;
    const scope = name.startsWith('@') ? name.slice(0, name.indexOf('/')) : undefined;
    // A scope mapped to its own registry in .npmrc is always fetched there, never from the public one.
    if (scope && privateScopes.includes(scope) && !registry.scopeRegistry) {
      context.report({ message: `"${clip(pkg.name, 80)}" is in your private scope ${scope} but was served by a registry that is not the one for that scope: dependency confusion.` });
      return;
    }
    const pattern = internalNamePatterns.find((p) => minimatch(name, p.toLowerCase(), { nocase: true }));
    if (pattern && !registry.scopeRegistry) {
      context.report({ message: `"${clip(pkg.name, 80)}" matches your internal package name pattern "${clip(pattern, 60)}" but came from the registry: dependency confusion.` });
      return;
    }
    const version = semver.parse(pkg.version);
    const hook = installHook(pkg);
    if (version && version.major >= HUGE_MAJOR && hook && nearEmpty(pkg) && !popularIndex(popular).isPopular(name)) {
      context.report({
        message: `Version ${clip(pkg.version, 30)} of a near-empty package (${pkg.files.length} file(s)) that runs a ${hook} script: the shape of a dependency-confusion probe outbidding an internal package.`,
        ...manifestLocation(pkg, ['version']),
      });
    }
  },
};

export default rule;
