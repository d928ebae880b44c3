import type { FileSummary } from '../analysis/analyze';
import type { VerdictName } from '../analysis/score';
import type { Finding } from '../analysis/types';

/** Bumped when rules or scoring change, so cached verdicts from an older engine are not reused. */
export const ENGINE_VERSION = '0.2.0';

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
}

export function unknownResult(target: string, name: string, version: string, code: string, message: string): ScanResult {
  return { target, name, version, verdict: 'unknown', score: 0, reason: message, findings: [], files: [], skipped: [], error: { code, message }, engineVersion: ENGINE_VERSION };
}
