import type { FileTraits, PackageFile, PackageInput } from './types';

const TEST_PATH = /(?:^|\/)(?:tests?|__tests__|__mocks__|spec|specs|fixtures?|examples?|benchmarks?)\//i;
const TEST_NAME = /\.(?:test|spec)\.[cm]?[jt]sx?$/i;
const BUILT_PATH = /(?:^|\/)(?:dist|build|bundles?|umd|cjs|esm|lib\/browser)\//i;
const BUILT_NAME = /[.-](?:min|bundle|umd|prod|production)\.[cm]?js$/i;

/** Characters per line above which a file reads as a minified build rather than hand-written code. */
const MINIFIED_LINE = 500;

export function fileTraits(file: PackageFile, entryPoints: ReadonlySet<string>): FileTraits {
  const text = file.text ?? '';
  return {
    typeDeclaration: /\.d\.[cm]?ts$/i.test(file.path),
    test: TEST_PATH.test(file.path) || TEST_NAME.test(file.path),
    minified: looksMinified(text),
    built: BUILT_PATH.test(file.path) || BUILT_NAME.test(file.path),
    entryPoint: entryPoints.has(file.path),
  };
}

/** The characters of the regular expression class `\s`. */
function isWhitespace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

export function looksMinified(text: string): boolean {
  if (text.length < 2000) return false;
  const lines = text.split('\n', 200);
  const long = lines.filter((l) => l.length > MINIFIED_LINE).length;
  if (long === 0) return false;
  if (long / lines.length > 0.2) return true;
  // Share of whitespace in the first 20,000 characters, counted without building a match array.
  const end = Math.min(text.length, 20_000);
  let spaces = 0;
  for (let i = 0; i < end; i++) if (isWhitespace(text.charCodeAt(i))) spaces++;
  return spaces / end < 0.05;
}

/** Files that run when the package is imported, called as a command, or loaded in a browser. */
export function entryPoints(pkg: PackageInput): Set<string> {
  const out = new Set<string>();
  const add = (value: unknown) => {
    if (typeof value === 'string') out.add(normalise(value));
    else if (value && typeof value === 'object') for (const v of Object.values(value as Record<string, unknown>)) add(v);
  };
  const m = pkg.manifest;
  add(m.main ?? 'index.js');
  add(m.module);
  add(m.browser);
  add(m.bin);
  add(m.exports);
  // `main` may omit the extension or name a folder, as require() allows.
  for (const p of [...out]) {
    if (!/\.[cm]?[jt]sx?$/.test(p)) {
      out.add(`${p}.js`);
      out.add(`${p}/index.js`.replace(/^\/+/, ''));
    }
  }
  return out;
}

function normalise(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '').replace(/^\/+/, '');
}
