import { LineIndex } from '../../deps/text';
import { parseJsonDocument, property, type JsonNode } from '../../deps/json';
import type { PackageFile, PackageInput } from '../types';

/**
 * Where package-level findings point: package.json lines, shell script lines. Package rules get no
 * positions from the runner, so these helpers turn offsets into line, column and a short excerpt.
 */

export interface Location {
  file: string;
  line?: number;
  column?: number;
  excerpt?: string;
}

/** Scripts npm and yarn run by themselves when a package is installed from the registry. */
export const INSTALL_HOOKS = ['preinstall', 'install', 'postinstall'] as const;
/** Scripts that run when the package is installed from git or as the local project, not from the registry. */
export const LOCAL_HOOKS = ['preprepare', 'prepare', 'postprepare', 'prepublish'] as const;
/** Run by npm 6 and older on removal; still written by droppers that want a second chance. */
export const UNINSTALL_HOOKS = ['preuninstall', 'uninstall', 'postuninstall'] as const;

const EXCERPT = 160;

const indexes = new WeakMap<PackageFile, LineIndex>();

export function fileByPath(pkg: PackageInput, path: string): PackageFile | undefined {
  return pkg.files.find((f) => f.path === path);
}

/** Line, column (1-based) and the line's text around an offset of a text file. */
export function locate(file: PackageFile | undefined, path: string, offset: number | undefined): Location {
  if (!file?.text || offset === undefined) return { file: path };
  let index = indexes.get(file);
  if (!index) {
    index = new LineIndex(file.text);
    indexes.set(file, index);
  }
  const pos = index.position(offset);
  const start = index.lineStart(pos.line);
  const end = index.lineRange(pos.line).end.column + start;
  const full = file.text.slice(start, end);
  let excerpt = full.trim();
  if (full.length > EXCERPT) {
    const from = Math.max(0, Math.min(pos.column - Math.floor(EXCERPT / 3), full.length - EXCERPT));
    excerpt = `${from > 0 ? '…' : ''}${full.slice(from, from + EXCERPT).trim()}${from + EXCERPT < full.length ? '…' : ''}`;
  }
  return { file: path, line: pos.line + 1, column: pos.column + 1, excerpt };
}

/** A package.json the installer acts on: the package's own, or one of a dependency bundled in its tarball. */
export interface Manifest {
  path: string;
  file: PackageFile | undefined;
  data: Record<string, unknown>;
  name: string;
  bundled: boolean;
}

const trees = new WeakMap<PackageFile, JsonNode | undefined>();
const manifestCache = new WeakMap<PackageInput, Manifest[]>();
const BUNDLED_MANIFEST = /^(?:node_modules\/(?:@[^/]+\/)?[^/]+\/)+package\.json$/;

/** The root manifest, then those of bundled dependencies (npm runs their install scripts too). */
export function manifestsOf(pkg: PackageInput): Manifest[] {
  let out = manifestCache.get(pkg);
  if (out) return out;
  out = [{ path: 'package.json', file: fileByPath(pkg, 'package.json'), data: pkg.manifest, name: pkg.name, bundled: false }];
  for (const file of pkg.files) {
    if (out.length > 50 || !file.text || !BUNDLED_MANIFEST.test(file.path)) continue;
    try {
      const data = JSON.parse(file.text) as unknown;
      if (data && typeof data === 'object' && !Array.isArray(data)) {
        const record = data as Record<string, unknown>;
        out.push({ path: file.path, file, data: record, name: typeof record.name === 'string' ? record.name : file.path, bundled: true });
      }
    } catch {
      /* a broken bundled manifest installs nothing */
    }
  }
  manifestCache.set(pkg, out);
  return out;
}

function memberNode(file: PackageFile | undefined, path: readonly string[]): JsonNode | undefined {
  if (!file?.text) return undefined;
  let root = trees.get(file);
  if (!trees.has(file)) {
    root = parseJsonDocument(file.text).root;
    trees.set(file, root);
  }
  let node = root;
  for (const key of path) node = property(node, key);
  return node;
}

/** Where a member of a manifest sits, e.g. `['scripts', 'postinstall']`: its value, or its key with `key`. */
export function locationIn(manifest: Manifest, path: readonly string[], part: 'value' | 'key' = 'value'): Location {
  const node = memberNode(manifest.file, path);
  if (!node) return { file: manifest.path };
  const offset = part === 'key' ? (node.parent?.children?.[0]?.offset ?? node.offset) : node.offset;
  return locate(manifest.file, manifest.path, offset);
}

/** Where a member of the package's own package.json sits. */
export function manifestLocation(pkg: PackageInput, path: readonly string[], part: 'value' | 'key' = 'value'): Location {
  return locationIn(manifestsOf(pkg)[0]!, path, part);
}

/** The offset of a manifest member's value in its file, for text-based analysis. */
export function offsetIn(manifest: Manifest, path: readonly string[]): number | undefined {
  return memberNode(manifest.file, path)?.offset;
}

export function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out;
  for (const [k, v] of Object.entries(value as Record<string, unknown>)) if (typeof v === 'string') out[k] = v;
  return out;
}

export function scriptsOf(manifest: Manifest): Record<string, string> {
  return stringRecord(manifest.data.scripts);
}

export interface ScriptRun {
  /** The lifecycle hook npm starts from. */
  hook: string;
  /** The script actually holding the command (the hook itself, or one it runs with `npm run`). */
  name: string;
  body: string;
}

const RUN_SCRIPT = /\b(?:npm|pnpm|bun)\s+(?:run(?:-script)?\s+)(?:-{1,2}[\w-]+\s+)*([\w:.-]+)|\byarn\s+(?:run\s+)?([\w:.-]+)/g;

/** A hook's body plus the bodies of the scripts it runs with `npm run x` / `yarn x`, a few levels deep. */
export function expandHook(scripts: Record<string, string>, hook: string): ScriptRun[] {
  const out: ScriptRun[] = [];
  const seen = new Set<string>();
  const visit = (name: string, depth: number) => {
    const body = scripts[name];
    if (body === undefined || seen.has(name) || depth > 3 || out.length > 12) return;
    seen.add(name);
    out.push({ hook, name, body });
    for (const m of body.matchAll(RUN_SCRIPT)) {
      const target = m[1] ?? m[2];
      if (target && target !== name && scripts[target] !== undefined) visit(target, depth + 1);
    }
  };
  visit(hook, 0);
  return out;
}

/** Every script that runs on install, git/local install or uninstall, with what it runs through `npm run`. */
export function lifecycleRuns(manifest: Manifest, hooks: readonly string[] = [...INSTALL_HOOKS, ...LOCAL_HOOKS, ...UNINSTALL_HOOKS]): ScriptRun[] {
  const scripts = scriptsOf(manifest);
  const out: ScriptRun[] = [];
  const seen = new Set<string>();
  for (const hook of hooks) {
    for (const run of expandHook(scripts, hook)) {
      if (seen.has(run.name)) continue;
      seen.add(run.name);
      out.push(run);
    }
  }
  return out;
}

/** `@scope/name` -> `name`. */
export function bareName(name: string): string {
  const slash = name.lastIndexOf('/');
  return slash >= 0 ? name.slice(slash + 1) : name;
}

/** Package text cut to a length safe to put in a message. */
export function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
