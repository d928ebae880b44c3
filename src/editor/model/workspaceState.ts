import path from 'node:path';
import semver from 'semver';
import { diffDependencies } from '../../engine/deps/diff';
import type { DependencyEntry, DependencyFile, SourceRange } from '../../engine/deps/model';
import { selectForScan, type ScanScope } from '../../engine/deps/select';
import { isRegistryKind } from '../../engine/deps/spec';
import type { PackageVersion } from '../../engine/intel/types';
import { isAllowed, type AllowEntry } from './allowList';
import { diagnosticFor, lookupUnavailableDiagnostic, type DiagnosticData, type DiagnosticOptions } from './diagnosticData';
import { lookupFailure, verdictView, type PackageState } from './verdictView';

/** A parsed dependency file as the editor tracks it. `path` is a filesystem path (POSIX or native). */
export interface TrackedFile {
  path: string;
  model: DependencyFile;
}

/** What one dependency entry refers to: the key its scan state is stored under. */
export interface PackageRef {
  name: string;
  /** Exact version (locked, or a package.json entry whose sibling lockfile locks it). */
  version?: string;
  /** Registry spec to fetch when no version is locked (`^1.2.0`, `latest`; an alias's target range). */
  spec?: string;
  key: string;
  /** Why it cannot be fetched from a registry (git, file, link, workspace ...). */
  notScannable?: string;
  /** The lockfile's SRI for this version: the tarball must match it. */
  integrity?: string;
  /** The version the baseline locked before this change, to diff against. */
  previousVersion?: string;
}

/** The spec to ask the registry for: an alias `npm:bar@^1` asks for `^1` of `bar`. */
export function registrySpec(entry: DependencyEntry): string {
  const spec = entry.spec?.trim() || 'latest';
  const alias = /^npm:((?:@[^/@]+\/)?[^@]+)(?:@(.*))?$/.exec(spec);
  if (alias) return alias[2]?.trim() || 'latest';
  return spec;
}

/**
 * The version a lockfile in the manifest's folder (or a folder above it: a monorepo root) locks for
 * a package.json entry, when its version satisfies the entry's spec. Direct entries are preferred.
 */
export function lockedVersionFor(manifestPath: string, entry: DependencyEntry, lockfiles: readonly TrackedFile[]): string | undefined {
  const manifestDir = path.dirname(manifestPath);
  const spec = registrySpec(entry);
  const candidates = lockfiles
    .filter((l) => !l.model.fatal && isWithin(manifestDir, path.dirname(l.path)))
    .sort((a, b) => b.path.length - a.path.length);
  for (const lock of candidates) {
    const rel = path.relative(path.dirname(lock.path), manifestDir).split(path.sep).join('/');
    const matches = lock.model.entries.filter((e) => e.name === entry.name && e.version && (!entry.alias || (e.alias ?? e.name) === entry.alias));
    if (!matches.length) continue;
    const satisfying = matches.filter((e) => !semver.validRange(spec) || semver.satisfies(e.version!, spec, { includePrerelease: true, loose: true }));
    const ordered = [...satisfying].sort((a, b) => score(b, rel) - score(a, rel));
    if (ordered[0]) return ordered[0].version;
  }
  return undefined;
}

function score(e: DependencyEntry, workspace: string): number {
  return (e.workspaces.includes(workspace) ? 2 : 0) + (e.direct ? 1 : 0);
}

