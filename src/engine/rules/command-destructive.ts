import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Deletes or overwrites what is not the package's own: rm -rf of / ~ $HOME or ../.., fork bombs, dd/mkfs on disks, Windows drive deletion. */
export default commandRule(
  {
    id: 'command-destructive',
    kind: 'threat',
    category: 'destructive',
    severity: 'high',
    specificity: 'high',
    description: 'Deletes or overwrites what is not the package\'s own: rm -rf of / ~ $HOME or ../.., fork bombs, dd/mkfs on disks, Windows drive deletion.',
  },
  'destructive',
);
