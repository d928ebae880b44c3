import { isHonestInstallScript } from '../analysis/helpers/delivery-install';
import { INSTALL_HOOKS, clip, manifestLocation, stringRecord } from '../analysis/helpers/delivery-manifest';
import { binsOf, runtimeDependencies } from '../analysis/helpers/metadata';
import type { Rule } from '../analysis/types';

/** Tools a native addon builds or loads with: their presence means the previous version was native too. */
const NATIVE_TOOLS = new Set(['node-gyp', 'node-gyp-build', 'nan', 'node-addon-api', 'bindings', 'prebuild-install', 'node-pre-gyp', '@mapbox/node-pre-gyp', 'cmake-js', 'napi-build-utils', 'node-gyp-build-optional-packages']);

/**
 * Whether the previous version already built native code: `gypfile` or npm's `install: node-gyp
 * rebuild` in its registry manifest, any install-time script, or a native build tool among its
 * dependencies (bufferutil's `install: node-gyp-build`). The registry lists no files, so this is
 * what it shows of a binding.gyp.
 */
function wasNative(manifest: Record<string, unknown>): boolean {
  if (manifest.gypfile === true) return true;
  const scripts = stringRecord(manifest.scripts);
  if (INSTALL_HOOKS.some((h) => scripts[h]?.trim())) return true;
  const deps = { ...runtimeDependencies(manifest), ...stringRecord(manifest.devDependencies) };
  return Object.keys(deps).some((d) => NATIVE_TOOLS.has(d));
}

/**
 * What a release newly makes run or installs compared with the version before it: the shape of a
 * hijacked release (the 2025-2026 compromises added a postinstall, a binding.gyp or one new
 * dependency to an otherwise unchanged package).
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'release-anomaly',
    kind: 'metadata',
    category: 'metadata',
    severity: 'medium',
    specificity: 'medium',
    description: 'This version adds an install script, a binding.gyp, a dependency or a bin that the previous version did not have.',
  },
  check(context) {
    const pkg = context.pkg;
    const previous = pkg.registry?.previous;
    if (!previous) return;
    const before = previous.manifest;
    const lacked = `that the previous version (${clip(previous.version, 40)}) did not have`;

    const oldScripts = stringRecord(before.scripts);
    const newScripts = stringRecord(pkg.manifest.scripts);
    for (const hook of INSTALL_HOOKS) {
      const body = newScripts[hook]?.trim();
      if (!body || oldScripts[hook]?.trim() || isHonestInstallScript(body, pkg.name, pkg.manifest)) continue;
      context.report({ message: `Adds a ${hook} script "${clip(body, 80)}" ${lacked}.`, ...manifestLocation(pkg, ['scripts', hook]) });
    }

    if (pkg.files.some((f) => f.path === 'binding.gyp') && !wasNative(before)) {
      context.report({ message: `Adds a binding.gyp, which node-gyp runs at install even with no install script, ${lacked}.`, file: 'binding.gyp', line: 1 });
    }

    const oldDeps = runtimeDependencies(before);
    const added = Object.keys(runtimeDependencies(pkg.manifest)).filter((d) => !(d in oldDeps));
    if (added.length) {
      const first = added[0]!;
      const group = first in stringRecord(pkg.manifest.dependencies) ? 'dependencies' : 'optionalDependencies';
      context.report({
        message: `Adds ${added.length === 1 ? 'a dependency' : `${added.length} dependencies`} (${clip(added.slice(0, 4).join(', '), 100)}${added.length > 4 ? ', …' : ''}) ${lacked}.`,
        severity: 'low',
        ...manifestLocation(pkg, [group, first], 'key'),
      });
    }

    const oldBins = binsOf(before, pkg.name);
    const bins = Object.keys(binsOf(pkg.manifest, pkg.name)).filter((b) => !(b in oldBins));
    if (bins.length) {
      context.report({ message: `Adds bin command(s) ${clip(bins.slice(0, 4).join(', '), 80)} ${lacked}.`, severity: 'low', ...manifestLocation(pkg, ['bin']) });
    }
  },
};

export default rule;
