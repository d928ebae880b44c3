import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Connects an interactive shell to a remote host: bash -i >& /dev/tcp, nc -e, mkfifo | nc, socat exec, python/perl socket one-liners. */
export default commandRule(
  {
    id: 'command-reverse-shell',
    kind: 'threat',
    category: 'reverse-shell',
    severity: 'critical',
    specificity: 'high',
    description: 'Connects an interactive shell to a remote host: bash -i >& /dev/tcp, nc -e, mkfifo | nc, socat exec, python/perl socket one-liners.',
  },
  'reverse-shell',
);
