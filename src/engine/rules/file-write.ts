import type { Rule } from '../analysis/types';
import { firstCall } from '../analysis/helpers/behaviour-capability';
import { FS_OR_EXEC_NEEDS, fsWriteCall } from '../analysis/helpers/behaviour-js';

/**
 * Capability: the file writes, deletes, renames or chmods files. Scoring pairs it with
 * persistence, destruction and download-and-execute threats in the same file.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'file-write',
    kind: 'capability',
    category: 'fs-write',
    severity: 'low',
    specificity: 'low',
    description: 'Writes, deletes, renames or changes the mode of files.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
    // Fires only on an fs write call, rimraf or del.
    needs: FS_OR_EXEC_NEEDS,
  },
  create: (context) => firstCall(context, (_node, name) => (fsWriteCall(name) ? `Changes the file system (${name}).` : undefined)),
};

export default rule;
