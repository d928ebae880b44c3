import allowList from '../data/typosquat-allow.json';
import { clip } from '../analysis/helpers/delivery-manifest';
import { popularIndex, type SquatKind } from '../analysis/helpers/metadata-names';
import type { Rule } from '../analysis/types';

/** Honest packages whose names sit next to a popular one, with why they are honest. */
const ALLOWED = new Set(allowList.pairs.map((p) => `${p.name}\u0000${p.target}`));

const HOW: Record<SquatKind, string> = {
  edit: 'is one typing mistake (a letter added, dropped, changed or swapped) away from',
  separator: 'differs only in its separators (- _ . or none) from',
  scope: 'moves the scope of',
  'dropped-scope': 'is, without its scope,',
};

/**
 * A name one slip away from a popular package's. Weak alone (many honest names are close to a
 * popular one): scoring makes it suspicious only next to code that runs at install time.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'typosquat',
    kind: 'metadata',
    category: 'impersonation',
    severity: 'low',
    specificity: 'low',
    description: 'The package name is one edit, a separator or a scope away from a popular package (and is not popular or widely used itself).',
  },
  check(context) {
    const registry = context.pkg.registry;
    if (!registry) return;
    const name = context.pkg.name;
    const match = popularIndex(registry.settings.popular).match(name);
    if (!match || ALLOWED.has(`${name.toLowerCase()}\u0000${match.target}`)) return;
    context.report({
      message: `Name "${clip(name, 80)}" ${HOW[match.kind]} the popular package "${match.target}": a possible typosquat.`,
    });
  },
};

export default rule;
