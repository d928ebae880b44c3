import path from 'node:path';
import type { DependencyFileKind } from './model';

/** File names Takedown reads, mapped to their kind. yarn.lock's flavour is decided by its content. */
export const DEPENDENCY_FILE_NAMES: Readonly<Record<string, DependencyFileKind>> = {
  'package.json': 'package-json',
  'package-lock.json': 'npm-lock',
  'npm-shrinkwrap.json': 'npm-shrinkwrap',
  'yarn.lock': 'yarn-classic',
  'pnpm-lock.yaml': 'pnpm',
  'bun.lock': 'bun',
};

export function dependencyFileKind(fileName: string): DependencyFileKind | undefined {
  return DEPENDENCY_FILE_NAMES[path.basename(fileName)];
}
