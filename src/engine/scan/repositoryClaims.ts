// The set-level half of starjacking: one repository claimed by many unrelated packages. One
// package's registry document cannot show it (the `starjacking` rule is the per-package half); a
// scan of a lockfile or of several registry targets can, so this runs over a set of results, after
// analysis, like publisherBurst.ts.
import { clip } from '../analysis/helpers/delivery-manifest';
import type { Finding, RuleMeta } from '../analysis/types';
import { namedAfterRepository, repositoryParts } from '../rules/starjacking';
import { packageFamily } from './publisherBurst';
import type { ScanResult } from './result';
import { listedPackages, setFinding, withSetFinding } from './setFindings';

/** Unrelated families (see `packageFamily`) whose packages must claim one repository. */
export const REPOSITORY_CLAIM_FAMILIES = 3;

/**
 * Not a code rule (it reads no file and needs other packages' results), so it is not in RULES and
 * has no rule fixtures; its page is docs/rules/repository-claimed.md, its tests
 * test/unit/metadata/repositoryClaims.test.ts. Low, a hint like starjacking: it makes a package
 * `notable` by itself and adds no weight to others.
 */
export const REPOSITORY_CLAIMED_META: RuleMeta = {
  id: 'repository-claimed',
  kind: 'metadata',
  category: 'impersonation',
  severity: 'low',
  specificity: 'low',
  description: `This package's repository is also the repository of packages from ${REPOSITORY_CLAIM_FAMILIES - 1} or more other unrelated families in the same scan, and none of them is named after it.`,
};

interface Claim {
  name: string;
  version: string;
  family: string;
  /** Maintainers and publisher: who can vouch for a package named after the repository. */
  people: string[];
}

/** The finding for one claimer: `repository` is `owner/repo`, `others` the other unrelated claimers. */
export function repositoryClaimedFinding(repository: string, families: number, others: readonly Pick<Claim, 'name' | 'version'>[]): Finding {
  return setFinding(REPOSITORY_CLAIMED_META, `Its repository (${clip(repository, 80)}) is claimed by ${others.length} other packages of this scan too, ${families} unrelated families in all, none named after it (${listedPackages(others)}): possible starjacking.`);
}

/**
 * Adds a `repository-claimed` finding to every result whose repository (owner/repo, any host,
 * lowercase, without `.git`) packages from at least REPOSITORY_CLAIM_FAMILIES unrelated families of
 * the set claim while their names have nothing in common with it, and scores it again. Packages
 * named after the repository (see `namedAfterRepository`: react-dom in facebook/react, @babel/core
 * in babel/babel) are monorepo members: neither counted nor changed; nor is a package that shares a
 * maintainer or publisher with one of them (jest's `expect` and `pretty-format` in jestjs/jest,
 * next to `jest-cli`). Results without a registry repository that names an owner and a repository
 * (local folders, tarballs, failed scans) are ignored. Pure: returns a new array in the same order;
 * changed results are new objects, the others the same ones.
 */
export function withRepositoryClaims(results: readonly ScanResult[]): ScanResult[] {
  // One entry per repository and name@version, however many results carry it.
  const byRepository = new Map<string, { named: Claim[]; unnamed: Map<string, Claim> }>();
  for (const r of results) {
    const parts = r.registry?.repository ? repositoryParts(r.registry.repository) : undefined;
    if (!parts || !r.name || !r.version) continue;
    const key = `${parts.owner}/${parts.repo}`;
    let claims = byRepository.get(key);
    if (!claims) byRepository.set(key, (claims = { named: [], unnamed: new Map() }));
    const people = [...r.registry!.maintainers, ...(r.registry!.publisher ? [r.registry!.publisher] : [])].map((p) => p.toLowerCase());
    const claim: Claim = { name: r.name, version: r.version, family: packageFamily(r.name), people };
    if (namedAfterRepository(r.name, parts)) claims.named.push(claim);
    else claims.unnamed.set(`${r.name}@${r.version}`, claim);
  }

  const findings = new Map<string, Finding>(); // owner/repo + name@version -> finding
  for (const [repository, { named, unnamed }] of byRepository) {
    const vouched = new Set(named.flatMap((c) => c.people));
    const claimers = [...unnamed.values()].filter((c) => !c.people.some((p) => vouched.has(p)));
    const families = new Set(claimers.map((c) => c.family)).size;
    if (families < REPOSITORY_CLAIM_FAMILIES) continue;
    claimers.sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    for (const c of claimers) findings.set(`${repository}\n${c.name}@${c.version}`, repositoryClaimedFinding(repository, families, claimers.filter((o) => o !== c)));
  }
  if (!findings.size) return [...results];

  return results.map((r) => {
    const parts = r.registry?.repository ? repositoryParts(r.registry.repository) : undefined;
    const finding = parts ? findings.get(`${parts.owner}/${parts.repo}\n${r.name}@${r.version}`) : undefined;
    return finding ? withSetFinding(r, finding) : r;
  });
}
