import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { DEPENDENCY_FILE_NAMES } from './fileNames';
import type { DependencyFileKind } from './model';

export interface FoundFile {
  path: string;
  kind: DependencyFileKind;
}

export interface DiscoverOptions {
  maxDepth?: number;
  maxDirectories?: number;
}

/** Folders that never hold the workspace's own manifests: installed packages, VCS data, caches. */
const SKIPPED = new Set(['node_modules', '.git', '.hg', '.svn', '.yarn', '.pnpm-store', 'bower_components', '.next', '.nuxt', '.turbo', '.cache']);

/**
 * Every package.json and lockfile below a folder, breadth-first, never inside node_modules (the
 * installed packages' manifests are what we scan, not where dependencies are declared) and never
 * following symbolic links (a link can point anywhere, including in circles).
 */
export async function discoverDependencyFiles(root: string, options: DiscoverOptions = {}): Promise<FoundFile[]> {
  const maxDepth = options.maxDepth ?? 12;
  let budget = options.maxDirectories ?? 20_000;
  const found: FoundFile[] = [];
  let level = [root];
  for (let depth = 0; depth <= maxDepth && level.length && budget > 0; depth++) {
    const next: string[] = [];
    for (const dir of level) {
      if (budget-- <= 0) break;
      let items;
      try {
        items = await readdir(dir, { withFileTypes: true });
      } catch {
        continue;
      }
      items.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
      for (const item of items) {
        if (item.isDirectory() && !SKIPPED.has(item.name)) next.push(path.join(dir, item.name));
        else if (item.isFile() && item.name in DEPENDENCY_FILE_NAMES) found.push({ path: path.join(dir, item.name), kind: DEPENDENCY_FILE_NAMES[item.name]! });
      }
    }
    level = next;
  }
  return found;
}
