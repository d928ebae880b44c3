import { indicatorsOf } from '../analysis/helpers/delivery-commands';
import { isHonestInstallScript, launchedFiles, splitCommands } from '../analysis/helpers/delivery-install';
import { INSTALL_HOOKS, LOCAL_HOOKS, type Manifest, clip, expandHook, locationIn, manifestsOf, scriptsOf } from '../analysis/helpers/delivery-manifest';
import type { PackageInput, Rule } from '../analysis/types';

const RUN_SCRIPT = /^(?:npm|pnpm|bun)\s+run(?:-script)?\s+(?:-{1,2}[\w-]+\s+)*([\w:.-]+)$|^yarn\s+(?:run\s+)?([\w:.-]+)$/;

/** Whether a hook, with the scripts it runs through `npm run`, is made only of honest build steps. */
function honestHook(scripts: Record<string, string>, hook: string, manifest: Manifest): boolean {
  for (const run of expandHook(scripts, hook)) {
    const own = splitCommands(run.body).filter((s) => {
      const m = RUN_SCRIPT.exec(s);
      return !(m && scripts[(m[1] ?? m[2])!] !== undefined);
    });
    if (!isHonestInstallScript(own.join(' && '), manifest.name, manifest.data)) return false;
  }
  return true;
}

/** Paths in a bundled dependency are relative to its own folder. */
function launched(body: string, pkg: PackageInput, manifest: Manifest): string[] {
  const base = manifest.path.slice(0, -'package.json'.length);
  if (!base) return launchedFiles(body, pkg, pkg.manifest);
  return launchedFiles(body, { ...pkg, files: pkg.files.filter((f) => f.path.startsWith(base)).map((f) => ({ ...f, path: f.path.slice(base.length) })) }, manifest.data).map((f) => base + f);
}

/**
 * The install-time trigger: a lifecycle script npm runs by itself, in the package or in a
 * dependency bundled inside its tarball. A capability, not a verdict: scoring pairs it with what
 * the package's code does and adds weight for running at install.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'install-script',
    kind: 'capability',
    category: 'install',
    severity: 'low',
    specificity: 'low',
    description: 'A preinstall/install/postinstall script (or a prepare script that runs a shipped file) other than the well-known native-build and git-hook steps.',
  },
  check(context) {
    const pkg = context.pkg;
    for (const manifest of manifestsOf(pkg)) {
      const scripts = scriptsOf(manifest);
      for (const hook of [...INSTALL_HOOKS, ...LOCAL_HOOKS]) {
        const body = scripts[hook];
        if (body === undefined || !body.trim() || honestHook(scripts, hook, manifest)) continue;
        const local = (LOCAL_HOOKS as readonly string[]).includes(hook);
        // prepare and prepublish never run for a bundled dependency or a registry install.
        if (local && manifest.bundled) continue;
        const files = expandHook(scripts, hook).flatMap((r) => launched(r.body, pkg, manifest));
        if (local && !files.length) continue;
        const notes: string[] = [];
        if (files.length) notes.push(`it starts ${files.slice(0, 3).join(', ')}`);
        if (/>\s*\/dev\/null|2>&1|>\s*nul\b/i.test(body)) notes.push('its output is hidden');
        if (/\|\|\s*(?:true|:|\(:\)|exit\s+0)/.test(body)) notes.push('its failures are ignored');
        const who = manifest.bundled ? `Bundled dependency ${clip(manifest.name, 50)} runs` : 'Runs';
        const when = local ? 'when the package is installed from git or as a project' : 'automatically when the package is installed';
        const indicators = indicatorsOf(body);
        context.report({
          message: `${who} "${clip(body, 80)}" ${when} (${hook})${notes.length ? `; ${notes.join(', ')}` : ''}.`,
          ...locationIn(manifest, ['scripts', hook]),
          ...(indicators.length ? { indicators } : {}),
        });
      }
    }
  },
};

export default rule;
