import type { DependencyFile, ParseOptions } from './model';
import { readGitBaseline, type GitOptions } from './gitBaseline';
import { dependencyFileKind, parseDependencyFile } from './index';
import { fromSnapshot, type SnapshotStore } from './snapshotStore';

export interface Baseline {
  source: 'git' | 'snapshot' | 'none';
  /** Why this source was used, for the log and the CLI. */
  detail: string;
  file?: DependencyFile;
}

/**
 * Picks what a dependency file is compared with: the committed version when the folder is a git
 * repository (the reviewer's notion of "new"), else the last state Takedown saw, else nothing.
 */
export async function resolveBaseline(file: string, store: SnapshotStore | undefined, options: ParseOptions & { git?: GitOptions } = {}): Promise<Baseline> {
  const kind = dependencyFileKind(file);
  if (!kind) return { source: 'none', detail: 'not a dependency file' };
  const fromGit = await readGitBaseline(file, options.git);
  if (fromGit.status === 'found') {
    const parsed = parseDependencyFile(kind, fromGit.text, options);
    if (!parsed.fatal) return { source: 'git', detail: 'committed version (HEAD)', file: parsed };
    return fallback(file, store, `the committed version could not be read (${parsed.problems[0]?.message ?? 'parse error'})`);
  }
  if (fromGit.status === 'not-committed') return { source: 'none', detail: 'the file is not committed yet: every entry is new' };
  return fallback(file, store, `no git history (${fromGit.reason})`);
}

async function fallback(file: string, store: SnapshotStore | undefined, why: string): Promise<Baseline> {
  const snapshot = await store?.get(file);
  if (snapshot) return { source: 'snapshot', detail: `${why}; last state seen at ${snapshot.savedAt}`, file: fromSnapshot(snapshot) };
  return { source: 'none', detail: `${why}; first time this file is seen` };
}
