import type { Finding, Severity } from '../../../engine/analysis/types';
import { ruleDocsUrl } from '../../../engine/ruleDocs';
import { excerptLine } from './excerpt';
import { languageFor } from './highlight';
import type { LinkTable } from './links';
import type { EvidenceGroup, EvidenceItem, ExcerptView } from './protocol';
import { CAP, listOf, position, shown } from './shownText';

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
export const MAX_EVIDENCE = 1000;
const MAX_ITEM_INDICATORS = 50;
const MAX_EXCERPT = 1000;
/** Items after these show their excerpt uncoloured: a token object per word of hundreds of minified lines makes a model of megabytes (the host sends coloured context for the top ones anyway). */
export const COLOURED_EXCERPTS = 50;

function severityOf(value: unknown): Severity {
  return (SEVERITY_ORDER as readonly unknown[]).includes(value) ? (value as Severity) : 'info';
}

/**
 * The scan's one-line excerpt as a one-line ExcerptView. The engine trims the line and cuts long
 * ones (marking a cut with `…`), so where the column falls inside it is not known: no mark until
 * the host replaces it with a `contextExcerpt` of the file.
 */
export function findingExcerpt(finding: Finding, colour = true): ExcerptView | undefined {
  if (typeof finding.excerpt !== 'string' || !finding.excerpt) return undefined;
  let text = finding.excerpt.length > MAX_EXCERPT ? finding.excerpt.slice(0, MAX_EXCERPT) : finding.excerpt;
  const cutBefore = text.startsWith('…');
  const cutAfter = text.endsWith('…') || finding.excerpt.length > MAX_EXCERPT;
  if (cutBefore) text = text.slice(1);
  if (text.endsWith('…')) text = text.slice(0, -1);
  const language = colour && typeof finding.file === 'string' ? languageFor(finding.file) : 'text';
  const line = excerptLine(text, position(finding.line) ?? 0, true, undefined, MAX_EXCERPT, language);
  return { lines: [{ ...line, cutBefore, cutAfter }] };
}

function evidenceItem(finding: Finding, id: string, links: LinkTable, canOpenFiles: boolean, colour: boolean): EvidenceItem {
  const rule = typeof finding.rule === 'string' ? finding.rule : 'unknown';
  const line = position(finding.line);
  const column = position(finding.column);
  const file = typeof finding.file === 'string' && finding.file ? finding.file : undefined;
  const item: EvidenceItem = {
    id,
    rule: shown(rule, CAP.rule),
    severity: severityOf(finding.severity),
    category: finding.category,
    message: shown(finding.message, CAP.message),
    canOpen: canOpenFiles && file !== undefined && line !== undefined,
    indicators: listOf(finding.indicators)
      .filter((i): i is { type: string; value: string } => !!i && typeof i === 'object' && typeof (i as { value?: unknown }).value === 'string')
      .slice(0, MAX_ITEM_INDICATORS)
      .map((i) => ({ type: shown(i.type, CAP.label), value: shown(i.value, CAP.indicator) })),
  };
  const ruleLink = links.add('rule', ruleDocsUrl(rule));
  if (ruleLink) item.ruleLink = ruleLink;
  // Shown form; the host maps what `openFile` sends back to the package path with `packagePathFor`.
  if (file) item.file = shown(file, CAP.path);
  if (line !== undefined) item.line = line;
  if (column !== undefined) item.column = column;
  const excerpt = findingExcerpt(finding, colour);
  if (excerpt) item.excerpt = excerpt;
  return item;
}

/** Findings grouped by severity, most severe first; ids `e0`, `e1` … follow that order. */
export function evidenceGroups(findings: readonly Finding[], links: LinkTable, canOpenFiles: boolean): EvidenceGroup[] {
  const ordered = SEVERITY_ORDER.flatMap((severity) => findings.filter((f) => severityOf(f.severity) === severity)).slice(0, MAX_EVIDENCE);
  const groups: EvidenceGroup[] = [];
  ordered.forEach((finding, index) => {
    const item = evidenceItem(finding, `e${index}`, links, canOpenFiles, index < COLOURED_EXCERPTS);
    const group = groups[groups.length - 1];
    if (group?.severity === item.severity) group.items.push(item);
    else groups.push({ severity: item.severity, items: [item] });
  });
  return groups;
}
