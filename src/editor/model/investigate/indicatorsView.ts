import type { Finding } from '../../../engine/analysis/types';
import type { IndicatorsView } from './protocol';
import { CAP, listOf, shown } from './shownText';

export const MAX_INDICATORS = 200;

const LISTS = { domain: 'domains', ip: 'ips', url: 'urls', path: 'paths' } as const;

/**
 * The domains, IPs, URLs and paths named by the evidence, each once, sorted, capped per kind.
 * Emails are left out: an address in a package is the author's as often as the attacker's.
 */
export function indicatorsView(findings: readonly Finding[], name: string, version: string): IndicatorsView {
  const sets = { domains: new Set<string>(), ips: new Set<string>(), urls: new Set<string>(), paths: new Set<string>() };
  for (const finding of findings) {
    for (const indicator of listOf(finding.indicators)) {
      if (!indicator || typeof indicator !== 'object') continue;
      const { type, value } = indicator as { type?: unknown; value?: unknown };
      if (typeof type !== 'string' || typeof value !== 'string' || !value || !Object.prototype.hasOwnProperty.call(LISTS, type)) continue;
      sets[LISTS[type as keyof typeof LISTS]].add(shown(value, CAP.indicator));
    }
  }
  const sorted = (set: Set<string>) => [...set].sort().slice(0, MAX_INDICATORS);
  const lists = { domains: sorted(sets.domains), ips: sorted(sets.ips), urls: sorted(sets.urls), paths: sorted(sets.paths) };
  return { ...lists, json: JSON.stringify({ package: name, version, ...lists }, null, 2) };
}

export function hasIndicators(view: IndicatorsView): boolean {
  return view.domains.length + view.ips.length + view.urls.length + view.paths.length > 0;
}
