import path from 'node:path';
import npa from 'npm-package-arg';

export type PackageInput = { kind: 'registry'; name: string; spec: string } | { kind: 'local'; path: string } | { error: string };

/** Scan Package…'s input: `name@version`, `name` (latest), or a local folder / .tgz (relative to `baseDir`). */
export function parsePackageInput(input: string, baseDir: string | undefined, home = process.env.HOME ?? ''): PackageInput {
  const value = input.trim();
  if (!value) return { error: 'Enter name@version, a name, or a path to a package folder or .tgz' };
  if (/^(?:\.{1,2}[\\/]|[\\/]|~[\\/]|[A-Za-z]:[\\/])/.test(value) || /\.(?:tgz|tar\.gz)$/i.test(value)) {
    const expanded = value.startsWith('~') ? path.join(home, value.slice(1)) : value;
    return { kind: 'local', path: path.resolve(baseDir ?? process.cwd(), expanded) };
  }
  try {
    const parsed = npa(value);
    if (parsed.type !== 'version' && parsed.type !== 'range' && parsed.type !== 'tag') return { error: `Only registry packages can be scanned by name (this is a ${parsed.type} spec)` };
    if (!parsed.name) return { error: 'No package name' };
    return { kind: 'registry', name: parsed.name, spec: parsed.rawSpec && parsed.rawSpec !== '*' ? parsed.rawSpec : 'latest' };
  } catch (error) {
    return { error: (error as Error).message.split('\n')[0] ?? 'Not a package spec' };
  }
}

/** An exact version (`1.2.3`, `1.0.0-beta.1`) rather than a range or a tag. */
export function isExactVersion(spec: string): boolean {
  return /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/.test(spec);
}
