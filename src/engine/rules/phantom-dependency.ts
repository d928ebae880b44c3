import { splitCommands } from '../analysis/helpers/delivery-install';
import { INSTALL_HOOKS, LOCAL_HOOKS, clip, lifecycleRuns, manifestLocation, manifestsOf, stringRecord } from '../analysis/helpers/delivery-manifest';
import { runtimeDependencies } from '../analysis/helpers/metadata';
import type { PackageInput, Rule } from '../analysis/types';

/** Dependencies that are loaded by naming convention or tooling, never by a require of their own name. */
const CONVENTIONAL = /^@types\/|[/-]types$|(?:^|\/)(?:babel-(?:plugin|preset)|eslint-(?:plugin|config)|prettier-plugin|stylelint-|postcss-|remark-|rehype-|karma-|grunt-|gulp-|markdown-it-|commitlint-|semantic-release-|typescript$|tslib$|nan$|node-addon-api$|node-gyp$|node-gyp-build$|prebuild-install$)|^@babel\/(?:plugin|preset)-|\/(?:eslint-plugin|eslint-config|prettier-config)$/;
const SCANNED = /\.(?:[cm]?[jt]sx?|json|vue|svelte|html?|sh|bat|cmd|ps1|ya?ml|gypi?)$/i;
const QUOTED = /["'`]((?:@[\w.~-]+\/)?[\w.~-]+)(?=["'`/])/g;
const MAX_SCAN = 1_000_000;

/** Package names that appear in quotes anywhere in the package, and the words of its scripts. */
function mentionedNames(pkg: PackageInput): Set<string> {
  const names = new Set<string>();
  for (const file of pkg.files) {
    // A bundled dependency mentions itself; only the package's own files count.
    if (!file.text || file.path === 'package.json' || file.path.startsWith('node_modules/')) continue;
    // Extension-less files are bin scripts (`bin/terser`) or shell scripts.
    if (!SCANNED.test(file.path) && /\.[a-z0-9]{1,8}$/i.test(file.path)) continue;
    const text = file.text.length > MAX_SCAN ? file.text.slice(0, MAX_SCAN) : file.text;
    for (const m of text.matchAll(QUOTED)) names.add(m[1]!);
  }
  // package.json beyond the dependency maps: scripts, tool configs ("babel", "eslintConfig", "jest").
  const manifest = { ...pkg.manifest };
  for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'peerDependenciesMeta', 'bundleDependencies', 'bundledDependencies', 'overrides', 'resolutions', 'name']) delete manifest[key];
  const rest = JSON.stringify(manifest);
  for (const m of rest.matchAll(/(?:@[\w.~-]+\/)?[\w.~-]+/g)) names.add(m[0]);
  return names;
}

const SHELL_WORDS = /^(?:node|nodejs|sh|bash|npm|pnpm|yarn|bun|echo|cd|exit|true|false|rm|cp|mv|mkdir|test|\[|if|then|fi|else|:|exec|sudo)$/;

/**
 * Whether an install-time script runs a command from some dependency's bin (`install-from-cache`
 * comes from install-artifact-from-github): then a dependency never named in the code may be that tool.
 */
function runsDependencyBin(pkg: PackageInput): boolean {
  const files = new Set(pkg.files.map((f) => f.path.replace(/^\.\//, '')));
  for (const run of lifecycleRuns(manifestsOf(pkg)[0]!, [...INSTALL_HOOKS, ...LOCAL_HOOKS])) {
    for (const segment of splitCommands(run.body)) {
      const words = segment.replace(/^(?:(?:npx\s+)?cross-env\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, '').split(/\s+/);
      const first = (words[0] === 'npx' ? words.find((w, i) => i > 0 && !w.startsWith('-')) : words[0])?.replace(/^\.\//, '');
      if (first && !SHELL_WORDS.test(first) && !files.has(first)) return true;
    }
  }
  return false;
}

function asList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/**
 * A dependency the package never imports or mentions: installed only for what its own install
 * script does (the 2026 axios compromise added one that dropped a RAT from its postinstall).
 * Weak alone: a low-severity hint that matters next to other findings; medium when registry data
 * shows the dependency is new in this version.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'phantom-dependency',
    kind: 'threat',
    category: 'delivery',
    severity: 'low',
    specificity: 'low',
    description: 'A dependency declared in package.json that no file of the package requires, imports or mentions, while its other dependencies are used.',
  },
  check(context) {
    const pkg = context.pkg;
    const deps = Object.keys(stringRecord(pkg.manifest.dependencies));
    if (!deps.length) return;
    const code = pkg.files.some((f) => /\.[cm]?[jt]sx?$/i.test(f.path) && !/\.d\.[cm]?ts$/i.test(f.path) && !!f.text);
    if (!code) return;
    if (runsDependencyBin(pkg)) return;
    const names = mentionedNames(pkg);
    // A sibling from the package's own scope (@babel/parser for @babel/generator) is the same publisher's.
    const scope = pkg.name.startsWith('@') ? pkg.name.slice(0, pkg.name.indexOf('/') + 1) : undefined;
    // A plugin lists its host (markdown-it for markdown-it-toc) and is handed it instead of requiring it.
    const candidates = deps.filter((d) => !CONVENTIONAL.test(d) && !(scope && d.startsWith(scope)) && !pkg.name.startsWith(`${d}-`));
    const phantoms = candidates.filter((d) => !names.has(d));
    // A bundled dependency that is never imported ships in the tarball only to be installed.
    const bundled = new Set([...asList(pkg.manifest.bundleDependencies), ...asList(pkg.manifest.bundledDependencies)]);
    const strong = phantoms.filter((d) => bundled.has(d));
    // Bundled builds and meta-packages leave most dependencies unreferenced: then one more says nothing.
    const used = candidates.length - phantoms.length;
    const loose = !phantoms.length || used < 1 || phantoms.length > 2 || phantoms.length * 2 > candidates.length;
    // With registry data: a phantom that the previous version did not declare is the compromised-release shape.
    const previous = pkg.registry?.previous;
    // npm installs optionalDependencies too: one moved from there to dependencies is not new.
    const before = previous ? runtimeDependencies(previous.manifest) : undefined;
    for (const name of loose ? strong : phantoms) {
      const added = before !== undefined && !Object.prototype.hasOwnProperty.call(before, name);
      context.report({
        message: `Declares ${bundled.has(name) ? 'and bundles ' : ''}dependency ${clip(name, 60)}, but no file of the package imports or mentions it: it is installed only for what it does at install time.${added ? ` It is new in this version (${clip(previous!.version, 40)} did not declare it).` : ''}`,
        ...(added ? { severity: 'medium' as const } : {}),
        ...manifestLocation(pkg, ['dependencies', name], 'key'),
      });
    }
  },
};

export default rule;
