import semver from 'semver';
import { deriveFlags, type EdgeType, type GraphNode, type GraphRoot } from './flags';
import { members, nodeRange, parseJsonDocument, property, stringValue, type JsonDocument, type JsonNode } from './json';
import type { DependencyEntry, DependencyFile, ParseOptions, ParseProblem, SourceRange, SpecKind, WorkspaceInfo } from './model';
import { ZERO_RANGE, fatalFile, precheck, problem } from './text';

/**
 * bun.lock, bun's text lockfile (JSONC with trailing commas), lockfileVersion 0-3.
 *
 * `packages` is keyed by install path: `debug`, `is-odd/is-number` (nested under is-odd),
 * `app/ms` (under the workspace named app). Each value is an array whose shape depends on the
 * source, per bun's writer (src/install/lockfile/bun.lock.zig):
 *   npm        ["name@version", registry-or-"", info, integrity]
 *   tarball    ["name@https://...", info, integrity?]
 *   git/github ["name@git+...#ref" | "name@github:o/r#ref", info, bun-tag, integrity?]
 *   folder     ["name@file:path", info]      symlink ["name@link:path", info]
 *   workspace  ["name@workspace:path"]        root    ["name@root:", {bin}]
 * One entry per key. bun records no dev/optional flags, so they come from deriveFlags() over the
 * graph, resolving each dependency the way bun's loader does (see resolveKey).
 */
export function parseBunLock(text: string, options?: ParseOptions): DependencyFile {
  const early = precheck('bun', text, options);
  if (early) return early;
  try {
    return new BunLockReader(text).read();
  } catch (error) {
    return fatalFile('bun', [problem('E_PARSE', `bun.lock could not be read: ${error instanceof Error ? error.message : String(error)}`, ZERO_RANGE)]);
  }
}

const KNOWN_VERSION = 3;
const MAX_PROBLEMS = 200;

/** bun keeps the first group a name appears in, in this order (bun.lock.zig: dev -> optional -> prod -> peer). */
const PACKAGE_GROUPS: [string, EdgeType][] = [
  ['optionalDependencies', 'optional'],
  ['dependencies', 'prod'],
  ['peerDependencies', 'peer'],
];
const WORKSPACE_GROUPS: [string, EdgeType][] = [
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['dependencies', 'prod'],
  ['peerDependencies', 'peer'],
];

interface PackageRecord {
  key: string;
  keyRange: SourceRange;
  name: string;
  version?: string;
  specKind: SpecKind;
  resolved?: string;
  integrity?: string;
  info?: JsonNode;
  spec?: string;
}

/** A `packages` key maps to a package node, or to a workspace (whose dependencies are roots of their own). */
type KeyTarget = { node: number } | { workspace: string };

class BunLockReader {
  private readonly problems: ParseProblem[] = [];
  private readonly records: PackageRecord[] = [];
  private readonly graph: GraphNode[] = [];
  private readonly roots: GraphRoot[] = [];
  private readonly byKey = new Map<string, KeyTarget>();
  /** Install paths that have something nested under them; most have not, which saves a lookup per dependency. */
  private readonly parents = new Set<string>();
  private doc!: JsonDocument;

  constructor(private readonly text: string) {}

  read(): DependencyFile {
    this.doc = parseJsonDocument(this.text, { allowTrailingComma: true, allowComments: true });
    const root = this.doc.root;
    if (this.doc.broken || !root) {
      return fatalFile('bun', this.doc.problems.length > 0 ? this.doc.problems : [problem('E_PARSE', 'bun.lock is empty.', ZERO_RANGE)]);
    }
    if (root.type !== 'object') return fatalFile('bun', [problem('E_PARSE', 'bun.lock must be a JSON object.', this.range(root))]);

    const formatVersion = this.readVersion(root);
    const workspaces = this.readWorkspaceList(root);
    this.readPackages(root);
    this.readEdges();
    this.readWorkspaceRoots(root);

    const rootWorkspace = workspaces.find((w) => w.path === '');
    const file: DependencyFile = {
      kind: 'bun',
      formatVersion,
      workspaces,
      entries: this.entries(),
      problems: this.problems,
      fatal: false,
    };
    if (rootWorkspace?.name !== undefined) file.name = rootWorkspace.name;
    if (rootWorkspace?.version !== undefined) file.version = rootWorkspace.version;
    return file;
  }

