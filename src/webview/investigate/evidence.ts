// Findings grouped by severity, most severe first, each with its rule, message, place and excerpt.
import type { EvidenceGroup, EvidenceItem } from '../../editor/model/investigate/protocol';
import { linkTo, section, type RenderContext } from './context';
import { append, button, el, lookup } from './dom';
import { renderExcerpt } from './excerpt';
import { plural } from './format';

type Severity = EvidenceGroup['severity'];

const SEVERITIES: Record<Severity, { label: string; className: string; rank: number }> = {
  critical: { label: 'Critical', className: 'sev-critical', rank: 0 },
  high: { label: 'High', className: 'sev-high', rank: 1 },
  medium: { label: 'Medium', className: 'sev-medium', rank: 2 },
  low: { label: 'Low', className: 'sev-low', rank: 3 },
  info: { label: 'Info', className: 'sev-info', rank: 4 },
};

export function renderEvidence(ctx: RenderContext): HTMLElement {
  const groups = [...ctx.model.evidence].sort((a, b) => rank(a.severity) - rank(b.severity));
  const total = groups.reduce((n, g) => n + g.items.length, 0);
  const body = el('div', 'section-body');
  if (total === 0) append(body, el('p', 'muted', 'No findings.'));
  for (const group of groups) {
    if (group.items.length === 0) continue;
    const look = lookup(SEVERITIES, group.severity);
    const box = el('div', `severity-group ${look?.className ?? ''}`);
    const heading = el('h3', 'severity-title');
    append(heading, el('span', `severity-dot ${look?.className ?? ''}`), el('span', undefined, look?.label ?? 'Other'), el('span', 'count-badge', String(group.items.length)));
    append(box, heading);
    const list = el('ol', 'evidence-list');
    for (const item of group.items) append(list, renderItem(ctx, item));
    append(box, list);
    append(body, box);
  }
  return section(ctx, 'evidence', 'Evidence', body, { icon: 'bug', count: plural(total, 'finding') });
}

function rank(severity: Severity): number {
  return lookup(SEVERITIES, severity)?.rank ?? 9;
}

function renderItem(ctx: RenderContext, item: EvidenceItem): HTMLElement {
  const li = el('li', 'evidence-item');
  const head = el('div', 'evidence-head');
  append(head, linkTo(ctx, item.rule, item.ruleLink, 'rule-name'), el('span', 'badge badge-muted', item.category));
  append(li, head, el('p', 'evidence-message', item.message));
  if (item.file !== undefined) {
    const place = el('div', 'evidence-place');
    const where = item.file + (item.line !== undefined ? `:${item.line}${item.column !== undefined ? `:${item.column}` : ''}` : '');
    append(place, el('code', 'file-position', where));
    if (item.canOpen) {
      const file = item.file;
      const line = item.line;
      append(
        place,
        button('Open', () => ctx.post({ type: 'openFile', key: ctx.model.key, path: file, ...(line !== undefined ? { line } : {}) }), {
          icon: 'go-to-file',
          className: 'button secondary small',
          title: `Open ${where} read-only`,
        }),
      );
    }
    append(li, place);
  }
  const slot = el('div', 'excerpt-slot');
  if (item.excerpt) append(slot, renderExcerpt(item.excerpt));
  ctx.excerptSlots.set(item.id, slot);
  append(li, slot);
  return li;
}
