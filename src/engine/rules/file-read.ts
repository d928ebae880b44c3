import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { callee, fsReadCall } from '../analysis/helpers/behaviour-js';

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
  },
  create(context) {
    let done = false;
    const check = (node: Node) => {
      if (done) return;
      const name = callee(context, node);
      if (!fsReadCall(name)) return;
      done = true;
      context.report({ node, message: `Reads from the file system (${name}).` });
    };
    return { CallExpression: check };
  },
};

export default rule;
