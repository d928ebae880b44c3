/** What a release changed against the version before it: the contract for the CLI, the hover and Investigate. */

export interface DiffFileEntry {
  path: string;
  size: number;
  binary: boolean;
}

export interface ChangedFileEntry {
  path: string;
  sizeBefore: number;
  sizeAfter: number;
  binary: boolean;
  /** Rule ids that fire in this file now and did not in the previous version. */
  newRules: string[];
  /** Unified diff of a text file, capped; absent for binaries or when over the cap. */
  patch?: string;
  patchTruncated?: boolean;
  /** Why there is no patch for a changed file (binary, too large to diff, minified, patch budget used up). */
  patchSkipped?: string;
  /** Permission bits, only when they changed (a file that became executable). */
  modeBefore?: number;
  modeAfter?: number;
}

export interface VersionDiff {
  name: string;
  from: string;
  to: string;
  /** How `from` was chosen: the baseline lockfile's version, or the previous one in semver order. */
  basis: 'baseline' | 'semver-previous' | 'explicit';
  added: (DiffFileEntry & { newRules: string[] })[];
  removed: DiffFileEntry[];
  changed: ChangedFileEntry[];
  unchangedCount: number;
  /** How many files were added, removed and changed, also when the lists above were cut. */
  totals?: { added: number; removed: number; changed: number };
  /** Rules firing package-wide (a finding with no file) now and not in the previous version. */
  packageNewRules?: string[];
  /** Files with identical content in which a rule now fires (e.g. one that became an entry point). */
  unchangedWithNewRules?: { path: string; newRules: string[] }[];
  /** Set when the diff itself was cut (too many files, total patch bytes over the cap). */
  truncated?: string;
}
