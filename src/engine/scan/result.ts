import type { FileSummary } from '../analysis/analyze';
import { score, type VerdictName } from '../analysis/score';
import type { Finding } from '../analysis/types';
import type { VersionDiff } from '../diff/types';
import type { KnownMalwareRecord, RemovedByNpm } from '../intel/types';
import type { EntryPoint } from './entryPoints';

export type { EntryPoint } from './entryPoints';

/** Registry facts about the scanned version, for hovers, Investigate and the metadata rules' evidence. */
export interface RegistrySummary {
  /** ISO time this version was published. */
  publishedAt?: string;
  /** `_npmUser.name` of this version. */
  publisher?: string;
  maintainers: string[];
  /** The version before this one (semver order among published versions). */
  previousVersion?: string;
  distTags: Record<string, string>;
  /** Newest first, capped (see registry facts); publish times from the packument's `time`. */
  versions: { version: string; publishedAt?: string }[];
  versionCount: number;
  repository?: string;
  /** This version carries provenance attestations (`dist.attestations`). */
  provenance: boolean;
  deprecated?: string;
  removedByNpm?: RemovedByNpm;
}

/** Bumped when rules or scoring change, so cached verdicts from an older engine are not reused. */
export const ENGINE_VERSION = '0.4.1';

export interface ScanResult {
  /** What the user asked to scan, as given (a path, a spec). */
  target: string;
  name: string;
  version: string;
  verdict: VerdictName;
  score: number;
  /** One line explaining the verdict. */
  reason: string;
  findings: Finding[];
  files: FileSummary[];
  /** SRI of the tarball that was analysed, when it came from an archive. */
  integrity?: string;
  /** Parts of the scan that did not run, and why (offline, lookup unavailable ...). */
  skipped: string[];
  /** Why the scan could not be completed, when it could not: the verdict is then `unknown`. */
  error?: { code: string; message: string };
  engineVersion: string;
  /** OSV records that name this version as malware (the package may not have been downloaded). */
  knownMalware?: KnownMalwareRecord[];
  registry?: RegistrySummary;
  /** What changed since the previous version, when that could be computed. */
  diff?: VersionDiff;
  /** Lifecycle scripts, binding.gyp, main and bins from the package's own manifest; absent when no contents were read. */
  entryPoints?: EntryPoint[];
}

export function unknownResult(target: string, name: string, version: string, code: string, message: string): ScanResult {
  return { target, name, version, verdict: 'unknown', score: 0, reason: message, findings: [], files: [], skipped: [], error: { code, message }, engineVersion: ENGINE_VERSION };
}

/** A result scored from its findings alone (no files read): known-malware hits, hand-built results. */
export function scoredResult(target: string, name: string, version: string, findings: Finding[], extra: Partial<ScanResult> = {}): ScanResult {
  const scored = score({ findings });
  return { target, name, version, verdict: scored.verdict, score: scored.score, reason: scored.reason, findings: scored.findings, files: [], skipped: [], engineVersion: ENGINE_VERSION, ...extra };
}
