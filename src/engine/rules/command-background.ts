import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Starts a process in the background from an install-time command (start /B, hidden PowerShell window, nohup, setsid, a trailing &, forever/pm2). */
export default commandRule(
  {
    id: 'command-background',
    kind: 'threat',
    category: 'persistence',
    severity: 'low',
    specificity: 'medium',
    description: 'Starts a process in the background from an install-time command (start /B, hidden PowerShell window, nohup, setsid, a trailing &, forever/pm2).',
  },
  'background',
);
