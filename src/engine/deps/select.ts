import type { DependencyDiff, DependencyChange } from './diff';
import type { DependencyFile } from './model';
import { isRegistryKind } from './spec';

/** `takedown.scan.scope`: what to scan when a file has no baseline (first sight). */
export type ScanScope = 'added' | 'direct' | 'all';

export interface ScanCandidate {
  name: string;
  version?: string;
  spec?: string;
  change: DependencyChange;
}

/**
 * The package versions worth scanning after a change.
 * - `added`: what was added or changed since the baseline; on first sight (no baseline) nothing,
 *   the current state simply becomes the baseline (known-malware lookups still cover every entry);
 * - `direct`: the same, but on first sight the workspace's own (direct) dependencies are scanned;
 * - `all`: every entry of the file, baseline or not.
 * Non-registry entries stay in the list: a git or tarball URL dependency is itself a finding.
 */
export function selectForScan(diff: DependencyDiff, current: DependencyFile, scope: ScanScope): ScanCandidate[] {
  let changes: DependencyChange[];
  if (scope === 'all') {
    const known = new Map([...diff.added, ...diff.changed].map((c) => [c.entry, c]));
    changes = current.entries.map((entry) => known.get(entry) ?? { entry, reasons: [] });
  }
  else if (diff.hasBaseline) changes = [...diff.added, ...diff.changed];
  else changes = scope === 'direct' ? diff.added.filter((c) => c.entry.direct) : [];
  const seen = new Set<string>();
  const out: ScanCandidate[] = [];
  for (const change of changes) {
    const e = change.entry;
    const key = `${e.name}@${e.version ?? e.spec ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const candidate: ScanCandidate = { name: e.name, change };
    if (e.version) candidate.version = e.version;
    if (e.spec !== undefined) candidate.spec = e.spec;
    out.push(candidate);
  }
  return out;
}

export function isScannable(candidate: ScanCandidate): boolean {
  return isRegistryKind(candidate.change.entry.specKind);
}