  private readVersion(root: JsonNode): string | undefined {
    const node = property(root, 'lockfileVersion');
    if (!node || node.type !== 'number' || typeof node.value !== 'number') {
      this.warn('E_SCHEMA', 'lockfileVersion is missing or not a number.', node ? this.range(node) : this.doc.index.range(root.offset, 1));
      return undefined;
    }
    if (node.value > KNOWN_VERSION) this.warn('E_UNSUPPORTED', `lockfileVersion ${node.value} is newer than this reader knows (${KNOWN_VERSION}); reading it as ${KNOWN_VERSION}.`, this.range(node));
    return String(node.value);
  }

  private readWorkspaceList(root: JsonNode): WorkspaceInfo[] {
    const node = property(root, 'workspaces');
    if (!node) return [{ path: '' }];
    if (node.type !== 'object') {
      this.error('E_SCHEMA', '"workspaces" must be an object keyed by workspace folder.', this.range(node));
      return [{ path: '' }];
    }
    const out: WorkspaceInfo[] = [];
    for (const m of members(node)) {
      if (m.value.type !== 'object') {
        this.warn('E_SCHEMA', `The workspace "${m.key}" must be an object.`, this.range(m.keyNode));
        continue;
      }
      const info: WorkspaceInfo = { path: m.key };
      const name = stringValue(property(m.value, 'name'));
      const version = stringValue(property(m.value, 'version'));
      if (name !== undefined) info.name = name;
      if (version !== undefined) info.version = version;
      out.push(info);
    }
    return out;
  }

  private readPackages(root: JsonNode): void {
    const node = property(root, 'packages');
    if (!node) return;
    if (node.type !== 'object') {
      this.error('E_SCHEMA', '"packages" must be an object keyed by install path.', this.range(node));
      return;
    }
    for (const { key, keyNode, value } of members(node)) {
      const keyRange = this.range(keyNode);
      if (this.byKey.has(key)) this.warn('E_DUPLICATE_KEY', `"${key}" appears more than once in packages; the last one is used.`, keyRange);
      const items = value.type === 'array' ? value.children ?? [] : undefined;
      const id = stringValue(items?.[0]);
      if (!items || id === undefined) {
        this.error('E_SCHEMA', `The entry for "${key}" must be an array starting with "name@version".`, keyRange);
        continue;
      }
      const at = id.indexOf('@', 1);
      if (at <= 0) {
        this.error('E_SCHEMA', `"${id}" is not a name@resolution string.`, this.range(items[0]!));
        continue;
      }
      const name = id.slice(0, at);
      const resolution = id.slice(at + 1);
      if (resolution.startsWith('workspace:')) {
        this.byKey.set(key, { workspace: resolution.slice('workspace:'.length) });
        continue;
      }
      if (resolution.startsWith('root:')) continue;
      const record = this.readRecord(key, keyRange, name, resolution, items);
      this.byKey.set(key, { node: this.records.push(record) - 1 });
      this.graph.push({ edges: [] });
    }
  }

