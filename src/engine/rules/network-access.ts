import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { callee, isNetwork, isOutbound, refName } from '../analysis/helpers/behaviour-js';

/**
 * Capability: the file talks to the network (HTTP, sockets, DNS, websockets, mail). Alone it
 * means nothing; scoring pairs it with exfiltration, download-and-execute and recon threats.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'network-access',
    kind: 'capability',
    category: 'network',
    severity: 'low',
    specificity: 'low',
    description: 'Makes network requests, opens sockets or resolves host names.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
  },
  create(context) {
    let done = false;
    const check = (node: Node) => {
      if (done) return;
      const name = callee(context, node);
      if (isNetwork(name)) {
        done = true;
        context.report({ node, message: `Uses the network (${clip(name!)}).` });
        return;
      }
      if (node.type === 'CallExpression') {
        for (const a of node.arguments) {
          if (a.type !== 'MemberExpression') continue;
          const ref = refName(context, a);
          if (isOutbound(ref)) {
            done = true;
            context.report({ node, message: `Hands a network function (${clip(ref!)}) to other code.` });
            return;
          }
        }
      }
    };
    return { CallExpression: check, NewExpression: check };
  },
};

export default rule;
