// The per-account half of "burst": many packages of one npm account published within minutes.
// One package's packument cannot show it (version-burst is the per-package half); a scan of a
// lockfile or of several registry targets can, so this runs over a set of results, after analysis.
import { clip } from '../analysis/helpers/delivery-manifest';
import type { Finding, RuleMeta } from '../analysis/types';
import type { ScanResult } from './result';
import { listedPackages, setFinding, withSetFinding } from './setFindings';

/** Unrelated release lines (see `releaseLines`) one account must publish within the window. */
export const PUBLISHER_BURST_LINES = 3;
export const PUBLISHER_BURST_WINDOW_MINUTES = 30;

/**
 * Not a code rule (it reads no file and needs other packages' results), so it is not in RULES and
 * has no rule fixtures; its page is docs/rules/publisher-burst.md, its tests
 * test/unit/metadata/publisherBurst.test.ts. Low: honest maintainers do publish maintenance sweeps
 * across their packages, so this only makes a package `notable` by itself.
 */
export const PUBLISHER_BURST_META: RuleMeta = {
  id: 'publisher-burst',
  kind: 'metadata',
  category: 'metadata',
  severity: 'low',
  specificity: 'medium',
  description: `This version is one of packages from ${PUBLISHER_BURST_LINES} or more unrelated release lines that one npm account published within ${PUBLISHER_BURST_WINDOW_MINUTES} minutes.`,
};

const WINDOW_MS = PUBLISHER_BURST_WINDOW_MINUTES * 60_000;

interface Published {
  name: string;
  version: string;
  t: number;
  family: string;
}

/**
 * What a monorepo release shares: its scope (`@babel/*`), or the first word of an unscoped name
 * (`jest-cli`, `babel-jest`: a family of one project). `@babel/core` and `babel-core` are one family.
 */
export function packageFamily(name: string): string {
  const lower = name.toLowerCase();
  if (lower.startsWith('@')) {
    const slash = lower.indexOf('/');
    return slash > 1 ? lower.slice(1, slash) : lower;
  }
  return lower.split(/[-._]/)[0] || lower;
}

/**
 * How many unrelated release lines a set of packages spans: packages that share a family or the
 * exact version are one line. A monorepo release is one line either way (one scope, or one fixed
 * version like jest's `expect`, `pretty-format` and `jest-cli` at 29.7.0, or one bot's `@types/*`);
 * a worm republishes an account's unrelated packages, each with a patch bump of its own version.
 */
export function releaseLines(packages: readonly Pick<Published, 'version' | 'family'>[]): number {
  const parent = packages.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const firstBy = new Map<string, number>();
  packages.forEach((p, i) => {
    for (const key of [`f:${p.family}`, `v:${p.version}`]) {
      const first = firstBy.get(key);
      if (first === undefined) firstBy.set(key, i);
      else parent[find(i)] = find(first);
    }
  });
  return new Set(packages.map((_, i) => find(i))).size;
}

/** The finding for one package of a burst: `others` are the rest of the window, oldest first. */
export function publisherBurstFinding(publisher: string, minutes: number, lines: number, others: readonly Pick<Published, 'name' | 'version'>[]): Finding {
  return setFinding(PUBLISHER_BURST_META, `Published by npm user "${clip(publisher, 60)}" within ${minutes} minutes of ${others.length} other packages of the same account, ${lines} unrelated release lines in all (${listedPackages(others)}): worms and stolen tokens publish an account's packages in one wave.`);
}

/**
 * Adds a `publisher-burst` finding to every result whose version one npm account published within
 * PUBLISHER_BURST_WINDOW_MINUTES of packages from at least PUBLISHER_BURST_LINES unrelated release
 * lines (this one included), and scores it again. Results without a publisher or a publish time
 * (local folders, tarballs, failed scans) are neither counted nor changed. Pure: returns a new
 * array in the same order; changed results are new objects, the others the same ones.
 */
export function withPublisherBursts(results: readonly ScanResult[]): ScanResult[] {
  // One entry per publisher and name@version, however many results carry it.
  const byPublisher = new Map<string, Map<string, Published>>();
  for (const r of results) {
    const publisher = r.registry?.publisher;
    const t = Date.parse(r.registry?.publishedAt ?? '');
    if (!publisher || !Number.isFinite(t) || !r.name || !r.version) continue;
    let packages = byPublisher.get(publisher);
    if (!packages) byPublisher.set(publisher, (packages = new Map()));
    packages.set(`${r.name}@${r.version}`, { name: r.name, version: r.version, t, family: packageFamily(r.name) });
  }

  const findings = new Map<string, Finding>(); // publisher + name@version -> finding
  for (const [publisher, packages] of byPublisher) {
    const sorted = [...packages.values()].sort((a, b) => a.t - b.t || a.name.localeCompare(b.name));
    if (sorted.length < PUBLISHER_BURST_LINES) continue;
    // Each package keeps the widest qualifying window (most lines, then most packages) it lies in.
    const best = new Map<Published, { window: Published[]; lines: number }>();
    for (let i = 0; i < sorted.length; i++) {
      let end = i;
      while (end + 1 < sorted.length && sorted[end + 1]!.t - sorted[i]!.t <= WINDOW_MS) end++;
      const window = sorted.slice(i, end + 1);
      if (window.length < PUBLISHER_BURST_LINES) continue;
      const lines = releaseLines(window);
      if (lines < PUBLISHER_BURST_LINES) continue;
      for (const p of window) {
        const had = best.get(p);
        if (!had || lines > had.lines || (lines === had.lines && window.length > had.window.length)) best.set(p, { window, lines });
      }
    }
    for (const [p, { window, lines }] of best) {
      const minutes = Math.max(1, Math.ceil((window[window.length - 1]!.t - window[0]!.t) / 60_000));
      findings.set(`${publisher}\n${p.name}@${p.version}`, publisherBurstFinding(publisher, minutes, lines, window.filter((o) => o !== p)));
    }
  }
  if (!findings.size) return [...results];

  return results.map((r) => {
    const finding = r.registry?.publisher ? findings.get(`${r.registry.publisher}\n${r.name}@${r.version}`) : undefined;
    return finding ? withSetFinding(r, finding) : r;
  });
}
