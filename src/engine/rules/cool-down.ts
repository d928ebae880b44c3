import { formatAge, hoursBetween } from '../analysis/helpers/metadata';
import type { Rule } from '../analysis/types';

/**
 * A version younger than the cool-down: hijacked releases are usually found and pulled within a
 * day or two, which is why many tools wait 24-72 hours before installing a new version. A hint.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'cool-down',
    kind: 'metadata',
    category: 'metadata',
    severity: 'low',
    specificity: 'low',
    description: 'This version was published less than the cool-down period ago (default 48 hours).',
  },
  check(context) {
    const registry = context.pkg.registry;
    const publishedAt = registry?.current.publishedAt;
    if (!registry || !publishedAt) return;
    const { coolDownHours, now } = registry.settings;
    const age = hoursBetween(publishedAt, now);
    if (!(coolDownHours > 0) || !Number.isFinite(age) || age >= coolDownHours) return;
    context.report({ message: `Published ${formatAge(age)} ago (${publishedAt}), within the ${coolDownHours}-hour cool-down: compromised releases are usually caught and removed in that time.` });
  },
};

export default rule;
