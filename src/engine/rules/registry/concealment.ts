import type { Rule } from '../../analysis/types';
import binaryLaunchOnImport from '../binary-launch-on-import';
import bundledBinary from '../bundled-binary';
import decodeData from '../decode-data';
import decodedCommand from '../decoded-command';
import delayedExecution from '../delayed-execution';
import dynamicCodeDecoded from '../dynamic-code-decoded';
import dynamicCodeEval from '../dynamic-code-eval';
import encodedBlob from '../encoded-blob';
import encryptedPayload from '../encrypted-payload';
import hiddenApiAccess from '../hidden-api-access';
import homoglyphIdentifier from '../homoglyph-identifier';
import invisibleUnicode from '../invisible-unicode';
import obfuscatedCode from '../obfuscated-code';
import obfuscatedText from '../obfuscated-text';
import obfuscatorIo from '../obfuscator-io';
import offscreenCode from '../offscreen-code';
import sandboxEvasion from '../sandbox-evasion';
import targetedPayload from '../targeted-payload';
import unparsableSource from '../unparsable-source';

/** How the code hides: obfuscation, encoded payloads, invisible characters, indirection, binaries. Sorted by id. */
export const CONCEALMENT_RULES: readonly Rule[] = [
  binaryLaunchOnImport,
  bundledBinary,
  decodeData,
  decodedCommand,
  delayedExecution,
  dynamicCodeDecoded,
  dynamicCodeEval,
  encodedBlob,
  encryptedPayload,
  hiddenApiAccess,
  homoglyphIdentifier,
  invisibleUnicode,
  obfuscatedCode,
  obfuscatedText,
  obfuscatorIo,
  offscreenCode,
  sandboxEvasion,
  targetedPayload,
  unparsableSource,
];
