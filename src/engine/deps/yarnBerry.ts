/**
 * yarn.lock written by yarn 2+ ("berry"), a YAML subset parsed with @yarnpkg/parsers' parseSyml;
 * positions come from yarnKeys.
 *
 * What the format records: `__metadata.version` (4 for yarn 2, 6 for yarn 3, 8 and later for
 * yarn 4), then one entry per resolved package keyed by every descriptor that resolved to it
 * (`"debug@npm:^4.3.4, debug@npm:4.3.4"`), with `resolution` (the locator), `version`, `checksum`,
 * `dependencies` (+ `dependenciesMeta` for optional ones) and `peerDependencies`. Workspaces are
 * entries too (`resolution: "app@workspace:packages/app"`), and their `dependencies` list every
 * request of the workspace: production and dev alike, so only a manifest can tell dev apart.
 * Before lockfile version 8 dependency ranges omit the default `npm:` protocol (`ms: 2.1.2`).
 */
import { parseSyml } from '@yarnpkg/parsers';
import { deriveFlags, type EdgeType, type GraphNode, type GraphRoot } from './flags';
import type { DependencyEntry, DependencyFile, ManifestDeclarations, ParseOptions, ParseProblem, SourceRange, WorkspaceInfo } from './model';
import { fatalFile, isRecord, LineIndex, precheck, problem, ZERO_RANGE } from './text';
import { classifyBerryReference, displayRange, npmAliasTarget, patchSource, splitBerryKey, splitDescriptor, type Descriptor } from './yarnDescriptor';
import { nestedKeyRange, scanBerryKeys, type TopLevelKey } from './yarnKeys';

const KIND = 'yarn-berry';
const MAX_SCHEMA_PROBLEMS = 50;
/** The version berry writes for workspaces in place of the manifest's own. */
const WORKSPACE_PLACEHOLDER_VERSION = '0.0.0-use.local';

export function parseYarnBerry(text: string, options?: ParseOptions): DependencyFile {
  const early = precheck(KIND, text, options);
  if (early) return early;
  try {
    return parseChecked(text, options);
  } catch (error) {
    return fatalFile(KIND, [problem('E_PARSE', `Could not read yarn.lock: ${describe(error)}`, ZERO_RANGE)]);
  }
}

/** Where a descriptor leads: a package entry (graph node) or a workspace. */
type Target = { node: number } | { workspace: string };

interface Package {
  key: string;
  raw: Record<string, unknown>;
  entry: DependencyEntry;
  descriptors: Descriptor[];
  /** The resolution's reference (`npm:4.3.4`, `patch:...`). */
  reference: string;
}

interface Workspace {
  key: string;
  raw: Record<string, unknown>;
  path: string;
  resolution: string;
}

