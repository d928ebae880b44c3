// Domains, IPs, URLs and paths pulled from the evidence, with "Copy as JSON" (the host copies).
import type { IndicatorsView } from '../../editor/model/investigate/protocol';
import { section, type RenderContext } from './context';
import { append, button, el, textList } from './dom';

export function renderIndicators(ctx: RenderContext, view: IndicatorsView): HTMLElement {
  const body = el('div', 'section-body');
  const count = view.domains.length + view.ips.length + view.urls.length + view.paths.length;
  const toolbar = el('div', 'toolbar');
  append(
    toolbar,
    button('Copy as JSON', () => ctx.post({ type: 'action', key: ctx.model.key, action: 'copyIndicators' }), {
      icon: 'copy',
      className: 'button secondary small',
      disabled: !ctx.model.actions.copyIndicators,
    }),
  );
  append(body, toolbar);
  const kinds: [string, readonly string[]][] = [
    ['Domains', view.domains],
    ['IP addresses', view.ips],
    ['URLs', view.urls],
    ['Paths', view.paths],
  ];
  for (const [title, values] of kinds) {
    if (values.length === 0) continue;
    append(body, el('h3', undefined, `${title} (${values.length})`), textList(values, '', 'indicator-list'));
  }
  if (count === 0) append(body, el('p', 'muted', 'No indicators in the evidence.'));
  return section(ctx, 'indicators', 'Indicators', body, { icon: 'globe', count: String(count) });
}
