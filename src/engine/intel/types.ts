/**
 * Known-malware intelligence: the contract between the OSV lookup (online or a local folder of
 * records), the scanner, the worker protocol and the editor.
 */

export interface PackageVersion {
  name: string;
  version: string;
}

/** One OSV record that names the package version as malicious (MAL- or a GHSA malware advisory). */
export interface KnownMalwareRecord {
  /** `MAL-2025-47141`, `GHSA-xxxx-xxxx-xxxx`. */
  id: string;
  /** Record summary, or the first line of details when there is no summary; untrusted text. */
  summary: string;
  /** https link to the record on osv.dev. */
  url: string;
  aliases: string[];
  published?: string;
  modified?: string;
  /** Set when the record was withdrawn (a false positive): it does not make the package malicious. */
  withdrawn?: string;
}

/** What a lookup said for one package version. */
export type KnownMalwareStatus =
  | { status: 'hit'; records: KnownMalwareRecord[] }
  | { status: 'none' }
  /** The lookup failed: never read this as "not malware". */
  | { status: 'unknown'; reason: string };

export interface KnownMalwareLookup {
  /** Keyed by `name@version`. */
  results: Record<string, KnownMalwareStatus>;
  /** `osv.dev`, `local folder /path (123,456 records)`, ... for the log and the CLI. */
  source: string;
}

/** npm's own takedown signs: the `-security` placeholder version or an emptied packument. */
export interface RemovedByNpm {
  probably: boolean;
  reason: string;
}

export function packageKey(p: PackageVersion): string {
  return `${p.name}@${p.version}`;
}

/**
 * Where known-malware answers come from (OSV.dev, a local folder of records, or nothing in offline
 * mode). Every package asked about gets an answer; a failure is `unknown`, never `none`.
 */
export interface KnownMalwareSource {
  lookup(packages: readonly PackageVersion[]): Promise<KnownMalwareLookup>;
}
