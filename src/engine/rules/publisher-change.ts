import { clip } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/**
 * Who published: a stolen token publishes from someone's laptop, without the CI provenance earlier
 * releases carried, and sometimes from an account that never published the package before.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'publisher-change',
    kind: 'metadata',
    category: 'metadata',
    severity: 'low',
    specificity: 'medium',
    description: 'The previous version had provenance and this one has none, or the publisher or the maintainer list changed since the previous version.',
  },
  check(context) {
    const registry = context.pkg.registry;
    const previous = registry?.previous;
    if (!registry || !previous) return;
    const current = registry.current;
    const since = clip(previous.version, 40);

    if (previous.provenance && !current.provenance) {
      let streak = 0;
      for (const e of registry.earlier) {
        if (!e.provenance) break;
        streak++;
      }
      context.report({ message: `Published without provenance, while the previous ${streak > 1 ? `${streak} versions` : `version (${since})`} had it: a token used outside the project's CI.`, severity: 'medium' });
    }

    const publishers = new Set(registry.earlier.map((e) => e.publisher).filter((p): p is string => !!p));
    if (current.publisher && previous.publisher && current.publisher !== previous.publisher && !publishers.has(current.publisher)) {
      context.report({ message: `Published by "${clip(current.publisher, 60)}", who published none of the earlier versions (${since} was published by "${clip(previous.publisher, 60)}").` });
    }

    if (current.maintainers.length && previous.maintainers.length) {
      const added = current.maintainers.filter((m) => !previous.maintainers.includes(m));
      const removed = previous.maintainers.filter((m) => !current.maintainers.includes(m));
      if (added.length) {
        const all = removed.length === previous.maintainers.length ? '; every earlier maintainer was removed' : '';
        context.report({ message: `Maintainer(s) ${clip(added.slice(0, 4).join(', '), 100)} added since ${since}${all}.` });
      }
    }
  },
};

export default rule;
