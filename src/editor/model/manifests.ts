import path from 'node:path';
import { minimatch } from 'minimatch';
import type { ManifestDeclarations } from '../../engine/deps/model';
import type { TrackedFile } from './workspaceState';

const GROUPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** A package.json model's direct requests, in the shape lockfile parsers take. */
export function declarationsOf(file: TrackedFile): ManifestDeclarations {
  const out: ManifestDeclarations = {};
  for (const e of file.model.entries) {
    const group = e.group;
    if (!group || !(GROUPS as readonly string[]).includes(group) || e.spec === undefined) continue;
    const map = (out[group as (typeof GROUPS)[number]] ??= {});
    map[e.alias ?? e.name] = e.spec;
  }
  return out;
}

/**
 * The manifests a lockfile covers, keyed by workspace path ('' = its own folder): the package.json
 * beside it and those its `workspaces` globs name (the same rule as the engine's workspace loader).
 */
export function manifestsForLockfile(lockPath: string, manifests: readonly TrackedFile[]): Record<string, ManifestDeclarations> {
  const dir = path.dirname(lockPath);
  const root = manifests.find((m) => m.path === path.join(dir, 'package.json') && !m.model.fatal);
  if (!root) return {};
  const out: Record<string, ManifestDeclarations> = { '': declarationsOf(root) };
  const globs = (root.model.workspaceGlobs ?? []).map((g) => g.replace(/^\.\//, '').replace(/\/+$/, ''));
  if (!globs.length) return out;
  for (const m of manifests) {
    if (m === root || m.model.fatal) continue;
    const rel = path.relative(dir, path.dirname(m.path)).split(path.sep).join('/');
    if (!rel || rel.startsWith('..')) continue;
    const included = globs.filter((g) => !g.startsWith('!')).some((g) => minimatch(rel, g));
    const excluded = globs.filter((g) => g.startsWith('!')).some((g) => minimatch(rel, g.slice(1)));
    if (included && !excluded) out[rel] = declarationsOf(m);
  }
  return out;
}
