import type { Rule } from '../../analysis/types';
import binShadowing from '../bin-shadowing';
import binShadowingTrigger from '../bin-shadowing-trigger';
import commandBackground from '../command-background';
import commandBeacon from '../command-beacon';
import commandDestructive from '../command-destructive';
import commandDownloadExec from '../command-download-exec';
import commandEncoded from '../command-encoded';
import commandPersistence from '../command-persistence';
import commandReverseShell from '../command-reverse-shell';
import entryPointSideEffect from '../entry-point-side-effect';
import gypCommand from '../gyp-command';
import gypWithoutSources from '../gyp-without-sources';
import installScript from '../install-script';
import persistenceWrite from '../persistence-write';
import phantomDependency from '../phantom-dependency';
import remoteDependency from '../remote-dependency';

/** How the code gets to run: lifecycle scripts, binding.gyp, entry points, dependencies, bins, persistence. Sorted by id. */
export const DELIVERY_RULES: readonly Rule[] = [
  binShadowing,
  binShadowingTrigger,
  commandBackground,
  commandBeacon,
  commandDestructive,
  commandDownloadExec,
  commandEncoded,
  commandPersistence,
  commandReverseShell,
  entryPointSideEffect,
  gypCommand,
  gypWithoutSources,
  installScript,
  persistenceWrite,
  phantomDependency,
  remoteDependency,
];
