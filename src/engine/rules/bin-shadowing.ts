import { shadowingBins } from '../analysis/helpers/delivery-bins';
import { manifestLocation } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/**
 * A `bin` named like a system command (node, npm, git, sudo, ls ...): once installed, running that
 * command in the project (npm scripts put node_modules/.bin first on PATH) runs the package.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'bin-shadowing',
    kind: 'threat',
    category: 'delivery',
    severity: 'medium',
    specificity: 'high',
    description: 'A bin entry named like a common system command (node, npm, git, sudo, ls, sh ...), shipped by a package that is not that tool.',
  },
  check(context) {
    const pkg = context.pkg;
    for (const bin of shadowingBins(pkg)) {
      context.report({
        message: `Installs a "${bin.command}" command (${bin.target}) that shadows the real ${bin.command} for npm scripts and anything run through node_modules/.bin.`,
        ...manifestLocation(pkg, bin.key === undefined ? ['bin'] : ['bin', bin.key], bin.key === undefined ? 'value' : 'key'),
      });
    }
  },
};

export default rule;
