import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveFacts, PackageInput } from '../../src/engine/analysis/types';
import { toPackageInput } from '../../src/engine/scan/scanContents';
import { readDirectory } from '../../src/engine/tarball/readTarball';

/** Files that describe a fixture rather than belong to the package. */
const META_FILES = new Set(['expected.json', 'FIXTURE.md', 'archive.json']);

/**
 * A fixture folder read the way the product reads a package folder (the tarball module's
 * readDirectory, with its caps), minus the fixture's own description files. `archive.json`
 * stands in for what the tarball reader records from an archive (caps hit, traversal entries,
 * links, an integrity mismatch), which a folder on disk cannot express.
 */
export async function readFixturePackage(dir: string): Promise<PackageInput> {
  const contents = await readDirectory(dir);
  contents.files = contents.files.filter((f) => !META_FILES.has(f.path));
  const pkg = toPackageInput(contents, { target: dir, fallbackName: `fixture-${path.basename(dir)}` });
  const archive = path.join(dir, 'archive.json');
  if (existsSync(archive)) pkg.archive = { ...pkg.archive!, ...(JSON.parse(readFileSync(archive, 'utf8')) as Partial<ArchiveFacts>) };
  return pkg;
}