  /** Reads the array after its first element, whose layout depends on where the package comes from. */
  private readRecord(key: string, keyRange: SourceRange, name: string, resolution: string, items: JsonNode[]): PackageRecord {
    const record: PackageRecord = { key, keyRange, name, specKind: 'invalid' };
    let infoAt = 1;
    let integrityAt: number | undefined;
    if (resolution.startsWith('git+') || resolution.startsWith('github:')) {
      record.specKind = 'git';
      record.resolved = resolution;
      integrityAt = 3;
    } else if (/^https?:\/\//.test(resolution)) {
      record.specKind = 'remote';
      record.resolved = resolution;
      integrityAt = 2;
    } else if (resolution.startsWith('link:')) {
      record.specKind = 'link';
      record.resolved = resolution;
    } else if (resolution.startsWith('file:') || /\.(?:tgz|tar\.gz|tar)$/.test(resolution)) {
      record.specKind = /\.(?:tgz|tar\.gz|tar)$/.test(resolution) ? 'file' : 'directory';
      record.resolved = resolution;
      integrityAt = record.specKind === 'file' ? 2 : undefined;
    } else {
      // A registry package: "name@1.2.3" (older files may spell an alias "alias@npm:name@1.2.3").
      let version = resolution;
      if (version.startsWith('npm:')) {
        const inner = version.slice(4);
        const innerAt = inner.indexOf('@', 1);
        if (innerAt > 0) {
          record.name = inner.slice(0, innerAt);
          version = inner.slice(innerAt + 1);
        }
      }
      record.version = version;
      record.specKind = semver.valid(version) === version ? 'version' : 'invalid';
      if (record.specKind === 'invalid') this.warn('E_SCHEMA', `"${resolution}" is not an exact version for "${key}".`, this.range(items[0]!));
      const registry = items[1];
      if (registry && registry.type !== 'string') this.warn('E_SCHEMA', `The registry of "${key}" must be a string.`, this.range(registry));
      const url = stringValue(registry);
      if (url) record.resolved = url;
      infoAt = 2;
      integrityAt = 3;
    }
    const info = items[infoAt];
    if (info && info.type !== 'object') this.warn('E_SCHEMA', `The dependency info of "${key}" must be an object.`, this.range(info));
    else if (info) record.info = info;
    if (integrityAt !== undefined) {
      const node = items[integrityAt];
      if (node && node.type !== 'string') this.warn('E_SCHEMA', `The integrity of "${key}" must be a string.`, this.range(node));
      const integrity = stringValue(node);
      if (integrity) record.integrity = integrity;
    }
    return record;
  }

  private readEdges(): void {
    for (const key of this.byKey.keys()) {
      const prefixes = installPathPrefixes(key);
      for (let i = 0; i < prefixes.length - 1; i++) this.parents.add(prefixes[i]!);
    }
    this.records.forEach((record, index) => {
      const ancestors = installPathPrefixes(record.key).filter((prefix) => this.parents.has(prefix));
      let seen: Set<string> | undefined;
      for (const [group, type] of PACKAGE_GROUPS) {
        const deps = this.dependencyMembers(record.info, group, record.key);
        if (deps.length === 0) continue;
        // Only a name listed in two groups needs de-duplicating; most packages have one group.
        const dedupe = seen !== undefined;
        seen ??= new Set<string>();
        for (const dep of deps) {
          if (dedupe && seen.has(dep.key)) continue;
          seen.add(dep.key);
          const target = this.resolveKey(ancestors, dep.key);
          if (target === undefined) {
            // Unresolved optional and peer dependencies are normal (other platforms, optional peers).
            if (type === 'prod') this.warn('E_SCHEMA', `"${record.key}" depends on "${dep.key}", which is not in packages.`, this.range(dep.keyNode));
            continue;
          }
          if ('node' in target) this.graph[index]!.edges.push({ target: target.node, type });
        }
      }
    });
  }

