// "What changed since <from>": added, removed and changed files, and a changed file's patch on demand.
import type { DiffChangedView, DiffView, PatchLine } from '../../editor/model/investigate/protocol';
import { section, type RenderContext } from './context';
import { append, button, el, icon, lookup } from './dom';
import { humanSize } from './format';

const BASIS: Record<string, string> = {
  baseline: 'the version in the baseline',
  'semver-previous': 'the previous version',
  explicit: 'the chosen version',
};

const PATCH_CLASSES: Record<string, string> = {
  hunk: 'patch-hunk',
  add: 'patch-add',
  del: 'patch-del',
  context: 'patch-context',
  meta: 'patch-meta',
};

export function renderDiff(ctx: RenderContext, view: DiffView): HTMLElement {
  const body = el('div', 'section-body');
  const basis = lookup(BASIS, view.basis) ?? '';
  append(body, el('p', 'muted', `${view.from} → ${view.to}${basis ? ` (compared with ${basis})` : ''}; ${view.totals.added} added, ${view.totals.removed} removed, ${view.totals.changed} changed, ${view.unchangedCount} unchanged`));
  if (view.packageNewRules.length > 0) append(body, rulesLine('New in the package: ', view.packageNewRules));
  if (view.truncated) append(body, el('p', 'notice', view.truncated));

  if (view.added.length > 0) {
    const list = group(body, 'Added', 'diff-added');
    for (const file of view.added) {
      const item = fileRow('+', file.path, humanSize(file.size));
      if (file.newRules.length > 0) append(item, rulesLine('New rules: ', file.newRules));
      append(list, item);
    }
  }
  if (view.removed.length > 0) {
    const list = group(body, 'Removed', 'diff-removed');
    for (const file of view.removed) append(list, fileRow('−', file.path, humanSize(file.size)));
  }
  if (view.changed.length > 0) {
    const list = group(body, 'Changed', 'diff-changed');
    for (const file of view.changed) append(list, changedRow(ctx, file));
  }
  return section(ctx, 'diff', `What changed since ${view.from}`, body, { icon: 'diff' });
}

function group(body: HTMLElement, title: string, className: string): HTMLElement {
  const list = el('ul', `diff-list ${className}`);
  append(body, el('h3', undefined, title), list);
  return list;
}

function fileRow(sign: '+' | '−' | '~', path: string, size: string): HTMLLIElement {
  const item = el('li', 'diff-file');
  const row = el('div', 'diff-row');
  append(row, el('span', sign === '+' ? 'diff-sign sign-add' : sign === '−' ? 'diff-sign sign-del' : 'diff-sign sign-mod', sign), el('code', 'diff-path', path), el('span', 'size', size));
  append(item, row);
  return item;
}

function rulesLine(lead: string, rules: readonly string[]): HTMLElement {
  const line = el('div', 'rules-line');
  append(line, el('span', 'muted', lead));
  for (const rule of rules) append(line, el('span', 'badge badge-danger', rule));
  return line;
}

function changedRow(ctx: RenderContext, file: DiffChangedView): HTMLLIElement {
  const item = fileRow('~', file.path, `${humanSize(file.sizeBefore)} → ${humanSize(file.sizeAfter)}`);
  if (file.mode) append(item, el('div', 'muted', `mode ${file.mode}`));
  if (file.newRules.length > 0) append(item, rulesLine('New rules: ', file.newRules));
  const slot = el('div', 'patch-slot');
  if (file.hasPatch) {
    // the first click asks the host for the patch; later clicks only fold and unfold it
    let requested = false;
    const show = button(
      'Show diff',
      () => {
        const label = show.querySelector('.label');
        if (!requested) {
          requested = true;
          slot.replaceChildren(el('p', 'muted', 'Loading diff…'));
          ctx.post({ type: 'requestPatch', key: ctx.model.key, path: file.path });
        } else {
          slot.hidden = !slot.hidden;
        }
        if (label) label.textContent = slot.hidden ? 'Show diff' : 'Hide diff';
        show.setAttribute('aria-expanded', String(!slot.hidden));
      },
      { icon: 'diff', className: 'button secondary small' },
    );
    show.setAttribute('aria-expanded', 'false');
    append(item, show);
    ctx.patchSlots.set(file.path, slot);
  } else if (file.patchSkipped) {
    append(item, el('p', 'muted', `No diff: ${file.patchSkipped}`));
  }
  append(item, slot);
  return item;
}

export function renderPatch(slot: HTMLElement, lines: readonly PatchLine[], truncated: boolean, note: string | undefined): void {
  const pre = el('pre', 'code patch');
  for (const line of lines) {
    const row = el('span', `patch-line ${lookup(PATCH_CLASSES, line.kind) ?? ''}`);
    const sign = line.kind === 'add' ? '+' : line.kind === 'del' ? '-' : line.kind === 'context' ? ' ' : '';
    append(row, el('span', 'patch-sign', sign), el('span', undefined, line.text), '\n');
    append(pre, row);
  }
  slot.replaceChildren();
  if (lines.length > 0) append(slot, pre);
  if (truncated) {
    const cut = el('p', 'muted');
    append(cut, icon('warning'), ' The diff was cut.');
    append(slot, cut);
  }
  if (note) append(slot, el('p', 'muted', note));
}
