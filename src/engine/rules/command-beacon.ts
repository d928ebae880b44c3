import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Sends host or user identity (whoami, hostname, env) out from a lifecycle script or shipped shell script: curl/wget/DNS beacons, /dev/tcp, inline node -e network code. */
export default commandRule(
  {
    id: 'command-beacon',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'Sends host or user identity (whoami, hostname, env) out from a lifecycle script or shipped shell script: curl/wget/DNS beacons, /dev/tcp, inline node -e network code.',
  },
  'exfil',
);
