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
 * The repository field points at a popular project the package has nothing to do with, borrowing
 * its stars and credibility on the npm page. A hint only: the "claimed by many packages" half of
 * this signal needs every package's repository, which the popular list does not carry.
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
    const own = squashed(bareName(name));
    const theirs = squashed(claimed);
    const scope = name.startsWith('@') ? name.slice(1, name.indexOf('/')) : undefined;
    // Monorepo members (react-dom in facebook/react, @babel/core in babel/babel) share a word with it.
    if (own.includes(theirs) || theirs.includes(own) || (scope && (scope === parts.owner || squashed(scope).includes(theirs)))) return;
    context.report({ message: `Its repository (${clip(registry.repository, 80)}) is the popular package "${claimed}"'s, which "${clip(pkg.name, 60)}" has nothing in common with: possible starjacking.` });
  },
};

export default rule;
