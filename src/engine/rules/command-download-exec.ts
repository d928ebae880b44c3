import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Downloads a program or script and runs it: curl/wget piped to a shell, PowerShell download + Invoke-Expression, Windows downloader binaries, download then chmod +x. */
export default commandRule(
  {
    id: 'command-download-exec',
    kind: 'threat',
    category: 'download-exec',
    severity: 'high',
    specificity: 'high',
    description: 'Downloads a program or script and runs it: curl/wget piped to a shell, PowerShell download + Invoke-Expression, Windows downloader binaries, download then chmod +x.',
  },
  'download-exec',
);
