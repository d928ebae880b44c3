import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Rule } from '../analysis/types';
import { firstCall } from '../analysis/helpers/behaviour-capability';
import { NETWORK_NEEDS, isNetwork, isOutbound, refName } from '../analysis/helpers/behaviour-js';

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
    // Fires only on an isNetwork / isOutbound name.
    needs: NETWORK_NEEDS,
  },
  create: (context) =>
    firstCall(
      context,
      (node, name) => {
        if (isNetwork(name)) return `Uses the network (${clip(name!)}).`;
        if (node.type !== 'CallExpression') return undefined;
        for (const a of node.arguments) {
          if (a.type !== 'MemberExpression') continue;
          const ref = refName(context, a);
          if (isOutbound(ref)) return `Hands a network function (${clip(ref!)}) to other code.`;
        }
        return undefined;
      },
      true,
    ),
};

export default rule;