function parseChecked(text: string, options: ParseOptions | undefined): DependencyFile {
  const index = new LineIndex(text);
  let document: Record<string, unknown>;
  try {
    document = parseSyml(text) as Record<string, unknown>;
  } catch (error) {
    return fatalFile(KIND, [syntaxProblem(error, index)]);
  }
  if (!isRecord(document)) return fatalFile(KIND, [problem('E_PARSE', 'yarn.lock is not a mapping of entries.', ZERO_RANGE)]);

  const problems: ParseProblem[] = [];
  const keys = scanBerryKeys(text, index);
  const keyIndex = new Map<string, number>();
  keys.forEach((key, i) => {
    if (keyIndex.has(key.value)) problems.push(problem('E_DUPLICATE_KEY', `"${key.value}" appears twice; the last one wins.`, key.range, 'warning'));
    keyIndex.set(key.value, i);
  });
  const locator = new Locator(text, index, keys, keyIndex, problems);

  const formatVersion = metadataVersion(document, locator);
  const packages: Package[] = [];
  const workspaces: Workspace[] = [];
  const workspaceInfo: WorkspaceInfo[] = [];
  const byDescriptor = new Map<string, Target>();

  for (const key of Object.keys(document)) {
    if (key === '__metadata') continue;
    const raw = document[key];
    if (!isRecord(raw)) {
      locator.schema(key, [], `Entry "${key}" is not a mapping; it was skipped.`);
      continue;
    }
    const resolution = raw.resolution;
    const resolved = typeof resolution === 'string' ? splitDescriptor(resolution) : undefined;
    if (typeof resolution !== 'string' || !resolved) {
      locator.schema(key, resolution === undefined ? [] : ['resolution'], `Entry "${key}" has no valid resolution; it was skipped.`);
      continue;
    }
    const written = splitBerryKey(key);
    const descriptors = written.flatMap((d) => splitDescriptor(d) ?? []);
    const kind = classifyBerryReference(resolved.range);

    if (kind === 'workspace') {
      const path = workspacePath(resolved.range);
      const version = typeof raw.version === 'string' && raw.version !== WORKSPACE_PLACEHOLDER_VERSION ? raw.version : undefined;
      workspaces.push({ key, raw, path, resolution });
      workspaceInfo.push(version === undefined ? { path, name: resolved.name } : { path, name: resolved.name, version });
      for (const d of written) byDescriptor.set(d, { workspace: path });
      continue;
    }

    const version = raw.version;
    if (typeof version !== 'string' || version === '') {
      locator.schema(key, version === undefined ? [] : ['version'], `Entry "${key}" has no version string; it was skipped.`);
      continue;
    }
    const checksum = raw.checksum;
    if (checksum !== undefined && typeof checksum !== 'string') locator.schema(key, ['checksum'], 'Field "checksum" should be a string; it was ignored.', 'warning');

    // The resolution names the real package; a descriptor under another name is an npm: alias.
    // When the same package is also requested under its own name (yarn 4 often writes
    // `"string-width-cjs@npm:string-width@^4.2.0, string-width@npm:^4.2.0"`), it is no alias.
    const name = npmAliasTarget(resolved.range) ?? resolved.name;
    const alias = descriptors.length > 0 && descriptors.every((d) => d.name !== name) ? descriptors[0]!.name : undefined;
    const entry: DependencyEntry = {
      name,
      spec: specOf(descriptors),
      specKind: kind === 'version' && alias !== undefined ? 'alias' : kind,
      version,
      resolved: resolution,
      dev: false,
      optional: false,
      peer: false,
      direct: false,
      workspaces: [],
      range: locator.keyRange(key),
    };
    if (alias !== undefined) entry.alias = alias;
    // Berry's checksum is `<cacheKey>/<sha512 hex>` of yarn's re-packed zip, not an SRI string of
    // the registry tarball: kept verbatim, it is still what changes when the package content does.
    if (typeof checksum === 'string') entry.integrity = checksum;
    const node = packages.length;
    packages.push({ key, raw, entry, descriptors, reference: resolved.range });
    const target = { node };
    for (const d of written) byDescriptor.set(d, target);
  }

  const lookup: Lookup = (name, range, owner) => {
    const descriptor = `${name}@${range}`;
    return (
      byDescriptor.get(descriptor) ??
      // Relative protocols (file:, link:, portal:) are keyed bound to the requester's locator.
      byDescriptor.get(`${descriptor}::locator=${encodeURIComponent(owner)}`) ??
      // Lockfiles before version 8 write plain ranges without the default npm: protocol.
      (/^[a-z][a-z0-9+.-]*:/i.test(range) ? undefined : byDescriptor.get(`${name}@npm:${range}`))
    );
  };
  const nodes = packages.map((p): GraphNode => ({ edges: packageEdges(p, lookup, locator) }));
  linkPatches(packages, nodes, lookup);
  const roots = workspaces.flatMap((w) => workspaceRoots(w, lookup, options?.manifests?.get(w.path), locator));
  const flags = deriveFlags(nodes, roots);

  workspaceInfo.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const root = workspaceInfo.find((w) => w.path === '');
  const file: DependencyFile = {
    kind: KIND,
    workspaces: workspaceInfo,
    entries: packages.map((p, i) => Object.assign(p.entry, flags[i])),
    problems,
    fatal: false,
  };
  if (formatVersion !== undefined) file.formatVersion = formatVersion;
  if (root?.name !== undefined) file.name = root.name;
  if (root?.version !== undefined) file.version = root.version;
  return file;
}

function specOf(descriptors: Descriptor[]): string {
  if (descriptors.length === 1) return displayRange(descriptors[0]!.range);
  return [...new Set(descriptors.map((d) => displayRange(d.range)))].join(', ');
}

/** Places problems: on an entry's key, or on a nested key of its block when one is named. */
class Locator {
  private schemaCount = 0;
  private readonly visited = new Set<object>();

  constructor(
    private readonly text: string,
    private readonly index: LineIndex,
    private readonly keys: TopLevelKey[],
    private readonly keyIndex: Map<string, number>,
    private readonly problems: ParseProblem[],
  ) {}

