/**
 * Paths of the read-only `takedown-pkg:` documents: one per package file (the evidence behind a
 * finding) and one plain-text summary per package. Names and paths come from packages, so they are
 * percent-encoded segment by segment and checked again on the way back in.
 */
export const PACKAGE_SCHEME = 'takedown-pkg';

export type PackageDocument =
  | { kind: 'file'; name: string; version: string; path: string }
  | { kind: 'summary'; name: string; version: string };

const SUMMARY = '.takedown-summary';

/** The URI path (what `vscode.Uri.from({ scheme, path })` takes). The file's own name stays last, so the editor picks its language. */
export function packageDocumentPath(doc: PackageDocument): string {
  const head = `/${encodeURIComponent(doc.name)}/${encodeURIComponent(doc.version || '0.0.0')}`;
  if (doc.kind === 'summary') return `${head}/${SUMMARY}/summary.txt`;
  return `${head}/${doc.path.split('/').map(encodeURIComponent).join('/')}`;
}

export function parsePackageDocumentPath(uriPath: string): PackageDocument | undefined {
  const parts = uriPath.split('/').slice(1);
  if (parts.length < 3) return undefined;
  try {
    const [name, version, ...rest] = parts.map(decodeURIComponent) as [string, string, ...string[]];
    if (!name || !version || rest.some((s) => s === '' || s === '.' || s === '..')) return undefined;
    if (rest.length === 2 && rest[0] === SUMMARY && rest[1] === 'summary.txt') return { kind: 'summary', name, version };
    return { kind: 'file', name, version, path: rest.join('/') };
  } catch {
    return undefined;
  }
}
