import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { minimatch } from 'minimatch';
import { resolveBaseline, type Baseline } from './baseline';
import { diffDependencies, type DependencyDiff } from './diff';
import { discoverDependencyFiles, type FoundFile } from './discover';
import { parseDependencyFile } from './index';
import { DEFAULT_MAX_BYTES, type DependencyFile, type ManifestDeclarations, type ParseOptions } from './model';
import { problem, fatalFile, ZERO_RANGE, formatBytes } from './text';
import type { SnapshotStore } from './snapshotStore';

export interface LoadedFile extends FoundFile {
  model: DependencyFile;
  baseline?: Baseline;
  diff?: DependencyDiff;
}

export interface LoadOptions extends ParseOptions {
  withBaseline?: boolean;
  store?: SnapshotStore;
}

/**
 * Reads every dependency file of a workspace folder into the model. Lockfiles get the manifests of
 * the package.json files below their folder, so formats that do not record direct dependencies
 * (yarn classic, npm v1) still know which entries the workspace asked for.
 */
export async function loadWorkspace(root: string, options: LoadOptions = {}): Promise<LoadedFile[]> {
  const found = await discoverDependencyFiles(root);
  const texts = new Map<string, string | DependencyFile>();
  for (const f of found) texts.set(f.path, await readCapped(f, options.maxBytes ?? DEFAULT_MAX_BYTES));

  const manifests = new Map<string, ManifestDeclarations>();
  const models = new Map<string, DependencyFile>();
  const loaded: LoadedFile[] = [];
  for (const f of found.filter((x) => x.kind === 'package-json')) {
    const text = texts.get(f.path)!;
    const model = typeof text === 'string' ? parseDependencyFile(f.kind, text, options) : text;
    if (typeof text === 'string' && !model.fatal) manifests.set(f.path, declarations(text));
    models.set(f.path, model);
    loaded.push({ ...f, model });
  }
  for (const f of found.filter((x) => x.kind !== 'package-json')) {
    const text = texts.get(f.path)!;
    const own = workspaceManifests(path.dirname(f.path), manifests, models);
    const model = typeof text === 'string' ? parseDependencyFile(f.kind, text, { ...options, manifests: own }) : text;
    loaded.push({ ...f, model });
  }
  if (options.withBaseline) {
    for (const file of loaded) {
      file.baseline = await resolveBaseline(file.path, options.store, options);
      file.diff = diffDependencies(file.baseline.file, file.model);
    }
  }
  return loaded.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * The manifests a lockfile in `dir` covers: its own folder's package.json and the workspace
 * folders its `workspaces` globs name. Other package.json files below (fixtures, examples,
 * vendored copies) are not roots of this lockfile.
 */
function workspaceManifests(dir: string, manifests: Map<string, ManifestDeclarations>, models: Map<string, DependencyFile>): Map<string, ManifestDeclarations> {
  const own = new Map<string, ManifestDeclarations>();
  const rootPath = path.join(dir, 'package.json');
  const root = manifests.get(rootPath);
  if (!root) return own;
  own.set('', root);
  const globs = (models.get(rootPath)?.workspaceGlobs ?? []).map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  if (!globs.length) return own;
  for (const [manifestPath, decl] of manifests) {
    const rel = path.relative(dir, path.dirname(manifestPath)).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const included = globs.filter((g) => !g.startsWith('!')).some((g) => minimatch(rel, g));
    const excluded = globs.filter((g) => g.startsWith('!')).some((g) => minimatch(rel, g.slice(1)));
    if (included && !excluded) own.set(rel, decl);
  }
  return own;
}

async function readCapped(f: FoundFile, maxBytes: number): Promise<string | DependencyFile> {
  try {
    const size = (await stat(f.path)).size;
    if (size > maxBytes) {
      return fatalFile(f.kind, [problem('E_TOO_LARGE', `File is ${formatBytes(size)}, over the ${formatBytes(maxBytes)} limit for dependency files; it was not parsed.`, ZERO_RANGE)]);
    }
    return await readFile(f.path, 'utf8');
  } catch (error) {
    return fatalFile(f.kind, [problem('E_PARSE', `Could not read the file: ${(error as Error).message}`, ZERO_RANGE)]);
  }
}

function declarations(text: string): ManifestDeclarations {
  try {
    const json = JSON.parse(text) as Record<string, unknown>;
    const pick = (key: string): Record<string, string> | undefined => {
      const value = json[key];
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
      return Object.fromEntries(Object.entries(value).filter((e): e is [string, string] => typeof e[1] === 'string'));
    };
    const out: ManifestDeclarations = {};
    for (const key of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const) {
      const map = pick(key);
      if (map) out[key] = map;
    }
    return out;
  } catch {
    return {};
  }
}