  /**
   * False when this mapping was already read elsewhere. js-yaml shares one object between an
   * anchor and its aliases; yarn never writes either, and a hostile file could point thousands of
   * entries at one huge mapping to multiply the work.
   */
  firstVisit(value: object): boolean {
    if (this.visited.has(value)) return false;
    this.visited.add(value);
    return true;
  }

  keyRange(key: string): SourceRange {
    const i = this.keyIndex.get(key);
    return (i === undefined ? undefined : this.keys[i]?.range) ?? ZERO_RANGE;
  }

  range(key: string, path: string[]): SourceRange {
    const i = this.keyIndex.get(key);
    const header = i === undefined ? undefined : this.keys[i];
    if (!header || path.length === 0) return header?.range ?? ZERO_RANGE;
    const toLine = this.keys[i! + 1]?.line ?? this.index.lineCount;
    return nestedKeyRange(this.text, this.index, header.line, toLine, path, header.range);
  }

  /** Caps E_SCHEMA problems (and the cost of locating them) for hostile files. */
  schema(key: string, path: string[], message: string, severity: ParseProblem['severity'] = 'error'): void {
    this.schemaCount += 1;
    if (this.schemaCount <= MAX_SCHEMA_PROBLEMS) this.problems.push(problem('E_SCHEMA', message, this.range(key, path), severity));
    else if (this.schemaCount === MAX_SCHEMA_PROBLEMS + 1) this.problems.push(problem('E_SCHEMA', 'More malformed entries follow; only the first ones are listed.', ZERO_RANGE, severity));
  }
}

function syntaxProblem(error: unknown, index: LineIndex): ParseProblem {
  const message = describe(error).split('\n')[0] ?? '';
  // js-yaml marks are zero-based; the PEG grammar (used for files that claim to be v1) is one-based.
  const mark = (error as { mark?: { line?: unknown; column?: unknown } })?.mark;
  const location = (error as { location?: { start?: { line?: unknown; column?: unknown } } })?.location?.start;
  let line: number | undefined;
  let column = 0;
  if (mark && typeof mark.line === 'number') {
    line = mark.line;
    column = typeof mark.column === 'number' ? mark.column : 0;
  } else if (location && typeof location.line === 'number') {
    line = location.line - 1;
    column = typeof location.column === 'number' ? location.column - 1 : 0;
  }
  if (line === undefined) return problem('E_PARSE', `Could not read yarn.lock: ${message}`, ZERO_RANGE);
  line = Math.max(0, Math.min(line, index.lineCount - 1));
  column = Math.max(0, column);
  return problem('E_PARSE', `yarn.lock syntax error at line ${line + 1}: ${message}`, { start: { line, column }, end: { line, column: column + 1 } });
}

function metadataVersion(document: Record<string, unknown>, locator: Locator): string | undefined {
  const metadata = document.__metadata;
  if (!isRecord(metadata)) {
    locator.schema('__metadata', [], 'yarn.lock has no readable __metadata block; the lockfile version is unknown.', 'warning');
    return undefined;
  }
  const version = metadata.version;
  if (typeof version === 'string' || typeof version === 'number') return String(version);
  locator.schema('__metadata', ['version'], '__metadata.version should be a number.', 'warning');
  return undefined;
}

/** `workspace:packages/app` -> `packages/app`; the root is `workspace:.` -> ''. */
function workspacePath(reference: string): string {
  const path = reference.slice('workspace:'.length).replace(/\/+$/, '');
  if (path === '.' || path === '') return '';
  return path.startsWith('./') ? path.slice(2) : path;
}

/** Finds what `name: range`, requested by the entry resolved as `owner`, was locked to. */
type Lookup = (name: string, range: string, owner: string) => Target | undefined;

/** FAILSAFE YAML makes every scalar a string, so `optional: true` arrives as 'true'. */
function isOptionalMeta(meta: unknown, name: string): boolean {
  if (!isRecord(meta)) return false;
  const entry = meta[name];
  return isRecord(entry) && (entry.optional === 'true' || entry.optional === true);
}

