import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultMetadataSettings } from '../../src/engine/analysis/helpers/metadata';
import type { ArchiveFacts, MetadataSettings, PackageInput } from '../../src/engine/analysis/types';
import { registryFacts } from '../../src/engine/registry/registryFacts';
import { toPackageInput } from '../../src/engine/scan/scanContents';
import { readDirectory } from '../../src/engine/tarball/readTarball';

/** Files that describe a fixture rather than belong to the package. */
const META_FILES = new Set(['expected.json', 'FIXTURE.md', 'archive.json', 'registry.json']);

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
  const registry = path.join(dir, 'registry.json');
  if (existsSync(registry)) pkg.registry = fixtureRegistry(JSON.parse(readFileSync(registry, 'utf8')) as RegistryFixture, pkg.version, registry);
  return pkg;
}

/**
 * `registry.json`: what the registry says about the fixture, run through the product's own
 * registry-facts builder. `packument` is the registry's document (it must list the fixture's
 * version); `now` (ISO) and `settings` default to the current time and the scanner's defaults.
 */
interface RegistryFixture {
  packument: unknown;
  now?: string;
  settings?: Partial<Omit<MetadataSettings, 'now'>>;
  scopeRegistry?: boolean;
}

function fixtureRegistry(fixture: RegistryFixture, version: string, file: string): PackageInput['registry'] {
  const settings = { ...defaultMetadataSettings(fixture.now ? new Date(fixture.now) : new Date()), ...fixture.settings };
  const facts = registryFacts(fixture.packument, version, settings);
  if (!facts) throw new Error(`${file}: the packument does not list version ${version}`);
  return { ...facts.input, ...(fixture.scopeRegistry !== undefined ? { scopeRegistry: fixture.scopeRegistry } : {}) };
}
