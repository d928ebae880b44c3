import type { Rule } from '../analysis/types';
import { firstCall } from '../analysis/helpers/behaviour-capability';
import { FS_OR_EXEC_NEEDS, commandOf, isExec, HOLE } from '../analysis/helpers/behaviour-js';
import { quote, clip } from '../analysis/helpers/behaviour-hosts';

/**
 * Capability: the file starts other programs (child_process, execa, shelljs, Bun/Deno). Alone
 * it is what build tools do; scoring pairs it with download-and-execute, reverse-shell, worm and
 * destructive threats.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'process-spawn',
    kind: 'capability',
    category: 'exec',
    severity: 'low',
    specificity: 'low',
    description: 'Starts other programs or shell commands.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
    // Fires only on an isExec name.
    needs: FS_OR_EXEC_NEEDS,
  },
  create: (context) =>
    firstCall(
      context,
      (node, name) => {
        if (!isExec(name)) return undefined;
        const cmd = commandOf(context, node, name!);
        const shown = cmd && cmd.command.replace(/\u0000/g, '').trim() && cmd.command !== HOLE ? ` ${quote(cmd.command, 60)}` : '';
        return `Starts a process with ${clip(name!)}${shown}.`;
      },
      true,
    ),
};

export default rule;
