import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { callee, fsWriteCall } from '../analysis/helpers/behaviour-js';

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
  },
  create(context) {
    let done = false;
    const check = (node: Node) => {
      if (done) return;
      const name = callee(context, node);
      if (!fsWriteCall(name)) return;
      done = true;
      context.report({ node, message: `Changes the file system (${name}).` });
    };
    return { CallExpression: check };
  },
};

export default rule;
