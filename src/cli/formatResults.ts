import { RULES } from '../engine/rules/index';
import { DOCS_BASE } from '../engine/ruleDocs';
import type { ScanResult } from '../engine/scan/result';
import { sanitiseExcerpt } from '../engine/analysis/excerpt';
import { diffSummaryLine } from '../engine/diff/summary';

export interface JsonFinding {
  rule: string;
  severity: string;
  kind: string;
  category: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  excerpt?: string;
  indicators?: { type: string; value: string }[];
}

/** `--json`: one object per target, stable field names (scripts depend on them). */
export function toJson(results: ScanResult[]): unknown[] {
  return results.map((r) => ({
    target: r.target,
    name: r.name,
    version: r.version,
    verdict: r.verdict,
    score: r.score,
    reason: r.reason,
    ...(r.integrity ? { integrity: r.integrity } : {}),
    ...(r.error ? { error: r.error } : {}),
    skipped: r.skipped,
    ...(r.knownMalware?.length ? { knownMalware: r.knownMalware } : {}),
    ...(r.registry ? { registry: r.registry } : {}),
    // Patches stay with `takedown diff --patch`: a scan's JSON lists what changed, not how.
    ...(r.diff ? { diff: { ...r.diff, changed: r.diff.changed.map(({ patch: _patch, ...rest }) => rest) } } : {}),
    findings: r.findings.map(
      (f): JsonFinding => ({
        rule: f.rule, severity: f.severity, kind: f.kind, category: f.category,
        ...(f.file !== undefined ? { file: f.file } : {}), ...(f.line !== undefined ? { line: f.line } : {}), ...(f.column !== undefined ? { column: f.column } : {}),
        message: f.message, ...(f.excerpt !== undefined ? { excerpt: f.excerpt } : {}), ...(f.indicators ? { indicators: f.indicators } : {}),
      }),
    ),
  }));
}

const SARIF_LEVEL: Record<string, 'error' | 'warning' | 'note' | 'none'> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'none' };

/**
 * SARIF 2.1.0 for code scanning. Locations are inside the package (`<name>@<version>/<file>`),
 * since the evidence lives in the tarball, not in the user's repository.
 */
export function toSarif(results: ScanResult[], toolVersion: string): unknown {
  const used = new Set(results.flatMap((r) => r.findings.map((f) => f.rule)));
  const rules: { id: string; name: string; shortDescription: { text: string }; helpUri: string; defaultConfiguration: { level: string | undefined }; properties: Record<string, string> }[] = RULES.filter((r) => used.has(r.meta.id)).map((r) => ({
    id: r.meta.id,
    name: r.meta.id.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.description },
    helpUri: `${DOCS_BASE}/${r.meta.id}.md`,
    defaultConfiguration: { level: SARIF_LEVEL[r.meta.severity] },
    properties: { kind: r.meta.kind, category: r.meta.category, specificity: r.meta.specificity },
  }));
  const known = new Set(rules.map((r) => r.id));
  for (const id of used) if (!known.has(id)) rules.push({ id, name: id, shortDescription: { text: id }, helpUri: `${DOCS_BASE}/${id}.md`, defaultConfiguration: { level: 'warning' }, properties: { kind: 'unknown', category: 'unknown', specificity: 'low' } });
  return {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'Takedown', version: toolVersion, informationUri: 'https://github.com/takedown-dev/takedown', rules } },
        results: results.flatMap((r) =>
          r.findings.map((f) => ({
            ruleId: f.rule,
            level: SARIF_LEVEL[f.severity] ?? 'warning',
            message: { text: `${r.name}@${r.version}: ${f.message}` },
            locations: [
              {
                physicalLocation: {
                  artifactLocation: { uri: `${encodeURIComponent(r.name)}@${encodeURIComponent(r.version)}/${(f.file ?? 'package.json').split('/').map(encodeURIComponent).join('/')}` },
                  ...(f.line !== undefined ? { region: { startLine: f.line, ...(f.column !== undefined ? { startColumn: f.column } : {}), ...(f.excerpt ? { snippet: { text: f.excerpt } } : {}) } } : {}),
                },
              },
            ],
            properties: { verdict: r.verdict, score: r.score, target: r.target },
          })),
        ),
        invocations: [{ executionSuccessful: results.every((r) => !r.error) }],
      },
    ],
  };
}

/** Human output: one line per flagged or unknown package with its first reason; a summary line. */
export function toHuman(results: ScanResult[]): string {
  const lines: string[] = [];
  for (const r of results) {
    if (r.verdict === 'clean' || r.verdict === 'notable') continue;
    const first = r.findings[0];
    const where = first?.file ? ` (${first.file}${first.line ? `:${first.line}` : ''})` : '';
    lines.push(`${r.verdict.toUpperCase().padEnd(10)} ${r.name}@${r.version} score ${r.score}: ${r.reason}${where}`);
    if (r.diff) lines.push(`${' '.repeat(11)}${sanitiseExcerpt(diffSummaryLine(r.diff))}`);
  }
  const counts = new Map<string, number>();
  for (const r of results) counts.set(r.verdict, (counts.get(r.verdict) ?? 0) + 1);
  const order = ['malicious', 'suspicious', 'unknown', 'notable', 'clean'];
  lines.push(`${results.length} package(s): ${order.filter((v) => counts.get(v)).map((v) => `${counts.get(v)} ${v}`).join(', ') || 'none'}`);
  const skipped = [...new Set(results.flatMap((r) => r.skipped))];
  for (const s of skipped) lines.push(`skipped: ${s}`);
  return `${lines.join('\n')}\n`;
}
