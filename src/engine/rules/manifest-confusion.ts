import { INSTALL_HOOKS, clip, manifestLocation, stringRecord } from '../analysis/helpers/delivery-manifest';
import { binsOf, runtimeDependencies } from '../analysis/helpers/metadata';
import type { PackageInput, Rule, Severity } from '../analysis/types';

/** `./lib/index.js`, `lib/index`, `lib/` and `lib` all load the same file. */
function normaliseMain(value: unknown): string {
  const main = typeof value === 'string' && value.trim() ? value.trim() : 'index.js';
  return main.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/\/+$/, '').replace(/\.js$/, '').replace(/(?:^|\/)index$/, '') || '.';
}

/**
 * The registry's scripts less what npm's publish step may add by itself: `install: node-gyp
 * rebuild` (and `gypfile`) for a binding.gyp when there is no install/preinstall script, and (old
 * npm) `start: node server.js` for a server.js. Other clients (yarn, pnpm) do not add them, so
 * either way is expected.
 */
function registryScriptsLessRewrites(pkg: PackageInput, listed: Record<string, unknown>): Record<string, string> {
  const own = stringRecord(pkg.manifest.scripts);
  const scripts = { ...stringRecord(listed.scripts) };
  const has = (p: string) => pkg.files.some((f) => f.path === p);
  if (has('binding.gyp') && !own.install && !own.preinstall && scripts.install?.trim() === 'node-gyp rebuild') delete scripts.install;
  if (has('server.js') && !own.start && scripts.start?.trim() === 'node server.js') delete scripts.start;
  return scripts;
}

function differences(a: Record<string, string>, b: Record<string, string>): string[] {
  return [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => (a[k]?.trim() ?? '') !== (b[k]?.trim() ?? '')).sort();
}

/**
 * The registry's manifest for this version says one thing and the tarball's package.json another:
 * npm installs dependencies from the first and runs the scripts of the second, and most scanners
 * and the npm website only read the first (manifest confusion, 2023).
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'manifest-confusion',
    kind: 'metadata',
    category: 'metadata',
    severity: 'medium',
    specificity: 'high',
    description: "The registry's manifest for this version differs from the tarball's package.json in scripts, dependencies, bin or main.",
  },
  check(context) {
    const pkg = context.pkg;
    const registry = pkg.registry;
    if (!registry || pkg.archive?.manifestError || !pkg.files.some((f) => f.path === 'package.json')) return;
    const listed = registry.current.manifest;
    const report = (field: string, what: string, path: string[], severity?: Severity) =>
      context.report({ message: `The registry's manifest and the tarball's package.json disagree on ${field}: ${what}.`, ...manifestLocation(pkg, path), ...(severity ? { severity } : {}) });

    const tarScripts = stringRecord(pkg.manifest.scripts);
    const regScripts = registryScriptsLessRewrites(pkg, listed);
    const scriptDiff = differences(tarScripts, regScripts);
    if (scriptDiff.length) {
      const hidden = scriptDiff.filter((s) => (INSTALL_HOOKS as readonly string[]).includes(s) && tarScripts[s]?.trim() && !regScripts[s]?.trim());
      const what = hidden.length
        ? `the tarball runs ${hidden.join(', ')} ("${clip(tarScripts[hidden[0]!]!, 60)}"), which the registry does not show`
        : `scripts ${clip(scriptDiff.slice(0, 5).join(', '), 80)} differ`;
      report('scripts', what, ['scripts', ...(scriptDiff[0] && tarScripts[scriptDiff[0]] !== undefined ? [scriptDiff[0]] : [])], hidden.length ? 'high' : undefined);
    }

    const depDiff = differences(runtimeDependencies(pkg.manifest), runtimeDependencies(listed));
    if (depDiff.length) report('dependencies', `${clip(depDiff.slice(0, 5).join(', '), 100)}${depDiff.length > 5 ? ', …' : ''}`, ['dependencies']);

    // npm expands `directories.bin` into a bin map when it publishes.
    const binFromDirectory = pkg.manifest.bin === undefined && !!pkg.manifest.directories;
    const binDiff = binFromDirectory ? [] : differences(binsOf(pkg.manifest, pkg.name), binsOf(listed, pkg.name));
    if (binDiff.length) report('bin', `command(s) ${clip(binDiff.slice(0, 5).join(', '), 80)}`, ['bin']);

    const tarMain = normaliseMain(pkg.manifest.main);
    const regMain = normaliseMain(listed.main);
    if (tarMain !== regMain) report('main', `the tarball loads "${clip(String(pkg.manifest.main ?? 'index.js'), 60)}", the registry says "${clip(String(listed.main ?? 'index.js'), 60)}"`, ['main']);
  },
};

export default rule;
