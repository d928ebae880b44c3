import { gypCommands, hasNativeSources } from '../analysis/helpers/delivery-files';
import { clip, locate } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/**
 * "Phantom Gyp": a binding.gyp whose only job is to run a command at install time, in a package
 * with no C/C++ sources to compile. The native build is a launcher that needs no install script.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'gyp-without-sources',
    kind: 'threat',
    category: 'delivery',
    severity: 'medium',
    specificity: 'high',
    description: 'binding.gyp runs a command during node-gyp configure, but the package ships no native sources to build.',
  },
  check(context) {
    const pkg = context.pkg;
    const first = gypCommands(pkg)[0];
    if (!first || hasNativeSources(pkg)) return;
    context.report({
      message: `binding.gyp runs "${clip(first.command, 80)}" on install, yet the package has no C/C++ sources to build: the native build only serves to launch that command.`,
      ...locate(first.file, first.file.path, first.offset),
    });
  },
};

export default rule;
