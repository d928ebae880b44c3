import { indicatorsOf } from '../analysis/helpers/delivery-commands';
import { gypCommands } from '../analysis/helpers/delivery-files';
import { clip, locate } from '../analysis/helpers/delivery-manifest';
import type { Rule } from '../analysis/types';

/**
 * binding.gyp command expansions (`<!(cmd)`, `<!@(cmd)`) and actions run while node-gyp
 * configures the build: an install-time trigger that needs no lifecycle script at all.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'gyp-command',
    kind: 'capability',
    category: 'install',
    severity: 'low',
    specificity: 'low',
    description: 'binding.gyp runs a command (other than include-path and pkg-config probes) while node-gyp configures the build at install time.',
  },
  check(context) {
    const perFile = new Map<string, number>();
    for (const c of gypCommands(context.pkg)) {
      const n = perFile.get(c.file.path) ?? 0;
      if (n >= 3) continue;
      perFile.set(c.file.path, n + 1);
      const how = c.kind === 'expansion' ? 'a command expansion' : 'a build action';
      context.report({
        message: `${c.file.path} runs "${clip(c.command, 80)}" through ${how} while node-gyp configures the build, which npm does on install even without an install script.`,
        ...locate(c.file, c.file.path, c.offset),
        ...(indicatorsOf(c.command).length ? { indicators: indicatorsOf(c.command) } : {}),
      });
    }
  },
};

export default rule;