  private readWorkspaceRoots(root: JsonNode): void {
    const node = property(root, 'workspaces');
    for (const m of members(node)) {
      if (m.value.type !== 'object') continue;
      const workspaceName = stringValue(property(m.value, 'name'));
      const seen = new Set<string>();
      for (const [group, type] of WORKSPACE_GROUPS) {
        for (const dep of this.dependencyMembers(m.value, group, m.key || 'the root workspace')) {
          if (seen.has(dep.key)) continue;
          seen.add(dep.key);
          // bun's loader: the root resolves "name"; a workspace tries "<workspace name>/name" first.
          const target = (m.key !== '' && workspaceName !== undefined ? this.byKey.get(`${workspaceName}/${dep.key}`) : undefined) ?? this.byKey.get(dep.key);
          if (target === undefined) {
            if (type === 'prod' || type === 'dev') this.warn('E_SCHEMA', `Workspace "${m.key}" depends on "${dep.key}", which is not in packages.`, this.range(dep.keyNode));
            continue;
          }
          if (!('node' in target)) continue;
          this.roots.push({ target: target.node, type, workspace: m.key });
          const record = this.records[target.node]!;
          if (record.spec === undefined) {
            const spec = stringValue(dep.value);
            if (spec !== undefined) record.spec = spec;
          }
        }
      }
    }
  }

  /** bun's PkgMap.findResolution: try "<key>/<dep>", then under each parent install path, then "<dep>". */
  private resolveKey(ancestors: string[], dep: string): KeyTarget | undefined {
    for (let n = ancestors.length - 1; n >= 0; n--) {
      const target = this.byKey.get(`${ancestors[n]!}/${dep}`);
      if (target) return target;
    }
    return this.byKey.get(dep);
  }

  private dependencyMembers(owner: JsonNode | undefined, group: string, ownerName: string) {
    const node = property(owner, group);
    if (!node) return [];
    if (node.type !== 'object') {
      this.warn('E_SCHEMA', `${group} of "${ownerName}" must be an object.`, this.range(node));
      return [];
    }
    return members(node);
  }

  private entries(): DependencyEntry[] {
    const flags = deriveFlags(this.graph, this.roots);
    return this.records.map((record, index) => {
      const f = flags[index]!;
      const installedAs = lastPart(record.key);
      const alias = installedAs !== record.name ? installedAs : undefined;
      const entry: DependencyEntry = {
        name: record.name,
        specKind: alias !== undefined && record.specKind === 'version' ? 'alias' : record.specKind,
        dev: f.dev,
        optional: f.optional,
        peer: f.peer,
        direct: f.direct,
        workspaces: f.workspaces,
        range: record.keyRange,
      };
      if (alias !== undefined) entry.alias = alias;
      if (record.spec !== undefined) entry.spec = record.spec;
      if (record.version !== undefined) entry.version = record.version;
      if (record.resolved !== undefined) entry.resolved = record.resolved;
      if (record.integrity !== undefined) entry.integrity = record.integrity;
      return entry;
    });
  }

  private range(node: JsonNode): SourceRange {
    return nodeRange(this.doc, node);
  }

  private error(code: ParseProblem['code'], message: string, range: SourceRange): void {
    this.add(problem(code, message, range, 'error'));
  }

  private warn(code: ParseProblem['code'], message: string, range: SourceRange): void {
    this.add(problem(code, message, range, 'warning'));
  }

  private add(p: ParseProblem): void {
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
    else if (this.problems.length === MAX_PROBLEMS) this.problems.push(problem(p.code, 'Too many problems; the rest are not listed.', p.range, 'warning'));
  }
}

/** "a/@scope/b/c" -> ["a", "@scope/b", "c"]: install-path segments, a scoped name being one. */
function pathParts(key: string): string[] {
  const raw = key.split('/');
  const parts: string[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    if (part.startsWith('@') && i + 1 < raw.length) {
      parts.push(`${part}/${raw[i + 1]!}`);
      i++;
    } else {
      parts.push(part);
    }
  }
  return parts;
}

/** "a/@s/b/c" -> ["a", "a/@s/b", "a/@s/b/c"]: the key and its parent install paths, shortest first. */
function installPathPrefixes(key: string): string[] {
  const parts = pathParts(key);
  const out: string[] = [];
  let prefix = '';
  for (const part of parts) {
    prefix = prefix === '' ? part : `${prefix}/${part}`;
    out.push(prefix);
  }
  return out;
}

function lastPart(key: string): string {
  const parts = pathParts(key);
  return parts[parts.length - 1] ?? key;
}
