import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Makes code survive the install: cron jobs, systemd units, launchd agents, Windows Run keys, scheduled tasks, Startup folder, shell rc files, workflow / tasks.json / Claude settings writes. */
export default commandRule(
  {
    id: 'command-persistence',
    kind: 'threat',
    category: 'persistence',
    severity: 'high',
    specificity: 'high',
    description: 'Makes code survive the install: cron jobs, systemd units, launchd agents, Windows Run keys, scheduled tasks, Startup folder, shell rc files, workflow / tasks.json / Claude settings writes.',
  },
  'persistence',
);
