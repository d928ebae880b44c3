// Where a record lives in ossf/malicious-packages. The repository's checker lowercases the package
// name to compute the directory (the JSON keeps the original case) and keeps a scope's slash as a
// directory level; new files are named MAL-0000-<letters, digits, hyphens>.json.
import npa from 'npm-package-arg';

export const RECORD_ROOT = 'osv/malicious/npm';
export const WITHDRAWN_ROOT = 'osv/withdrawn/npm';

/** A new record's file name: letters, digits and hyphens only. */
export const NEW_RECORD_FILE = /^MAL-0000-[A-Za-z0-9-]+\.json$/;
/** A record after the pipeline assigned its id. */
export const ASSIGNED_RECORD_FILE = /^MAL-\d{4}-\d+\.json$/;

/** Whether `name` is a name npm would accept for a package (scoped or not); false for anything else. */
export function isValidPackageName(name: string): boolean {
  if (typeof name !== 'string' || name.length === 0 || name.length > 214 || name !== name.trim()) return false;
  try {
    const spec = npa(name);
    return spec.registry === true && spec.name === name && spec.rawSpec === '*';
  } catch {
    return false;
  }
}

/** `osv/malicious/npm/@scope/pkg` for `@Scope/Pkg`. Throws on a name npm would not accept (it could hold `..`). */
export function recordDirectory(name: string): string {
  if (!isValidPackageName(name)) throw new Error(`Not a valid npm package name: ${JSON.stringify(name.slice(0, 100))}`);
  return `${RECORD_ROOT}/${name.toLowerCase()}`;
}

/** Letters, digits and single hyphens, nothing else: `@ctrl/Tiny.Color` -> `ctrl-tiny-color`. */
export function safeFilePart(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'package';
}

/** `MAL-0000-<safe name>-<safe version>.json` */
export function newRecordFileName(name: string, version: string | undefined): string {
  const parts = [safeFilePart(name)];
  if (version) parts.push(safeFilePart(version));
  return `MAL-0000-${parts.join('-')}.json`;
}

/** The repository path of a new report for this package (first version names the file). */
export function newRecordPath(name: string, version: string | undefined): string {
  return `${recordDirectory(name)}/${newRecordFileName(name, version)}`;
}

/** The repository path of an existing record with an assigned id. */
export function existingRecordPath(name: string, id: string): string {
  if (!ASSIGNED_RECORD_FILE.test(`${id}.json`)) throw new Error(`Not a MAL- record id: ${JSON.stringify(id.slice(0, 60))}`);
  return `${recordDirectory(name)}/${id}.json`;
}
