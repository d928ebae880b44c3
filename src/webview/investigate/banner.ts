// The verdict banner: what Takedown concluded, why, and what OSV already knows.
import type { BannerView } from '../../editor/model/investigate/protocol';
import { linkTo, type RenderContext } from './context';
import { append, el, icon, lookup, type IconName } from './dom';
import { shortTime } from './format';

type VerdictName = BannerView['verdict'];

const VERDICTS: Record<VerdictName, { label: string; icon: IconName; className: string }> = {
  malicious: { label: 'Malicious', icon: 'error', className: 'verdict-malicious' },
  suspicious: { label: 'Suspicious', icon: 'warning', className: 'verdict-suspicious' },
  notable: { label: 'Notable', icon: 'info', className: 'verdict-notable' },
  clean: { label: 'No findings', icon: 'pass', className: 'verdict-clean' },
  unknown: { label: 'Unknown', icon: 'question', className: 'verdict-unknown' },
};

export function renderBanner(ctx: RenderContext): HTMLElement {
  const { model } = ctx;
  const banner: BannerView = model.banner;
  const look = lookup(VERDICTS, banner.verdict) ?? VERDICTS['unknown'];
  const root = el('header', `banner ${banner.pending ? 'verdict-pending' : look.className}`);
  root.setAttribute('role', 'status');

  const title = el('div', 'banner-title');
  append(title, banner.pending ? icon('loading', 'codicon-modifier-spin verdict-icon') : icon(look.icon, 'verdict-icon'));
  append(title, el('span', 'verdict-label', banner.pending ? 'Scanning…' : look.label));
  if (banner.score !== undefined && !banner.pending) append(title, el('span', 'score', `score ${banner.score}`));
  append(root, title);

  const pkg = el('div', 'package-line');
  append(pkg, icon('package'), el('span', 'package-key', model.key));
  append(root, pkg);

  if (banner.reason) append(root, el('p', 'reason', banner.reason));
  if (banner.error) append(root, notice('error', 'Scan failed: ', banner.error));
  if (banner.removedByNpm) append(root, notice('circle-slash', 'Probably removed by npm: ', banner.removedByNpm));
  if (banner.lookupUnavailable) append(root, notice('warning', 'Known-malware lookup unavailable: ', banner.lookupUnavailable));
  for (const skipped of banner.skipped) append(root, notice('info', 'Skipped: ', skipped));

  if (banner.records.length > 0) {
    const list = el('ul', 'records');
    for (const record of banner.records) {
      const item = el('li', record.withdrawn ? 'record withdrawn' : 'record');
      append(item, icon('shield'), linkTo(ctx, record.id, record.link, 'record-id'));
      if (record.withdrawn) append(item, el('span', 'badge badge-muted', `withdrawn ${shortTime(record.withdrawn)}`));
      else if (record.published) append(item, el('span', 'muted', ` published ${shortTime(record.published)}`));
      if (record.summary) append(item, el('div', 'record-summary', record.summary));
      append(list, item);
    }
    append(root, el('h3', 'records-title', 'Known records'), list);
  }
  if (banner.integrity) {
    const line = el('p', 'integrity muted');
    append(line, 'Integrity ', el('code', undefined, banner.integrity));
    append(root, line);
  }
  return root;
}

function notice(name: IconName, lead: string, text: string): HTMLElement {
  const line = el('p', `notice notice-${name}`);
  append(line, icon(name), el('strong', undefined, lead), el('span', undefined, text));
  return line;
}
