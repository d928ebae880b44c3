import type { Rule } from '../analysis/types';
import { firstCall } from '../analysis/helpers/behaviour-capability';
import { IDENTITY_CALL_NEEDS, identityOfCall } from '../analysis/helpers/behaviour-js';

const WHAT: Record<string, string> = {
  hostname: 'the host name',
  username: 'the user account',
  netif: 'the network interfaces',
  'dns-servers': 'the DNS servers',
  'public-ip': 'the public IP address',
};

/**
 * Capability: the file reads what identifies the machine (host name, user, network interfaces,
 * DNS servers). Loggers and dev servers do; scoring pairs it with exfiltration threats.
 * `os.homedir()`, `process.cwd()` and `os.platform()` alone are too common to mention.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'os-fingerprint',
    kind: 'capability',
    category: 'os-info',
    severity: 'low',
    specificity: 'low',
    description: 'Reads the host name, user name, network interfaces or DNS servers.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
    // Fires only on an IDENTITY_CALLS name.
    needs: IDENTITY_CALL_NEEDS,
  },
  create: (context) =>
    firstCall(context, (_node, name) => {
      const kind = identityOfCall(name);
      return kind && WHAT[kind] ? `Reads ${WHAT[kind]} (${name}).` : undefined;
    }),
};

export default rule;
