import type { DependencyFile, DependencyFileKind, ParseOptions } from './model';
import { parseBunLock } from './bunLock';
import { parseNpmLock } from './npmLock';
import { parsePackageJson } from './packageJson';
import { parsePnpmLock } from './pnpmLock';
import { parseYarnLock } from './yarnLock';

export * from './model';
export { DEPENDENCY_FILE_NAMES, dependencyFileKind } from './fileNames';

export function isLockfileKind(kind: DependencyFileKind): boolean {
  return kind !== 'package-json';
}

export function parseDependencyFile(kind: DependencyFileKind, text: string, options?: ParseOptions): DependencyFile {
  switch (kind) {
    case 'package-json':
      return parsePackageJson(text, options);
    case 'npm-lock':
    case 'npm-shrinkwrap':
      return parseNpmLock(text, options, kind);
    case 'yarn-classic':
    case 'yarn-berry':
      return parseYarnLock(text, options);
    case 'pnpm':
      return parsePnpmLock(text, options);
    case 'bun':
      return parseBunLock(text, options);
  }
}
