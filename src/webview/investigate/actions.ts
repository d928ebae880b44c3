// The toolbar under the banner: each button asks the host to act; `model.actions` says which apply.
import type { ActionName } from '../../editor/model/investigate/protocol';
import type { RenderContext } from './context';
import { append, button, el, type IconName } from './dom';

const TOOLBAR: { action: ActionName; label: string; icon: IconName; primary?: boolean }[] = [
  { action: 'report', label: 'Report to OSV', icon: 'report', primary: true },
  { action: 'allow', label: 'Allow this version', icon: 'check' },
  { action: 'openNpm', label: 'Open on npm', icon: 'link-external' },
  { action: 'rescan', label: 'Rescan', icon: 'refresh' },
];

export function renderActions(ctx: RenderContext): HTMLElement {
  const bar = el('nav', 'actions');
  bar.setAttribute('aria-label', 'Actions');
  for (const entry of TOOLBAR) {
    append(
      bar,
      button(entry.label, () => ctx.post({ type: 'action', key: ctx.model.key, action: entry.action }), {
        icon: entry.icon,
        className: entry.primary ? 'button' : 'button secondary',
        disabled: !ctx.model.actions[entry.action],
      }),
    );
  }
  return bar;
}
