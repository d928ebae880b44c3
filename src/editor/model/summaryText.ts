import type { ScanResult } from '../../engine/scan/result';
import { plainText } from './safeText';
import { verdictView, type PackageState } from './verdictView';

/**
 * The plain-text page Investigate opens until the webview exists: verdict, findings with
 * file:line, known records, registry facts and what changed since the previous version. Plain
 * text in a read-only document, so nothing in it can render or run.
 */
export function summaryText(state: PackageState, now: Date): string {
  const result: ScanResult | undefined = state.result;
  const view = verdictView(state);
  const version = result?.version || state.version || state.spec || '';
  const out: string[] = [];
  out.push(`Takedown: ${plainText(state.name, 214)}@${plainText(version, 64)}`);
  out.push('='.repeat(Math.min(80, out[0]!.length)));
  out.push('');
  if (!view) {
    out.push(state.pending ? 'Scanning…' : 'Not scanned yet.');
    return out.join('\n') + '\n';
  }
  out.push(`Verdict: ${view.verdict}${view.score !== undefined && view.verdict !== 'unknown' ? ` (score ${view.score.toFixed(1)}/10)` : ''}`);
  out.push(`Reason:  ${plainText(view.reason, 500)}`);
  if (result?.integrity) out.push(`Tarball: ${plainText(result.integrity, 120)}`);
  if (result?.skipped.length) out.push(`Skipped: ${result.skipped.map((s) => plainText(s, 120)).join('; ')}`);
  if (view.lookupUnavailable) out.push(`Known-malware lookup unavailable: ${plainText(view.lookupUnavailable, 200)}`);
  out.push(`Engine:  ${result?.engineVersion ?? 'n/a'}, summary written ${now.toISOString()}`);

  if (view.knownRecords.length) {
    out.push('', 'Known malware records', '---------------------');
    for (const r of view.knownRecords) out.push(`- ${plainText(r.id, 80)}: ${plainText(r.summary, 300)}${r.published ? ` (published ${plainText(r.published, 30)})` : ''}`);
  }

  out.push('', `Findings (${view.findings.length})`, '--------');
  if (!view.findings.length) out.push('(none)');
  for (const f of view.findings) {
    const where = f.file ? `${plainText(f.file, 200)}${f.line ? `:${f.line}${f.column ? `:${f.column}` : ''}` : ''}` : '(package)';
    out.push(`- [${f.severity}] ${f.rule} (${f.kind}) at ${where}`);
    out.push(`    ${plainText(f.message, 400)}`);
    if (f.excerpt) out.push(`    > ${plainText(f.excerpt, 200)}`);
    for (const i of f.indicators ?? []) out.push(`    ${i.type}: ${plainText(i.value, 200)}`);
  }

  const registry = result?.registry;
  if (registry) {
    out.push('', 'Registry', '--------');
    if (registry.publishedAt) out.push(`Published:  ${plainText(registry.publishedAt, 40)}${registry.publisher ? ` by ${plainText(registry.publisher, 80)}` : ''}`);
    if (registry.previousVersion) out.push(`Previous:   ${plainText(registry.previousVersion, 64)}`);
    if (registry.maintainers.length) out.push(`Maintainers: ${registry.maintainers.slice(0, 20).map((m) => plainText(m, 80)).join(', ')}`);
    out.push(`Versions:   ${registry.versionCount}`);
    if (registry.repository) out.push(`Repository: ${plainText(registry.repository, 200)}`);
    out.push(`Provenance: ${registry.provenance ? 'yes' : 'no'}`);
    if (registry.deprecated) out.push(`Deprecated: ${plainText(registry.deprecated, 200)}`);
    if (registry.removedByNpm?.probably) out.push(`Removed by npm: ${plainText(registry.removedByNpm.reason, 200)}`);
  }

  const diff = result?.diff;
  if (diff) {
    out.push('', `Changes since ${plainText(diff.from, 64)} (${diff.basis})`, '-------');
    const totals = diff.totals ?? { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
    out.push(`${totals.added} added, ${totals.removed} removed, ${totals.changed} changed, ${diff.unchangedCount} unchanged${diff.truncated ? ` (cut: ${plainText(diff.truncated, 120)})` : ''}`);
    for (const f of diff.added.slice(0, 50)) out.push(`+ ${plainText(f.path, 200)}${f.newRules.length ? `  [new: ${f.newRules.join(', ')}]` : ''}`);
    for (const f of diff.removed.slice(0, 50)) out.push(`- ${plainText(f.path, 200)}`);
    for (const f of diff.changed.slice(0, 50)) out.push(`~ ${plainText(f.path, 200)} (${f.sizeBefore} -> ${f.sizeAfter} bytes)${f.newRules.length ? `  [new: ${f.newRules.join(', ')}]` : ''}`);
  }

  out.push('', 'Files in the package are opened read-only from the scanned tarball; nothing from it was run.');
  return out.join('\n') + '\n';
}
