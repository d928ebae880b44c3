import { commandRule } from '../analysis/helpers/delivery-command-rule';

/** Runs an encoded command: powershell -EncodedCommand, base64 -d piped to a shell, FromBase64String + Invoke-Expression, inline node code that decodes and evaluates. */
export default commandRule(
  {
    id: 'command-encoded',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'high',
    description: 'Runs an encoded command: powershell -EncodedCommand, base64 -d piped to a shell, FromBase64String + Invoke-Expression, inline node code that decodes and evaluates.',
  },
  'obfuscation',
);
