/**
 * yarn.lock comes in two unrelated formats under one file name: yarn classic's own syntax and
 * berry's YAML. Berry always writes a top-level `__metadata:` block first; classic never can (its
 * keys are `name@range` descriptors), so that key alone decides.
 */
import type { DependencyFile, ParseOptions } from './model';
import { parseYarnBerry } from './yarnBerry';
import { parseYarnClassic } from './yarnClassic';

const BERRY_METADATA = /^["']?__metadata["']?[ \t]*:/m;

export function isYarnBerry(text: string): boolean {
  return BERRY_METADATA.test(text);
}

export function parseYarnLock(text: string, options?: ParseOptions): DependencyFile {
  return isYarnBerry(text) ? parseYarnBerry(text, options) : parseYarnClassic(text, options);
}