function isWithin(dir: string, ancestor: string): boolean {
  const rel = path.relative(ancestor, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

export function refFor(file: TrackedFile, entry: DependencyEntry, lockfiles: readonly TrackedFile[]): PackageRef {
  if (!isRegistryKind(entry.specKind)) {
    return { name: entry.name, key: `${entry.name}@${entry.spec ?? entry.version ?? ''}`, notScannable: `not a registry package (${entry.specKind})` };
  }
  const version = entry.version ?? (file.model.kind === 'package-json' ? lockedVersionFor(file.path, entry, lockfiles) : undefined);
  if (version) return { name: entry.name, version, key: `${entry.name}@${version}` };
  const spec = registrySpec(entry);
  return { name: entry.name, spec, key: `${entry.name}@${spec}` };
}

export interface FilePlan {
  /** Packages to scan, one per key. */
  scan: PackageRef[];
  /** Locked versions to look up as known malware (every locked registry entry, once). */
  lookup: PackageVersion[];
}

/**
 * What a change to one file asks for: the entries `scope` selects from the diff against the
 * baseline (never an allowed version, never a non-registry spec), and a known-malware lookup of
 * every locked package whatever the scope.
 */
export function planFile(file: TrackedFile, baseline: DependencyFile | undefined, scope: ScanScope, lockfiles: readonly TrackedFile[], allow: readonly AllowEntry[]): FilePlan {
  const diff = diffDependencies(baseline, file.model);
  const selected = selectForScan(diff, file.model, scope);
  const scan = new Map<string, PackageRef>();
  for (const candidate of selected) {
    const ref = refFor(file, candidate.change.entry, lockfiles);
    if (ref.notScannable || isAllowed(allow, ref.name, ref.version)) continue;
    const { entry, previous } = candidate.change;
    if (entry.integrity && /^sha(?:1|256|384|512)-/.test(entry.integrity)) ref.integrity = entry.integrity;
    if (previous?.version && previous.version !== ref.version) ref.previousVersion = previous.version;
    scan.set(ref.key, ref);
  }
  const lookup = new Map<string, PackageVersion>();
  if (file.model.kind !== 'package-json') {
    for (const e of file.model.entries) {
      if (!e.version || !isRegistryKind(e.specKind)) continue;
      lookup.set(`${e.name}@${e.version}`, { name: e.name, version: e.version });
    }
  }
  return { scan: [...scan.values()], lookup: [...lookup.values()] };
}

export interface FileDiagnostics {
  entries: DiagnosticData[];
  /** One line at the top of a lockfile when some known-malware lookups failed. */
  lookupUnavailable?: Omit<DiagnosticData, 'name' | 'version'>;
}

/** Diagnostics for one file from what the store knows: flagged, not allowed, not hidden by a severity of `none`. */
export function diagnosticsForFile(file: TrackedFile, states: ReadonlyMap<string, PackageState>, lockfiles: readonly TrackedFile[], allow: readonly AllowEntry[], options: DiagnosticOptions): FileDiagnostics {
  const entries: DiagnosticData[] = [];
  let unavailable = 0;
  let locked = 0;
  let reason = '';
  for (const entry of file.model.entries) {
    const ref = refFor(file, entry, lockfiles);
    if (ref.notScannable) continue;
    const state = states.get(ref.key);
    if (file.model.kind !== 'package-json' && ref.version) {
      locked += 1;
      if (state?.knownMalware?.status === 'unknown') {
        unavailable += 1;
        reason ||= lookupFailure(state.knownMalware.reason);
      }
    }
    if (!state) continue;
    const version = ref.version ?? state.result?.version ?? state.version ?? ref.spec ?? '';
    if (isAllowed(allow, ref.name, version)) continue;
    // A lockfile entry whose only news is an unavailable lookup is counted in the file-level line instead.
    if (!state.result && state.knownMalware?.status === 'unknown') continue;
    const data = diagnosticFor(verdictView(state), { name: ref.name, version }, entry.range, options);
    if (data) entries.push(data);
  }
  const out: FileDiagnostics = { entries };
  const summary = lookupUnavailableDiagnostic(unavailable, locked, reason, options);
  if (summary) out.lookupUnavailable = summary;
  return out;
}

/** The entry whose key span contains the position (0-based), for hovers and code actions. */
export function entryAt(model: DependencyFile, line: number, column: number): DependencyEntry | undefined {
  // Anywhere on the entry's first line counts too: the range covers the key, people hover the version.
  return model.entries.find((e) => contains(e.range, line, column)) ?? model.entries.find((e) => e.range.start.line === line);
}

export function contains(range: SourceRange, line: number, column: number): boolean {
  const afterStart = line > range.start.line || (line === range.start.line && column >= range.start.column);
  const beforeEnd = line < range.end.line || (line === range.end.line && column <= range.end.column);
  return afterStart && beforeEnd;
}

export interface VerdictCounts {
  malicious: number;
  suspicious: number;
  notable: number;
  unknown: number;
}

/** Distinct flagged package versions over every file's diagnostics, for the status bar. */
export function countVerdicts(perFile: Iterable<DiagnosticData[]>): VerdictCounts {
  const seen = new Map<string, DiagnosticData['verdict']>();
  for (const list of perFile) for (const d of list) seen.set(`${d.name}@${d.version}`, d.verdict);
  const counts: VerdictCounts = { malicious: 0, suspicious: 0, notable: 0, unknown: 0 };
  for (const verdict of seen.values()) counts[verdict] += 1;
  return counts;
}
