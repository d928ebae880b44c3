import semver from 'semver';

/**
 * pnpm's "dependency paths": the keys of `packages` / `snapshots` and the references that point at
 * them. Their spelling changed with each lockfile major, which is all this module knows about:
 *   5.x  /debug/4.3.4   /@types/ms/0.7.34   /react-dom/18.3.1_react@18.3.1
 *   6.x  /debug@4.3.4   /react-dom@18.3.1(react@18.3.1)
 *   9.x  debug@4.3.4    react-dom@18.3.1(react@18.3.1)   left-pad@https://host/x.tgz
 * Keys that do not start with `/` in 5.x/6.x (`file:vendor/x`, `github.com/a/b/<sha>`,
 * `@registry.npmjs.org+443/x/-/x-1.0.0.tgz`) are not registry packages; their entry says what they are.
 */
export type PnpmStyle = 'v5' | 'v6' | 'v9';

export interface PnpmKey {
  /** The package name, when the key spells it out. */
  name?: string;
  /** The exact version, for registry keys only. */
  version?: string;
  /** True when the key is `name@version` of a registry package. */
  registry: boolean;
  /** For other keys: where the package comes from (`file:vendor/x`, a URL, `git+https://...#sha`). */
  source?: string;
}

export function styleOf(lockfileVersion: string): PnpmStyle {
  const major = Number.parseInt(lockfileVersion, 10);
  if (major <= 5) return 'v5';
  if (major === 6) return 'v6';
  return 'v9';
}

/** Parses a `packages` or `snapshots` key. Undefined when a 9.x key has no `name@` part. */
export function parsePackageKey(key: string, style: PnpmStyle): PnpmKey | undefined {
  if (style === 'v9') {
    const body = removePeerSuffix(key);
    const at = body.indexOf('@', 1);
    if (at <= 0) return undefined;
    const name = body.slice(0, at);
    const rest = body.slice(at + 1);
    if (!isPackageName(name) || rest === '') return undefined;
    return isExactVersion(rest) ? { name, version: rest, registry: true } : { name, registry: false, source: rest };
  }
  if (!key.startsWith('/')) return { registry: false, source: key };
  const body = key.slice(1);
  if (style === 'v6') {
    const bare = removePeerSuffix(body);
    const at = bare.indexOf('@', 1);
    if (at > 0) {
      const name = bare.slice(0, at);
      const version = bare.slice(at + 1);
      if (isPackageName(name) && isExactVersion(version)) return { name, version, registry: true };
    }
    return { registry: false, source: key };
  }
  // 5.x: /name/version[_peer+suffix]; a scoped name spans two segments.
  const firstSlash = body.indexOf('/');
  const nameEnd = body.startsWith('@') ? body.indexOf('/', firstSlash + 1) : firstSlash;
  if (firstSlash > 0 && nameEnd > 0) {
    const name = body.slice(0, nameEnd);
    const rest = body.slice(nameEnd + 1);
    const underscore = rest.indexOf('_');
    const version = underscore === -1 ? rest : rest.slice(0, underscore);
    if (isPackageName(name) && !rest.includes('/') && isExactVersion(version)) return { name, version, registry: true };
  }
  // e.g. a git dependency on a local repository: /tmp/repo/<commit>
  return { registry: false, source: key };
}

/**
 * Turns a reference (an importer's or package's `dependencies` value) into the key it points at,
 * following pnpm's own refToRelative(). Null for `link:` references, which have no entry.
 */
export function refToKey(ref: string, depName: string, style: PnpmStyle): string | null {
  if (ref.startsWith('link:')) return null;
  if (style === 'v9') {
    if (ref.startsWith('@')) return ref;
    const at = ref.indexOf('@');
    if (at === -1) return `${depName}@${ref}`;
    const colon = ref.indexOf(':');
    const paren = ref.indexOf('(');
    if ((colon === -1 || at < colon) && (paren === -1 || at < paren)) return ref;
    return `${depName}@${ref}`;
  }
  if (ref.startsWith('file:')) return ref;
  const slash = ref.indexOf('/');
  if (slash === -1) return style === 'v6' ? `/${depName}@${ref}` : `/${depName}/${ref}`;
  if (style === 'v6') {
    const paren = ref.indexOf('(');
    if (paren !== -1 && slash > paren) return `/${depName}@${ref}`;
  }
  return ref;
}

/** `react-dom@18.3.1(react@18.3.1)` -> `react-dom@18.3.1`: drops trailing balanced `(...)` groups. */
export function removePeerSuffix(key: string): string {
  if (!key.endsWith(')')) return key;
  let depth = 0;
  for (let i = key.length - 1; i >= 0; i--) {
    const c = key.charCodeAt(i);
    if (c === 41 /* ) */) depth++;
    else if (c === 40 /* ( */) {
      depth--;
      if (depth < 0) return key;
      if (depth === 0 && key.charCodeAt(i - 1) !== 41) return key.slice(0, i);
    }
  }
  return key;
}

/** Plain `1.2.3` with no leading zeros and numbers well under 2^53: what nearly every key holds. */
const PLAIN_VERSION = /^(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})\.(?:0|[1-9]\d{0,14})$/;

/** Whether `version` is a valid semver version written exactly as semver would print it. */
function isExactVersion(version: string): boolean {
  return PLAIN_VERSION.test(version) || semver.valid(version) === version;
}

const PACKAGE_NAME = /^(?:@[^/@\s:]+\/)?[^/@\s:]+$/;

function isPackageName(name: string): boolean {
  return PACKAGE_NAME.test(name);
}
