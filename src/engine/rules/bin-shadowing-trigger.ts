import { shadowingBins } from '../analysis/helpers/delivery-bins';
import { fileByPath, locate } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/**
 * The file behind a bin named like a system command: it runs whenever a project script or tool
 * calls that command, without anyone choosing to run this package. An install-equivalent trigger
 * (a capability), so threats in that file weigh as if they ran on install; bin-shadowing reports
 * the shadowing itself.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'bin-shadowing-trigger',
    kind: 'capability',
    category: 'install',
    severity: 'low',
    specificity: 'medium',
    description: 'The file a shadowing bin points at: it runs whenever node, npm, git, sudo ... is called in the project.',
  },
  check(context) {
    const pkg = context.pkg;
    const seen = new Set<string>();
    for (const bin of shadowingBins(pkg)) {
      const path = bin.target.replace(/\\/g, '/').replace(/^\.\//, '');
      if (seen.has(path)) continue;
      seen.add(path);
      const file = fileByPath(pkg, path);
      if (!file) continue;
      context.report({
        message: `${path} runs whenever a project script or tool calls "${bin.command}", because this package's bin of that name comes first on PATH.`,
        ...locate(file, path, 0),
      });
    }
  },
};

export default rule;
