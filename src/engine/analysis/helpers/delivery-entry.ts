import type { PackageInput } from '../types';

const cache = new WeakMap<PackageInput, Set<string>>();

/**
 * The root export (`exports` as a string, a conditions object, or its "." entry); subpaths only
 * when there are a few. Packages with hundreds of subpath exports (nx, lodash-es) are toolkits
 * whose files are not all loaded on import.
 */
function addExports(exports: unknown, add: (value: unknown) => void): void {
  if (!exports || typeof exports !== 'object' || Array.isArray(exports)) return add(exports);
  const keys = Object.keys(exports);
  if (!keys.some((k) => k.startsWith('.'))) return add(exports);
  const record = exports as Record<string, unknown>;
  const subpaths = keys.filter((k) => k !== '.' && k !== './package.json' && !k.includes('*'));
  add(record['.']);
  if (subpaths.length <= 4) for (const k of subpaths) add(record[k]);
}

/**
 * Files that run when the package is imported or loaded in a page: main, module, browser,
 * exports. Unlike traits.entryPoint, bin targets are left out: a command runs when someone
 * chooses to run it, not as a side effect of installing or importing.
 */
export function importEntries(pkg: PackageInput): Set<string> {
  let out = cache.get(pkg);
  if (out) return out;
  out = new Set<string>();
  const set = out;
  const add = (value: unknown, depth = 0) => {
    if (depth > 6) return;
    if (typeof value === 'string') set.add(value.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, ''));
    else if (Array.isArray(value)) for (const v of value) add(v, depth + 1);
    else if (value && typeof value === 'object') for (const v of Object.values(value as Record<string, unknown>)) add(v, depth + 1);
  };
  const m = pkg.manifest;
  add(m.main ?? 'index.js');
  add(m.module);
  add(m.browser);
  addExports(m.exports, add);
  add(m.unpkg);
  add(m.jsdelivr);
  for (const p of [...set]) {
    if (!/\.[cm]?[jt]sx?$/.test(p)) {
      set.add(`${p}.js`);
      set.add(`${p}/index.js`.replace(/^\/+/, '').replace(/^\.\//, ''));
    }
  }
  cache.set(pkg, set);
  return set;
}
