import { createHash } from 'node:crypto';
import { decodeText } from '../../../src/engine/tarball/collector';
import type { PackageFile, TarballContents } from '../../../src/engine/tarball/types';

/** A whole file as the tarball reader would record it (text when it decodes, a content hash). */
export function file(path: string, content: string | Buffer, mode = 0o644): PackageFile {
  const bytes = Buffer.from(content);
  const { text, binary } = decodeText(bytes);
  return { path, size: bytes.length, mode, ...(text !== undefined ? { text } : {}), head: bytes.subarray(0, 64), binary, truncated: false, sha256: createHash('sha256').update(bytes).digest('hex') };
}

/** In-memory contents; `package.json` (when given) becomes the manifest. */
export function contents(files: PackageFile[]): TarballContents {
  const pj = files.find((f) => f.path === 'package.json')?.text;
  return {
    files,
    ...(pj ? { manifest: JSON.parse(pj) as Record<string, unknown> } : {}),
    capsHit: [], suspiciousPaths: [], specialEntries: [], duplicatePaths: [], totalUnpackedBytes: files.reduce((n, f) => n + f.size, 0), fileCount: files.length, topFolders: ['package'], warnings: [],
  };
}

export function manifest(pj: Record<string, unknown>): PackageFile {
  return file('package.json', `${JSON.stringify(pj, null, 2)}\n`);
}
