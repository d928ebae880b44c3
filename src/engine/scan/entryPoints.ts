import { INSTALL_HOOKS, LOCAL_HOOKS, UNINSTALL_HOOKS, stringRecord } from '../analysis/helpers/delivery-manifest';

/**
 * What runs without anyone calling the package's API: the lifecycle scripts npm runs, the
 * `node-gyp rebuild` npm adds for a binding.gyp, and the files `require` and a `bin` link load.
 * Investigate calls these out in the file list; the rules judge them separately.
 */
export interface EntryPoint {
  kind: 'lifecycle' | 'binding.gyp' | 'main' | 'bin';
  /** `postinstall`, `binding.gyp`, `main`, the bin's command name; untrusted text. */
  label: string;
  /** The script's command line, or the file it points to; untrusted text. */
  detail: string;
  /** npm runs it while installing the package from the registry. */
  installTime: boolean;
}

export const MAX_ENTRY_POINTS = 100;
const MAX_LABEL = 200;
const MAX_DETAIL = 1000;

function clip(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * Entry points of a package from its own package.json and its file list. npm runs preinstall,
 * install and postinstall for a registry install; prepare and its neighbours only for git or local
 * installs, and the uninstall hooks only on npm 6 and older, so those are listed but not as install-time.
 */
export function manifestEntryPoints(manifest: Record<string, unknown>, paths: readonly string[], packageName: string): EntryPoint[] {
  const out: EntryPoint[] = [];
  const add = (entry: EntryPoint) => {
    if (out.length < MAX_ENTRY_POINTS) out.push({ ...entry, label: clip(entry.label, MAX_LABEL), detail: clip(entry.detail, MAX_DETAIL) });
  };
  const scripts = stringRecord(manifest.scripts);
  for (const hook of INSTALL_HOOKS) if (hook in scripts) add({ kind: 'lifecycle', label: hook, detail: scripts[hook]!, installTime: true });
  // npm's package.json normalisation: a root binding.gyp with no install/preinstall of its own (and no `gypfile: false`) gets `node-gyp rebuild`.
  const files = new Set(paths);
  if (files.has('binding.gyp') && !('install' in scripts) && !('preinstall' in scripts) && manifest.gypfile !== false) {
    add({ kind: 'binding.gyp', label: 'binding.gyp', detail: 'node-gyp rebuild', installTime: true });
  }
  for (const hook of [...LOCAL_HOOKS, ...UNINSTALL_HOOKS]) if (hook in scripts) add({ kind: 'lifecycle', label: hook, detail: scripts[hook]!, installTime: false });

  if (typeof manifest.main === 'string' && manifest.main.trim()) add({ kind: 'main', label: 'main', detail: manifest.main, installTime: false });
  else if (files.has('index.js')) add({ kind: 'main', label: 'main', detail: 'index.js', installTime: false });

  const bin = manifest.bin;
  if (typeof bin === 'string' && bin.trim()) {
    // A string bin is linked under the package's name without its scope.
    add({ kind: 'bin', label: packageName.replace(/^@[^/]*\//, '') || packageName, detail: bin, installTime: false });
  } else {
    for (const [name, target] of Object.entries(stringRecord(bin))) add({ kind: 'bin', label: name, detail: target, installTime: false });
  }
  return out;
}
