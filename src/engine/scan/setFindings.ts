// What the passes over a whole scan set (publisherBurst.ts, repositoryClaims.ts) share: the list of
// the other packages in a message, and a result scored again with the set's finding added.
import { clip } from '../analysis/helpers/delivery-manifest';
import { score } from '../analysis/score';
import type { Finding, RuleMeta } from '../analysis/types';
import type { ScanResult } from './result';

const LISTED = 6;

/** A finding of a set-level check, from its meta. */
export function setFinding(meta: RuleMeta, message: string): Finding {
  return { rule: meta.id, kind: meta.kind, category: meta.category, severity: meta.severity, message };
}

/** `a@1.0.0, b@2.0.0, …, and 3 more`: the first six, then a count; clipped for a message. */
export function listedPackages(others: readonly { name: string; version: string }[]): string {
  const listed = others.slice(0, LISTED).map((p) => `${p.name}@${p.version}`).join(', ');
  const more = others.length > LISTED ? `, and ${others.length - LISTED} more` : '';
  return `${clip(listed, 240)}${more}`;
}

/**
 * The result with `finding` added and scored again. A finding of the same rule already there (a
 * second pass) is replaced rather than kept beside it. An incomplete analysis stays `unknown`
 * (with its reason) unless the findings make it worse. A new object; the input is not changed.
 */
export function withSetFinding(r: ScanResult, finding: Finding): ScanResult {
  const kept = r.findings.filter((f) => f.rule !== finding.rule);
  const scored = score({ findings: [...kept, finding], ...(r.verdict === 'unknown' ? { incomplete: r.reason } : {}) });
  return { ...r, verdict: scored.verdict, score: scored.score, reason: scored.reason, findings: scored.findings };
}
