/**
 * Reading yarn descriptors (`name@range`) and locators (`name@reference`), shared by the classic
 * and berry parsers.
 */
import type { SpecKind } from './model';
import { classifySpec, isRegistryKind } from './spec';

export interface Descriptor {
  name: string;
  range: string;
}

/** `@scope/name@npm:^1` -> {name: '@scope/name', range: 'npm:^1'}; undefined when there is no name. */
export function splitDescriptor(descriptor: string): Descriptor | undefined {
  const at = descriptor.indexOf('@', 1);
  if (at <= 0) return undefined;
  return { name: descriptor.slice(0, at), range: descriptor.slice(at + 1) };
}

/** Berry keys join descriptors with `, `; yarn itself splits on a comma with any spaces around it. */
export function splitBerryKey(key: string): string[] {
  return key.split(/ *, */).filter((d) => d.length > 0);
}

export interface RequestKind {
  kind: SpecKind;
  /** The registry package fetched: differs from the descriptor name for `npm:` aliases. */
  name: string;
  alias?: string;
}

// Semver ranges and dist-tags: no protocol, no path, no URL. npm-package-arg is exact but costs
// tens of microseconds a call (hosted-git-info parses every spec as a URL), which is most of the
// parse time of a large lockfile, so the overwhelmingly common plain ranges skip it.
const PLAIN_REGISTRY_RANGE = /^[\w.*^~<>=|+ -]*$/;

/**
 * What a classic descriptor range asks for. Whatever range or tag a registry package was asked
 * for, the lockfile pins it to one version, hence `version`.
 */
export function classifyClassicRange(name: string, range: string): RequestKind {
  if (PLAIN_REGISTRY_RANGE.test(range)) return { kind: 'version', name };
  if (range.startsWith('npm:')) {
    const target = splitDescriptor(range.slice(4));
    if (target && PLAIN_REGISTRY_RANGE.test(target.range)) return { kind: 'alias', name: target.name, alias: name };
  }
  const classified = classifySpec(name, range);
  if (classified.kind === 'alias') return { kind: 'alias', name: classified.name, alias: name };
  if (isRegistryKind(classified.kind)) return { kind: 'version', name };
  return { kind: classified.kind, name };
}

const TARBALL = /\.(?:tgz|tar\.gz|tar)$/i;
const GIT_PROTOCOL = /^(?:git\+[a-z]+|git|ssh|github|gitlab|bitbucket):/i;
// Berry keeps git sources as URLs with a `#commit=` / `#head=` / ... selector, or a `.git` path.
const GIT_URL = /^https?:\/\/[^#]*?(?:\.git(?:#|$)|#(?:commit|head|tag|semver)=)/i;

/** The protocol-driven kind of a berry reference (`npm:1.0.0`, `https://...`, `patch:...`, ...). */
export function classifyBerryReference(reference: string): SpecKind {
  const bare = reference.split('::')[0] ?? reference;
  const protocol = /^[a-z][a-z0-9+.-]*:/i.exec(bare)?.[0]?.toLowerCase();
  if (protocol === 'npm:') return 'version';
  if (protocol === 'workspace:') return 'workspace';
  if (protocol === 'patch:') return 'patch';
  if (protocol === 'link:' || protocol === 'portal:') return 'link';
  if (protocol === 'file:') return TARBALL.test(bare) ? 'file' : 'directory';
  if (GIT_PROTOCOL.test(bare) || GIT_URL.test(bare)) return 'git';
  if (protocol === 'http:' || protocol === 'https:' || protocol === 'exec:') return 'remote';
  return 'invalid';
}

/**
 * The package a `patch:` reference patches: `patch:resolve@npm%3A1.22.8#optional!builtin<...>`
 * holds the URL-encoded source descriptor `resolve@npm:1.22.8` before the `#`.
 */
export function patchSource(reference: string): string | undefined {
  if (!reference.startsWith('patch:')) return undefined;
  const hash = reference.indexOf('#');
  const encoded = reference.slice('patch:'.length, hash === -1 ? undefined : hash);
  try {
    return decodeURIComponent(encoded);
  } catch {
    return undefined;
  }
}

/**
 * A berry descriptor range as package.json would spell it: the implicit `npm:` protocol berry adds
 * to plain ranges (`npm:^4.3.4`) is dropped, an alias (`npm:ms@2.1.3`) keeps it, and the
 * `::locator=...` binding yarn adds to relative paths (file:, link:, portal:) is dropped.
 */
export function displayRange(written: string): string {
  const binding = written.indexOf('::');
  const range = binding === -1 ? written : written.slice(0, binding);
  if (range.startsWith('npm:')) {
    const rest = range.slice(4);
    if (rest.indexOf('@', 1) === -1) return rest;
  }
  return range;
}

/** The registry name an `npm:` alias range points at (`npm:@types/ms@0.7.34` -> `@types/ms`). */
export function npmAliasTarget(range: string): string | undefined {
  if (!range.startsWith('npm:')) return undefined;
  const target = splitDescriptor(range.slice(4));
  return target?.name;
}
