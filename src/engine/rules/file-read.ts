import type { Rule } from '../analysis/types';
import { firstCall } from '../analysis/helpers/behaviour-capability';
import { FS_OR_EXEC_NEEDS, fsReadCall } from '../analysis/helpers/behaviour-js';

/**
 * Capability: the file reads files or lists folders. Everywhere in honest code; scoring pairs it
 * with credential-path and wallet threats in the same file.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'file-read',
    kind: 'capability',
    category: 'fs-read',
    severity: 'low',
    specificity: 'low',
    description: 'Reads files or lists directories.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
    // Fires only on an fs read call.
    needs: FS_OR_EXEC_NEEDS,
  },
  create: (context) => firstCall(context, (_node, name) => (fsReadCall(name) ? `Reads from the file system (${name}).` : undefined)),
};

export default rule;
