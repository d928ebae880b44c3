import semver from 'semver';
import type { DependencyEntry, DependencyFile } from './model';

export type ChangeReason = 'new' | 'version' | 'spec' | 'resolved' | 'integrity';

export interface DependencyChange {
  /** The entry in the current file (for `removed`: the baseline's entry). */
  entry: DependencyEntry;
  /** For `changed`: the baseline entry it replaces (the nearest lower version, else the highest). */
  previous?: DependencyEntry;
  reasons: ChangeReason[];
}

export interface DependencyDiff {
  added: DependencyChange[];
  changed: DependencyChange[];
  removed: DependencyChange[];
  unchanged: number;
  /** False when there was no usable baseline, so everything counts as added. */
  hasBaseline: boolean;
}

/**
 * What a change to a dependency file brought in. Identity differs by file kind:
 * - package.json: (group, installed name); a different spec is a change;
 * - lockfiles: the registry name; a version the baseline did not lock is added (no version of that
 *   name before) or changed (a bump); the same version with another tarball URL or integrity is a
 *   change too, since that is exactly how a swapped tarball shows up in review.
 * Every current instance is reported, so each lockfile occurrence gets its own diagnostic.
 */
export function diffDependencies(baseline: DependencyFile | undefined, current: DependencyFile): DependencyDiff {
  const usable = baseline !== undefined && !baseline.fatal;
  if (current.fatal) return { added: [], changed: [], removed: [], unchanged: 0, hasBaseline: usable };
  if (!usable) {
    return { added: current.entries.map((entry) => ({ entry, reasons: ['new'] })), changed: [], removed: [], unchanged: 0, hasBaseline: false };
  }
  return current.kind === 'package-json' ? diffManifest(baseline.entries, current.entries) : diffLock(baseline.entries, current.entries);
}

function manifestKey(e: DependencyEntry): string {
  return `${e.group ?? ''}\0${e.alias ?? e.name}`;
}

function diffManifest(before: DependencyEntry[], after: DependencyEntry[]): DependencyDiff {
  const old = new Map(before.map((e) => [manifestKey(e), e]));
  const result: DependencyDiff = { added: [], changed: [], removed: [], unchanged: 0, hasBaseline: true };
  const seen = new Set<string>();
  for (const entry of after) {
    const key = manifestKey(entry);
    seen.add(key);
    const previous = old.get(key);
    if (!previous) result.added.push({ entry, reasons: ['new'] });
    else if (previous.spec !== entry.spec || previous.name !== entry.name) result.changed.push({ entry, previous, reasons: ['spec'] });
    else result.unchanged += 1;
  }
  for (const [key, entry] of old) if (!seen.has(key)) result.removed.push({ entry, reasons: [] });
  return result;
}

function groupByName(entries: DependencyEntry[]): Map<string, DependencyEntry[]> {
  const map = new Map<string, DependencyEntry[]>();
  for (const e of entries) {
    const list = map.get(e.name);
    if (list) list.push(e);
    else map.set(e.name, [e]);
  }
  return map;
}

function diffLock(before: DependencyEntry[], after: DependencyEntry[]): DependencyDiff {
  const oldByName = groupByName(before);
  const newByName = groupByName(after);
  const result: DependencyDiff = { added: [], changed: [], removed: [], unchanged: 0, hasBaseline: true };

  for (const [name, current] of newByName) {
    const old = oldByName.get(name) ?? [];
    const oldByVersion = new Map(old.map((e) => [e.version ?? '', e]));
    const currentVersions = new Set(current.map((e) => e.version ?? ''));
    // Old versions that vanished are what the new ones replaced; bumps pair with them first.
    const replaced = old.filter((e) => !currentVersions.has(e.version ?? ''));
    for (const entry of current) {
      const same = oldByVersion.get(entry.version ?? '');
      if (same) {
        const reasons: ChangeReason[] = [];
        if (differs(same.resolved, entry.resolved)) reasons.push('resolved');
        if (differs(same.integrity, entry.integrity)) reasons.push('integrity');
        if (reasons.length) result.changed.push({ entry, previous: same, reasons });
        else result.unchanged += 1;
      } else if (old.length === 0) {
        result.added.push({ entry, reasons: ['new'] });
      } else {
        result.changed.push({ entry, previous: nearestPrevious(entry, replaced.length ? replaced : old), reasons: ['version'] });
      }
    }
  }
  for (const [name, old] of oldByName) {
    const current = newByName.get(name);
    const versions = new Set((current ?? []).map((e) => e.version ?? ''));
    const reported = new Set<string>();
    for (const entry of old) {
      const v = entry.version ?? '';
      if (versions.has(v) || reported.has(v)) continue;
      reported.add(v);
      // A replaced version already shows up as the `previous` of a change; only count true removals.
      if (!current) result.removed.push({ entry, reasons: [] });
    }
  }
  return result;
}

/** Integrity and resolved differ only when both sides recorded one: a field newly written by a newer package manager is not a change. */
function differs(a: string | undefined, b: string | undefined): boolean {
  return a !== undefined && b !== undefined && a !== b;
}

function nearestPrevious(entry: DependencyEntry, candidates: DependencyEntry[]): DependencyEntry {
  const target = entry.version && semver.valid(entry.version);
  const valid = candidates.filter((c) => c.version && semver.valid(c.version));
  if (target && valid.length) {
    const sorted = valid.sort((a, b) => semver.compare(b.version!, a.version!));
    return sorted.find((c) => semver.lt(c.version!, target)) ?? sorted[0]!;
  }
  return candidates[0]!;
}
