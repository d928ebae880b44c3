// What every render module gets: the model, a way to talk to the host, and the shared pieces
// (links, collapsible sections) so that each module stays a plain function of the model.
import type { InvestigateModel, PageMessage } from '../../editor/model/investigate/protocol';
import { append, el, icon, type IconName } from './dom';

export interface RenderContext {
  model: InvestigateModel;
  post(message: PageMessage): void;
  /** Section ids the user collapsed. */
  collapsed: ReadonlySet<string>;
  onToggle(sectionId: string, open: boolean): void;
  /** Where each evidence item's excerpt is drawn, by evidence id, for `excerpts` updates. */
  excerptSlots: Map<string, HTMLElement>;
  /** Where each changed file's patch is drawn, by path, for `patch` replies. */
  patchSlots: Map<string, HTMLElement>;
}

/**
 * A link the host opens: a button posting `openLink` with the id. When the model holds no link with
 * that id, the text is shown without a button (the host would refuse it anyway).
 */
export function linkTo(ctx: RenderContext, text: string, id: string | undefined, className = ''): HTMLElement {
  if (id === undefined || !ctx.model.links.some((l) => l.id === id)) return el('span', className || undefined, text);
  const node = el('button', `link${className ? ` ${className}` : ''}`);
  node.type = 'button';
  append(node, el('span', undefined, text), icon('link-external', 'link-icon'));
  node.addEventListener('click', () => ctx.post({ type: 'openLink', key: ctx.model.key, id }));
  return node;
}

/** A collapsible section (native <details>, so Space/Enter toggle it); its open state is remembered. */
export function section(ctx: RenderContext, id: string, title: string, body: Node, opts: { icon?: IconName; count?: string } = {}): HTMLDetailsElement {
  const details = el('details', 'section');
  details.open = !ctx.collapsed.has(id);
  const summary = el('summary', 'section-title');
  const heading = el('h2');
  if (opts.icon) append(heading, icon(opts.icon));
  append(heading, el('span', undefined, title));
  if (opts.count !== undefined) append(heading, el('span', 'count-badge', opts.count));
  append(summary, heading);
  append(details, summary, body);
  details.addEventListener('toggle', () => ctx.onToggle(id, details.open));
  return details;
}
