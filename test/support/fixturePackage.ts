import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { ArchiveFacts, PackageFile, PackageInput } from '../../src/engine/analysis/types';

/** Files that describe a fixture rather than belong to the package. */
const META_FILES = new Set(['expected.json', 'FIXTURE.md', 'archive.json']);

/**
 * A package folder on disk as the analyser sees a tarball: paths relative to the folder, text
 * for files without NUL bytes, the first bytes for magic-number checks. Test-only; the product
 * reads folders through the tarball module's caps.
 */
export function readFixturePackage(dir: string): PackageInput {
  const files: PackageFile[] = [];
  const visit = (sub: string) => {
    for (const name of readdirSync(path.join(dir, sub)).sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      const full = path.join(dir, rel);
      if (statSync(full).isDirectory()) visit(rel);
      else if (!(sub === '' && META_FILES.has(name))) {
        const bytes = readFileSync(full);
        const binary = bytes.subarray(0, 8192).includes(0);
        files.push({ path: rel, size: bytes.length, head: bytes.subarray(0, 64), binary, truncated: false, ...(binary ? {} : { text: bytes.toString('utf8') }) });
      }
    }
  };
  visit('');
  const manifestFile = files.find((f) => f.path === 'package.json');
  let manifest: Record<string, unknown> = { name: `fixture-${path.basename(dir)}`, version: '1.0.0' };
  if (manifestFile?.text) {
    try {
      manifest = JSON.parse(manifestFile.text) as Record<string, unknown>;
    } catch {
      /* a broken manifest is itself something rules look at */
    }
  }
  const pkg: PackageInput = { name: String(manifest.name ?? 'fixture'), version: String(manifest.version ?? '0.0.0'), manifest, files };
  // archive.json stands in for what the tarball reader would have recorded (caps, traversal entries, links).
  const archive = path.join(dir, 'archive.json');
  if (existsSync(archive)) pkg.archive = { capsHit: [], suspiciousPaths: [], specialEntries: [], ...(JSON.parse(readFileSync(archive, 'utf8')) as Partial<ArchiveFacts>) };
  return pkg;
}
