import npa from 'npm-package-arg';
import type { SpecKind } from './model';

export interface ClassifiedSpec {
  kind: SpecKind;
  /** The registry package the spec fetches (differs from the key for `npm:` aliases). */
  name: string;
  /** For aliases: the kind of the aliased spec (`range`, `version`, `tag`). */
  targetKind?: SpecKind;
}

const PLAIN_SPEC = /^([~^])?(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)\.(?:0|[1-9]\d*)(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?$/;
const VALID_NAME = /^(?:@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/;

const EXTRA_PROTOCOLS: Record<string, SpecKind> = {
  'workspace:': 'workspace',
  'link:': 'link',
  'portal:': 'link',
  'patch:': 'patch',
  'exec:': 'remote',
};

const NPA_KINDS: Record<string, SpecKind> = {
  version: 'version',
  range: 'range',
  tag: 'tag',
  alias: 'alias',
  git: 'git',
  remote: 'remote',
  file: 'file',
  directory: 'directory',
};

/**
 * Classifies a requested spec the way npm would read it. Never throws: a spec npm cannot read is
 * `invalid` (a package.json with one still has every other entry worth scanning).
 */
export function classifySpec(name: string, spec: string): ClassifiedSpec {
  // Fast path for the overwhelmingly common case (`1.2.3`, `^1.2.3`, `~1.2.3`): npa costs tens of
  // microseconds a call, which adds up over a 5,000-entry file. The result is the same as npa's.
  const plain = PLAIN_SPEC.exec(spec);
  if (plain && VALID_NAME.test(name)) return { kind: plain[1] ? 'range' : 'version', name };
  const protocol = /^[a-z]+:/i.exec(spec)?.[0]?.toLowerCase();
  if (protocol && protocol in EXTRA_PROTOCOLS) return { kind: EXTRA_PROTOCOLS[protocol]!, name };
  try {
    // A fixed `where` keeps npa from consulting the real working directory for file: specs.
    const parsed = npa.resolve(name, spec, '/');
    const kind = NPA_KINDS[parsed.type] ?? 'invalid';
    if (parsed.type === 'alias') {
      const target = parsed.subSpec;
      return { kind, name: target.name ?? name, targetKind: NPA_KINDS[target.type] ?? 'invalid' };
    }
    return { kind, name };
  } catch {
    return { kind: 'invalid', name };
  }
}

/** Kinds whose package comes from a registry and so can be looked up and fetched by name@version. */
export function isRegistryKind(kind: SpecKind): boolean {
  return kind === 'version' || kind === 'range' || kind === 'tag' || kind === 'alias';
}
