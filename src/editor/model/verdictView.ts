import type { VerdictName } from '../../engine/analysis/score';
import type { Finding } from '../../engine/analysis/types';
import { UNAVAILABLE } from '../../engine/intel/osvRecord';
import type { KnownMalwareRecord, KnownMalwareStatus } from '../../engine/intel/types';
import { ruleDocsUrl } from '../../engine/ruleDocs';
import type { ScanResult } from '../../engine/scan/result';

/** Everything the editor knows about one package version (or one unlocked name@spec). */
export interface PackageState {
  name: string;
  /** Exact version when known (locked, or resolved by the scan). */
  version?: string;
  /** The spec that was scanned when nothing locked a version. */
  spec?: string;
  result?: ScanResult;
  /**
   * The scan's own result, before the checks over every scanned package (publisher burst,
   * repository claimed) added their findings to `result`; those checks start from it each time.
   */
  scanned?: ScanResult;
  /** Known-malware lookup answer for a locked version. */
  knownMalware?: KnownMalwareStatus;
  /** A scan is queued or running. */
  pending?: boolean;
}

/** The verdict the editor shows, merged from the scan and the known-malware lookup. */
export interface VerdictView {
  verdict: VerdictName;
  score?: number;
  /** First reason, untrusted text (escape before showing). */
  reason: string;
  /** Rule id (or OSV record id) that explains it, and where its page is. */
  code?: { value: string; target: string };
  knownRecords: KnownMalwareRecord[];
  /** The known-malware lookup could not answer. */
  lookupUnavailable?: string;
  findings: Finding[];
}

const OSV_ID = /^[A-Z][A-Z0-9]*-[A-Za-z0-9._-]{1,64}$/;

/** An OSV record's page, built from its id (never a URL the record supplies). */
export function osvRecordUrl(id: string): string | undefined {
  return OSV_ID.test(id) ? `https://osv.dev/vulnerability/${id}` : undefined;
}

/** Why a package is `unknown`, in the words the issue asks for. */
export function unknownReason(code: string | undefined, fallback: string): string {
  switch (code) {
    case 'E_FETCH':
    case 'E_TIMEOUT':
      return 'registry unreachable';
    case 'E_TOO_LARGE':
      return 'too large';
    case 'E_NOT_FOUND':
      return 'not found in the registry';
    case 'E_AUTH':
      return 'the registry refused access';
    case 'E_OFFLINE':
      return 'offline mode';
    case 'E_CONFIG':
      return 'no registry configured';
    case 'E_WORKER_CRASHED':
      return 'the scan crashed';
    case 'E_SCAN_TIMEOUT':
      return 'the scan timed out';
    case 'E_CANCELLED':
      return 'scan cancelled';
    case 'E_NOT_SCANNABLE':
      return fallback;
    default:
      return fallback.replace(/^Not scanned:\s*/i, '') || 'not scanned';
  }
}

/** The reason of a failed lookup without the engine's "known-malware lookup unavailable:" prefix (the UI says that itself). */
export function lookupFailure(reason: string): string {
  const rest = reason.startsWith(UNAVAILABLE) ? reason.slice(UNAVAILABLE.length).replace(/^[:\s]+/, '') : reason;
  return rest || 'no reason given';
}

function liveRecords(records: readonly KnownMalwareRecord[] | undefined): KnownMalwareRecord[] {
  return (records ?? []).filter((r) => !r.withdrawn);
}

/**
 * Merges what is known about one package into the verdict to show. A known malware record wins;
 * a failed lookup never reads as clean (it is reported alongside whatever the scan found).
 */
export function verdictView(state: PackageState): VerdictView | undefined {
  const known = liveRecords([...(state.knownMalware?.status === 'hit' ? state.knownMalware.records : []), ...(state.result?.knownMalware ?? [])]);
  const unique = [...new Map(known.map((r) => [r.id, r])).values()];
  const lookupUnavailable = state.knownMalware?.status === 'unknown' ? lookupFailure(state.knownMalware.reason) : undefined;
  const findings = state.result?.findings ?? [];
  if (unique.length) {
    const first = unique[0]!;
    const url = osvRecordUrl(first.id);
    return {
      verdict: 'malicious',
      score: 10,
      reason: `known malware (${first.id})${first.summary ? `: ${first.summary}` : ''}`,
      ...(url ? { code: { value: first.id, target: url } } : {}),
      knownRecords: unique,
      findings,
    };
  }
  const result = state.result;
  if (!result) {
    if (lookupUnavailable) return { verdict: 'unknown', reason: `known-malware lookup unavailable (${lookupUnavailable})`, knownRecords: [], lookupUnavailable, findings };
    return undefined;
  }
  const view: VerdictView = { verdict: result.verdict, score: result.score, reason: result.reason, knownRecords: [], findings };
  // The scanner's own lookup (a package.json entry nothing locks) reports a failure in `skipped`.
  const skippedLookup = result.skipped.find((s) => s.startsWith(UNAVAILABLE));
  const unavailable = lookupUnavailable ?? (skippedLookup !== undefined ? lookupFailure(skippedLookup) : undefined);
  if (unavailable) view.lookupUnavailable = unavailable;
  if (result.verdict === 'unknown') {
    view.reason = unknownReason(result.error?.code, result.reason);
    return view;
  }
  const rule = findings[0]?.rule;
  const target = rule ? ruleDocsUrl(rule) : undefined;
  if (rule && target && result.verdict !== 'clean') view.code = { value: rule, target };
  if (result.verdict === 'clean' && unavailable) {
    view.verdict = 'unknown';
    view.reason = `known-malware lookup unavailable (${unavailable}); the code analysis found nothing`;
  }
  return view;
}
