import { clip } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/** Versions of one package within the window that make a burst. */
export const BURST_VERSIONS = 5;
export const BURST_WINDOW_MINUTES = 10;

/**
 * Many versions of one package in minutes around this one: worms and hijacked tokens publish in
 * waves (Shai-Hulud bumped every package it could reach), release tooling rarely does.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'version-burst',
    kind: 'metadata',
    category: 'metadata',
    severity: 'low',
    specificity: 'medium',
    description: `This version is one of ${BURST_VERSIONS} or more versions of the package published within ${BURST_WINDOW_MINUTES} minutes.`,
  },
  check(context) {
    const registry = context.pkg.registry;
    const at = registry?.current.publishedAt;
    if (!registry || !at) return;
    const window = BURST_WINDOW_MINUTES * 60_000;
    const mine = Date.parse(at);
    const times = registry.publishTimes.map((e) => ({ version: e.version, t: Date.parse(e.publishedAt) })).filter((e) => Number.isFinite(e.t) && Math.abs(e.t - mine) <= window);
    // The busiest window of the given width that contains this version.
    let best: typeof times = [];
    for (const start of times) {
      if (start.t > mine || start.t < mine - window) continue;
      const inside = times.filter((e) => e.t >= start.t && e.t <= start.t + window);
      if (inside.length > best.length) best = inside;
    }
    if (best.length < BURST_VERSIONS) return;
    const versions = best.map((e) => e.version);
    context.report({ message: `One of ${best.length} versions published within ${BURST_WINDOW_MINUTES} minutes (${clip(versions.slice(0, 6).join(', '), 100)}${versions.length > 6 ? ', …' : ''}): a burst like this is typical of a hijacked token or a worm.` });
  },
};

export default rule;
