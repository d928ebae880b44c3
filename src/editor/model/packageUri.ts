/**
 * Paths of the read-only `takedown-pkg:` documents: one per package file (the evidence behind a
 * finding) and one plain-text summary per package. Names and paths come from packages: in each
 * segment `%`, `/`, control and bidi characters are percent-encoded (the rest stays readable in tab
 * titles; the URI itself encodes what it must), and everything is checked again on the way back in.
 */
export const PACKAGE_SCHEME = 'takedown-pkg';

export type PackageDocument =
  | { kind: 'file'; name: string; version: string; path: string }
  | { kind: 'summary'; name: string; version: string };

const SUMMARY = '.takedown-summary';

const UNSAFE_IN_SEGMENT = /[%/\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

function segment(text: string): string {
  return text.replace(UNSAFE_IN_SEGMENT, (c) => encodeURIComponent(c));
}

/** The URI path (what `vscode.Uri.from({ scheme, path })` takes). The file's own name stays last, so the editor picks its language. */
export function packageDocumentPath(doc: PackageDocument): string {
  const head = `/${segment(doc.name)}/${segment(doc.version || '0.0.0')}`;
  if (doc.kind === 'summary') return `${head}/${SUMMARY}/summary.txt`;
  return `${head}/${doc.path.split('/').map(segment).join('/')}`;
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
