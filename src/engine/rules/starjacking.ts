import { bareName, clip } from '../analysis/helpers/delivery-manifest';
import { popularIndex, squashed } from '../analysis/helpers/metadata-names';
import type { Rule } from '../analysis/types';

/** `github:o/r`, `o/r`, `git+https://github.com/o/r.git`, `git@gitlab.com:o/r` -> owner and repository. */
export function repositoryParts(url: string): { owner: string; repo: string } | undefined {
  const m = /^(?:(?:github|gitlab|bitbucket):)?([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/i.exec(url) ?? /(?:github\.com|gitlab\.com|bitbucket\.org)[/:]([\w.-]+)\/([\w.-]+?)(?:\.git)?(?:[/#?].*)?$/i.exec(url);
  return m ? { owner: m[1]!.toLowerCase(), repo: m[2]!.toLowerCase() } : undefined;
}

/** A repository name as a package name: `node-glob` -> `glob`, `chart.js` stays. */
function asPackageName(repo: string): string {
  return repo.replace(/^node-/, '').replace(/[-.]js$/, '');
}

/**
 * A package named after its repository, as monorepo members are: its bare name contains the
 * repository's name (less `node-`/`.js`) or the other way round (react-dom in facebook/react), or its
 * scope is the repository's owner or contains its name (@babel/core in babel/babel).
 */
export function namedAfterRepository(name: string, parts: { owner: string; repo: string }): boolean {
  const lower = name.toLowerCase();
  const own = squashed(bareName(lower));
  const theirs = squashed(asPackageName(parts.repo));
  const scope = lower.startsWith('@') ? lower.slice(1, lower.indexOf('/')) : undefined;
  return own.includes(theirs) || theirs.includes(own) || (scope !== undefined && (scope === parts.owner || squashed(scope).includes(theirs)));
}

/**
 * The repository field points at a popular project the package has nothing to do with, borrowing
 * its stars and credibility on the npm page. A hint only. The other half of the signal, one
 * repository claimed by many unrelated packages, needs other packages' results: it is
 * `repository-claimed` (src/engine/scan/repositoryClaims.ts), run over a scan's set of results.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'starjacking',
    kind: 'metadata',
    category: 'impersonation',
    severity: 'low',
    specificity: 'low',
    description: "The repository field names a popular package's repository while the package's own name and scope have nothing in common with it.",
  },
  check(context) {
    const pkg = context.pkg;
    const registry = pkg.registry;
    if (!registry?.repository) return;
    const parts = repositoryParts(registry.repository);
    if (!parts) return;
    const index = popularIndex(registry.settings.popular);
    const name = pkg.name.toLowerCase();
    const claimed = asPackageName(parts.repo);
    if (index.isPopular(name) || !index.isPopular(claimed) || claimed === name) return;
    // Monorepo members (react-dom in facebook/react, @babel/core in babel/babel) share a word with it.
    if (namedAfterRepository(name, parts)) return;
    context.report({ message: `Its repository (${clip(registry.repository, 80)}) is the popular package "${claimed}"'s, which "${clip(pkg.name, 60)}" has nothing in common with: possible starjacking.` });
  },
};

export default rule;
