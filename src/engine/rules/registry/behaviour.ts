import type { Rule } from '../../analysis/types';
import consoleFlood from '../console-flood';
import credentialFileAccess from '../credential-file-access';
import cryptominer from '../cryptominer';
import destructiveWipe from '../destructive-wipe';
import dnsExfil from '../dns-exfil';
import downloadExecute from '../download-execute';
import envAccess from '../env-access';
import envExfil from '../env-exfil';
import exfilRawIp from '../exfil-raw-ip';
import exfilWebhook from '../exfil-webhook';
import fileRead from '../file-read';
import fileWrite from '../file-write';
import hiddenWindow from '../hidden-window';
import networkAccess from '../network-access';
import oobHost from '../oob-host';
import osFingerprint from '../os-fingerprint';
import processSpawn from '../process-spawn';
import reconBeacon from '../recon-beacon';
import reverseShell from '../reverse-shell';
import scriptExfil from '../script-exfil';
import walletDrainer from '../wallet-drainer';
import wormPropagation from '../worm-propagation';

/** What the code does: capabilities (network, exec, env, files) and malicious behaviours. Sorted by id. */
export const BEHAVIOUR_RULES: readonly Rule[] = [
  consoleFlood,
  credentialFileAccess,
  cryptominer,
  destructiveWipe,
  dnsExfil,
  downloadExecute,
  envAccess,
  envExfil,
  exfilRawIp,
  exfilWebhook,
  fileRead,
  fileWrite,
  hiddenWindow,
  networkAccess,
  oobHost,
  osFingerprint,
  processSpawn,
  reconBeacon,
  reverseShell,
  scriptExfil,
  walletDrainer,
  wormPropagation,
];
