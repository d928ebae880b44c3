import type { Rule } from '../analysis/types';

/**
 * The lockfile pinned one tarball and the registry served another: a republished version, a
 * compromised mirror, or a tampered cache. Never an error to swallow.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'integrity-mismatch',
    kind: 'threat',
    category: 'delivery',
    severity: 'high',
    specificity: 'high',
    description: 'The tarball served by the registry does not match the integrity recorded in the lockfile.',
  },
  check(context) {
    const mismatch = context.pkg.archive?.integrityMismatch;
    if (!mismatch) return;
    context.report({ message: `The registry served a tarball whose integrity ${mismatch.actual.slice(0, 40)}… differs from the lockfile's ${mismatch.expected.slice(0, 40)}…; the published package is not the one that was locked.` });
  },
};

export default rule;