/** A name -> range map, or undefined (with a warning) when the field has another shape. */
function rangeMap(owner: { key: string; raw: Record<string, unknown> }, field: string, locator: Locator): [string, string][] {
  const value = owner.raw[field];
  // An empty `dependencies:` line reads as null: nothing declared, not an error.
  if (value === undefined || value === null) return [];
  if (!isRecord(value)) {
    locator.schema(owner.key, [field], `Field "${field}" should be a mapping of name: range; it was ignored.`, 'warning');
    return [];
  }
  if (!locator.firstVisit(value)) {
    locator.schema(owner.key, [field], `Field "${field}" repeats another entry's mapping (a YAML alias, which yarn never writes); it was ignored.`, 'warning');
    return [];
  }
  const pairs: [string, string][] = [];
  for (const name of Object.keys(value)) {
    const range = value[name];
    if (typeof range === 'string') pairs.push([name, range]);
    else locator.schema(owner.key, [field, name], `Dependency "${name}" should have a range string; it was ignored.`, 'warning');
  }
  return pairs;
}

function packageEdges(pkg: Package, lookup: Lookup, locator: Locator): GraphNode['edges'] {
  const edges: GraphNode['edges'] = [];
  const owner = pkg.entry.resolved ?? '';
  const add = (name: string, range: string, type: EdgeType) => {
    const target = lookup(name, range, owner);
    if (target && 'node' in target) edges.push({ target: target.node, type });
  };
  for (const [name, range] of rangeMap(pkg, 'dependencies', locator)) add(name, range, isOptionalMeta(pkg.raw.dependenciesMeta, name) ? 'optional' : 'prod');
  // Peers resolve to whatever the parent provides; when a matching entry exists, link it as a peer.
  for (const [name, range] of rangeMap(pkg, 'peerDependencies', locator)) add(name, range, 'peer');
  return edges;
}

/**
 * A `patch:` entry is the same package as its source entry with a diff applied: built-in patches
 * (resolve, typescript, fsevents) are requested by nobody, since yarn swaps them in silently. Tie
 * each patch to its source both ways so it inherits the source's flags, and vice versa.
 */
function linkPatches(packages: Package[], nodes: GraphNode[], lookup: Lookup): void {
  if (!packages.some((pkg) => pkg.entry.specKind === 'patch')) return;
  const byResolution = new Map<string, number>();
  packages.forEach((pkg, i) => byResolution.set(pkg.entry.resolved ?? '', i));
  packages.forEach((pkg, i) => {
    if (pkg.entry.specKind !== 'patch') return;
    // The key's descriptors patch a descriptor (`resolve@npm:^1.20.0`, or `fsevents@~2.3.2` before
    // lockfile v8), the resolution patches a locator (`resolve@npm:1.22.8`).
    const sources = [...pkg.descriptors.map((d) => d.range), pkg.reference].flatMap((range) => patchSource(range) ?? []);
    for (const source of sources) {
      const parts = splitDescriptor(source);
      const found = parts ? lookup(parts.name, parts.range, pkg.entry.resolved ?? '') : undefined;
      const base = found && 'node' in found ? found.node : byResolution.get(source);
      if (base === undefined || base === i) continue;
      nodes[i]!.edges.push({ target: base, type: 'prod' });
      nodes[base]!.edges.push({ target: i, type: 'prod' });
    }
  });
}

function workspaceRoots(ws: Workspace, lookup: Lookup, manifest: ManifestDeclarations | undefined, locator: Locator): GraphRoot[] {
  const roots: GraphRoot[] = [];
  const add = (name: string, range: string, type: EdgeType) => {
    const target = lookup(name, range, ws.resolution);
    // Requests between workspaces are not entries; their own requests are roots already.
    if (target && 'node' in target) roots.push({ target: target.node, type, workspace: ws.path });
  };
  for (const [name, range] of rangeMap(ws, 'dependencies', locator)) add(name, range, rootType(name, ws.raw.dependenciesMeta, manifest));
  for (const [name, range] of rangeMap(ws, 'peerDependencies', locator)) add(name, range, 'peer');
  return roots;
}

/**
 * Berry lists a workspace's dependencies and devDependencies together. The manifest, when given,
 * says which group a request came from; without one every request counts as production (dev
 * cannot be recovered from the lockfile alone), except those `dependenciesMeta` marks optional.
 */
function rootType(name: string, meta: unknown, manifest: ManifestDeclarations | undefined): EdgeType {
  if (isOptionalMeta(meta, name)) return 'optional';
  if (!manifest) return 'prod';
  const has = (group: Record<string, string> | undefined) => isRecord(group) && Object.prototype.hasOwnProperty.call(group, name);
  if (has(manifest.dependencies)) return 'prod';
  if (has(manifest.optionalDependencies)) return 'optional';
  if (has(manifest.devDependencies)) return 'dev';
  if (has(manifest.peerDependencies)) return 'peer';
  return 'prod';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
