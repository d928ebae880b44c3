import { isMap, parseAllDocuments, type Document, type Node } from 'yaml';
import { deriveFlags, type EdgeType, type GraphNode, type GraphRoot } from './flags';
import type { DependencyEntry, DependencyFile, ParseOptions, ParseProblem, SourceRange, SpecKind, WorkspaceInfo } from './model';
import { parsePackageKey, refToKey, removePeerSuffix, styleOf, type PnpmKey, type PnpmStyle } from './pnpmPaths';
import { LineIndex, ZERO_RANGE, fatalFile, precheck, problem } from './text';
import { isNullish, mapGet, mapMembers, scalarBoolean, scalarText, yamlRange, type YamlContext } from './yamlNodes';

/**
 * pnpm-lock.yaml, lockfile versions 5.x, 6.x and 9.x.
 *
 * One entry per `packages` key. In 5.x/6.x a key includes the peer suffix, so each peer variant is
 * its own entry (each has its own `dev` flag); in 9.x `packages` is keyed by name@version and the
 * peer variants live in `snapshots`, whose flags are merged into the one entry.
 *
 * pnpm 11+ may write two YAML documents: an "env" document with config / package-manager
 * dependencies, then the project's lockfile. Both hold real packages pnpm fetches, so both are read;
 * the env document's packages count as dev (tooling the project does not ship).
 */
export function parsePnpmLock(text: string, options?: ParseOptions): DependencyFile {
  const early = precheck('pnpm', text, options);
  if (early) return early;
  try {
    return new PnpmLockReader(text).read();
  } catch (error) {
    return fatalFile('pnpm', [problem('E_PARSE', `pnpm-lock.yaml could not be read: ${error instanceof Error ? error.message : String(error)}`, ZERO_RANGE)]);
  }
}

const MAX_PROBLEMS = 200;

/** Importer groups and the edge type they give; the env document's groups are tooling, hence dev. */
const IMPORTER_GROUPS: [string, EdgeType][] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['configDependencies', 'dev'],
  ['packageManagerDependencies', 'dev'],
];

interface PackageRecord {
  key: string;
  range: SourceRange;
  parsed: PnpmKey;
  /** The `name` / `version` fields pnpm writes for packages whose key does not say them. */
  nameField?: string;
  versionField?: string;
  specKind: SpecKind;
  resolved?: string;
  integrity?: string;
  peerNames?: Set<string>;
  /** Graph nodes that are instances of this package (one per snapshot in 9.x). */
  nodes: number[];
  /** Names other packages or importers use for it; differs from the name for `npm:` aliases. */
  referencedAs?: string[];
  spec?: string;
}

interface NodeInfo {
  record: number;
  /** Flags the file states for this instance (5.x/6.x packages, 9.x snapshots' `optional`). */
  dev?: boolean;
  optional?: boolean;
}

interface DocumentState {
  ctx: YamlContext;
  root: Node;
  style: PnpmStyle;
  packages: Map<string, number>;
  snapshots: Map<string, number>;
  /** Package instances whose dependency maps become graph edges: 5.x/6.x packages, 9.x snapshots. */
  instances: { key: string; node: number; value: Node | undefined }[];
  isEnv: boolean;
}

class PnpmLockReader {
  private readonly index: LineIndex;
  private readonly problems: ParseProblem[] = [];
  private readonly records: PackageRecord[] = [];
  private readonly graph: GraphNode[] = [];
  private readonly nodeInfo: NodeInfo[] = [];
  private readonly roots: GraphRoot[] = [];

  constructor(private readonly text: string) {
    this.index = new LineIndex(text);
  }

  read(): DependencyFile {
    // We walk nodes and never call toJS(), so aliases are never expanded (a lookup follows one hop):
    // a billion-laughs file costs what its text costs. uniqueKeys is off so a duplicated key is a
    // warning we report, not a reason to drop the whole file.
    const docs = parseAllDocuments(this.text, { uniqueKeys: false, prettyErrors: false });
    const list: Document.Parsed[] = Array.isArray(docs) ? docs : [];
    for (const doc of list) {
      const error = doc.errors[0];
      if (error) {
        const at = this.index.position(error.pos[0]);
        return fatalFile('pnpm', [problem('E_PARSE', `YAML syntax error at line ${at.line + 1}, column ${at.column + 1}: ${error.message.split('\n')[0]}`, this.index.range(error.pos[0], Math.max(1, error.pos[1] - error.pos[0])))]);
      }
    }
    const states: DocumentState[] = [];
    for (const doc of list) {
      const ctx: YamlContext = { doc, index: this.index };
      const root = doc.contents ?? undefined;
      if (isNullish(root)) continue;
      if (!isMap(root)) {
        return fatalFile('pnpm', [problem('E_PARSE', 'pnpm-lock.yaml must be a mapping of lockfileVersion, importers and packages.', yamlRange(ctx, root))]);
      }
      states.push(this.readHeader(ctx, root));
    }
    const main = states[states.length - 1];
    if (!main) return fatalFile('pnpm', [problem('E_PARSE', 'pnpm-lock.yaml is empty.', ZERO_RANGE)]);
    main.isEnv = false;

    for (const state of states) this.readPackages(state);
    for (const state of states) {
      this.readEdges(state);
      this.readImporters(state);
    }
    return {
      kind: 'pnpm',
      formatVersion: scalarText(mapGet(main.ctx, main.root, 'lockfileVersion')),
      workspaces: this.workspaces(main),
      entries: this.entries(),
      problems: this.problems,
      fatal: false,
    };
  }

  private readHeader(ctx: YamlContext, root: Node): DocumentState {
    const seen = new Set<string>();
    for (const member of mapMembers(ctx, root) ?? []) {
      if (seen.has(member.key)) this.warn('E_DUPLICATE_KEY', `"${member.key}" appears more than once; the last one is used.`, yamlRange(ctx, member.keyNode));
      seen.add(member.key);
    }
    const versionNode = mapGet(ctx, root, 'lockfileVersion');
    let version = scalarText(versionNode);
    if (version === undefined || Number.isNaN(Number.parseInt(version, 10))) {
      this.warn('E_SCHEMA', 'lockfileVersion is missing or not a number; guessing the format from the package keys.', versionNode ? yamlRange(ctx, versionNode) : this.index.lineRange(this.index.position(root.range?.[0] ?? 0).line));
      version = guessVersion(ctx, root);
    } else if (Number.parseInt(version, 10) > 9) {
      this.warn('E_UNSUPPORTED', `lockfileVersion ${version} is newer than this reader knows (9.x); reading it as 9.x.`, yamlRange(ctx, versionNode));
    }
    const importers = mapGet(ctx, root, 'importers');
    // pnpm 11+'s env document has only config / package-manager dependencies in its importer.
    const isEnv = !!importers && mapMembers(ctx, importers)?.every((m) => mapGet(ctx, m.value, 'configDependencies') !== undefined || mapGet(ctx, m.value, 'packageManagerDependencies') !== undefined) === true;
    return { ctx, root, style: styleOf(version), packages: new Map(), snapshots: new Map(), instances: [], isEnv };
  }

  private readPackages(state: DocumentState): void {
    const { ctx, style } = state;
    const packagesNode = mapGet(ctx, state.root, 'packages');
    if (isNullish(packagesNode)) return;
    const packages = mapMembers(ctx, packagesNode);
    if (!packages) {
      this.error('E_SCHEMA', '"packages" must be a mapping of package keys.', yamlRange(ctx, packagesNode));
      return;
    }
    for (const { key, keyNode, value } of packages) {
      const keyRange = yamlRange(ctx, keyNode);
      const parsed = parsePackageKey(key, style);
      if (!parsed) {
        this.error('E_SCHEMA', `"${key}" is not a package key (expected name@version).`, keyRange);
        continue;
      }
      if (!isNullish(value) && !isMap(value)) {
        this.error('E_SCHEMA', `The entry for "${key}" must be a mapping.`, keyRange);
        continue;
      }
      if (state.packages.has(key)) this.warn('E_DUPLICATE_KEY', `"${key}" appears more than once in packages; the last one is used.`, keyRange);
      const record = this.readPackage(ctx, key, keyRange, parsed, value);
      const recordIndex = this.records.push(record) - 1;
      state.packages.set(key, recordIndex);
      if (style !== 'v9') {
        const node = this.addNode(recordIndex, { dev: this.flag(ctx, value, 'dev'), optional: this.flag(ctx, value, 'optional') });
        state.instances.push({ key, node, value });
      }
    }
    if (style === 'v9') this.readSnapshots(state);
  }

  private readPackage(ctx: YamlContext, key: string, range: SourceRange, parsed: PnpmKey, value: Node | undefined): PackageRecord {
    const record: PackageRecord = { key, range, parsed, specKind: 'invalid', nodes: [] };
    record.nameField = this.stringField(ctx, value, 'name');
    record.versionField = this.stringField(ctx, value, 'version');
    const peers = mapGet(ctx, value, 'peerDependencies');
    const peerMembers = mapMembers(ctx, peers);
    if (peerMembers && peerMembers.length > 0) record.peerNames = new Set(peerMembers.map((m) => m.key));

    const resolutionNode = mapGet(ctx, value, 'resolution');
    const resolution: Record<string, string> = {};
    const members = mapMembers(ctx, resolutionNode);
    if (members) {
      for (const m of members) {
        const text = scalarText(m.value);
        if (text !== undefined) resolution[m.key] = text;
        else if (m.key === 'integrity' || m.key === 'tarball') this.warn('E_SCHEMA', `resolution.${m.key} of "${key}" must be a string.`, yamlRange(ctx, m.value ?? m.keyNode));
      }
    } else if (!isNullish(resolutionNode)) {
      this.warn('E_SCHEMA', `"resolution" of "${key}" must be a mapping.`, yamlRange(ctx, resolutionNode));
    }
    record.integrity = resolution.integrity;
    const { specKind, resolved } = classify(parsed, resolution);
    record.specKind = specKind;
    record.resolved = resolved;
    return record;
  }

  private readSnapshots(state: DocumentState): void {
    const { ctx } = state;
    const snapshotsNode = mapGet(ctx, state.root, 'snapshots');
    const snapshots = mapMembers(ctx, snapshotsNode);
    if (!snapshots && !isNullish(snapshotsNode)) this.error('E_SCHEMA', '"snapshots" must be a mapping of package keys.', yamlRange(ctx, snapshotsNode));
    for (const { key, keyNode, value } of snapshots ?? []) {
      const recordIndex = state.packages.get(removePeerSuffix(key));
      if (recordIndex === undefined) {
        this.warn('E_SCHEMA', `Snapshot "${key}" has no matching entry in packages.`, yamlRange(ctx, keyNode));
        continue;
      }
      if (!isNullish(value) && !isMap(value)) {
        this.warn('E_SCHEMA', `The snapshot "${key}" must be a mapping.`, yamlRange(ctx, keyNode));
      }
      if (state.snapshots.has(key)) this.warn('E_DUPLICATE_KEY', `"${key}" appears more than once in snapshots; the last one is used.`, yamlRange(ctx, keyNode));
      const node = this.addNode(recordIndex, { optional: this.flag(ctx, value, 'optional') });
      state.snapshots.set(key, node);
      state.instances.push({ key, node, value });
    }
    // A package no snapshot mentions still needs a node so references to it resolve.
    for (const recordIndex of state.packages.values()) {
      if (this.records[recordIndex]!.nodes.length === 0) this.addNode(recordIndex, {});
    }
  }

  private addNode(record: number, info: Omit<NodeInfo, 'record'>): number {
    const id = this.graph.push({ edges: [] }) - 1;
    this.nodeInfo.push({ record, ...info });
    this.records[record]!.nodes.push(id);
    return id;
  }

  /** Edges from each package instance: 5.x/6.x `packages` entries, 9.x `snapshots`. */
  private readEdges(state: DocumentState): void {
    const { ctx } = state;
    for (const { key, node, value } of state.instances) {
      if (!isMap(value)) continue;
      const record = this.records[this.nodeInfo[node]!.record]!;
      for (const [group, type] of [['dependencies', 'prod'], ['optionalDependencies', 'optional']] as const) {
        const depsNode = mapGet(ctx, value, group);
        const deps = mapMembers(ctx, depsNode);
        if (!deps) {
          if (!isNullish(depsNode)) this.warn('E_SCHEMA', `${group} of "${key}" must be a mapping.`, yamlRange(ctx, depsNode));
          continue;
        }
        for (const dep of deps) {
          const ref = scalarText(dep.value);
          if (ref === undefined) {
            this.warn('E_SCHEMA', `The reference for "${dep.key}" in "${key}" must be a string.`, yamlRange(ctx, dep.value ?? dep.keyNode));
            continue;
          }
          const target = this.lookup(state, ref, dep.key, dep.keyNode);
          if (target === undefined) continue;
          const edgeType: EdgeType = type === 'prod' && record.peerNames?.has(dep.key) ? 'peer' : type;
          this.graph[node]!.edges.push({ target, type: edgeType });
        }
      }
    }
  }

  private readImporters(state: DocumentState): void {
    const { ctx, style } = state;
    const importersNode = mapGet(ctx, state.root, 'importers');
    let importers: { path: string; node: Node | undefined; keyNode: Node }[];
    if (isNullish(importersNode)) {
      // A 5.x/6.x single-project lockfile keeps the root's groups at the top level.
      importers = [{ path: '', node: state.root, keyNode: state.root }];
    } else {
      const members = mapMembers(ctx, importersNode);
      if (!members) {
        this.error('E_SCHEMA', '"importers" must be a mapping of project folders.', yamlRange(ctx, importersNode));
        return;
      }
      importers = members.map((m) => ({ path: workspacePath(m.key), node: m.value, keyNode: m.keyNode }));
    }
    for (const importer of importers) {
      if (!isNullish(importer.node) && !isMap(importer.node)) {
        this.warn('E_SCHEMA', `The importer "${importer.path || '.'}" must be a mapping.`, yamlRange(ctx, importer.keyNode));
        continue;
      }
      const specifiers = style === 'v5' ? mapGet(ctx, importer.node, 'specifiers') : undefined;
      for (const [group, type] of IMPORTER_GROUPS) {
        const depsNode = mapGet(ctx, importer.node, group);
        const deps = mapMembers(ctx, depsNode);
        if (!deps) {
          if (!isNullish(depsNode)) this.warn('E_SCHEMA', `${group} of importer "${importer.path || '.'}" must be a mapping.`, yamlRange(ctx, depsNode));
          continue;
        }
        for (const dep of deps) {
          // 6.x/9.x: {specifier, version}; 5.x: a bare reference, with the specifier kept apart.
          const ref = isMap(dep.value) ? scalarText(mapGet(ctx, dep.value, 'version')) : scalarText(dep.value);
          const spec = isMap(dep.value) ? scalarText(mapGet(ctx, dep.value, 'specifier')) : scalarText(mapGet(ctx, specifiers, dep.key));
          if (ref === undefined) {
            this.warn('E_SCHEMA', `The version of "${dep.key}" in importer "${importer.path || '.'}" must be a string.`, yamlRange(ctx, dep.value ?? dep.keyNode));
            continue;
          }
          const target = this.lookup(state, ref, dep.key, dep.keyNode);
          if (target === undefined) continue;
          this.roots.push({ target, type: state.isEnv ? 'dev' : type, workspace: importer.path });
          const record = this.records[this.nodeInfo[target]!.record]!;
          if (record.spec === undefined && spec !== undefined) record.spec = spec;
        }
      }
    }
  }

  /** The graph node a reference points at; undefined for `link:` references and dangling ones. */
  private lookup(state: DocumentState, ref: string, depName: string, at: Node): number | undefined {
    const key = refToKey(ref, depName, state.style);
    if (key === null) return undefined;
    let node: number | undefined;
    if (state.style === 'v9') {
      node = state.snapshots.get(key);
      if (node === undefined) {
        const record = state.packages.get(removePeerSuffix(key));
        if (record !== undefined) node = this.records[record]!.nodes[0];
      }
    } else {
      const record = state.packages.get(key);
      if (record !== undefined) node = this.records[record]!.nodes[0];
    }
    if (node === undefined) {
      this.warn('E_SCHEMA', `"${depName}" points at "${key}", which is not in the lockfile.`, yamlRange(state.ctx, at));
      return undefined;
    }
    const record = this.records[this.nodeInfo[node]!.record]!;
    (record.referencedAs ??= []).push(depName);
    return node;
  }

  private entries(): DependencyEntry[] {
    const derived = deriveFlags(this.graph, this.roots);
    const entries: DependencyEntry[] = [];
    for (const record of this.records) {
      const referencedAs = record.referencedAs ?? [];
      const name = record.parsed.name ?? record.nameField ?? referencedAs[0];
      const range = record.range;
      if (name === undefined) {
        this.warn('E_SCHEMA', `Cannot tell which package "${record.key}" is: it has no name field and nothing depends on it.`, range);
        continue;
      }
      let dev = true, optional = true, peer = true, direct = false;
      const workspaces: string[] = [];
      for (const node of record.nodes) {
        const flags = derived[node]!;
        const info = this.nodeInfo[node]!;
        dev &&= info.dev ?? flags.dev;
        optional &&= info.optional ?? flags.optional;
        peer &&= flags.peer;
        direct ||= flags.direct;
        for (const w of flags.workspaces) if (!workspaces.includes(w)) workspaces.push(w);
      }
      if (record.nodes.length === 0) dev = optional = peer = false;
      const alias = referencedAs.length > 0 && !referencedAs.includes(name) ? referencedAs[0] : undefined;
      const specKind: SpecKind = record.parsed.registry && alias !== undefined ? 'alias' : record.specKind;
      const entry: DependencyEntry = {
        name,
        specKind,
        version: record.parsed.version ?? record.versionField,
        dev,
        optional,
        peer,
        direct,
        workspaces,
        range,
      };
      if (alias !== undefined) entry.alias = alias;
      if (record.spec !== undefined) entry.spec = record.spec;
      if (record.resolved !== undefined) entry.resolved = record.resolved;
      if (record.integrity !== undefined) entry.integrity = record.integrity;
      entries.push(entry);
    }
    return entries;
  }

  private workspaces(main: DocumentState): WorkspaceInfo[] {
    const importers = mapMembers(main.ctx, mapGet(main.ctx, main.root, 'importers'));
    if (!importers) return [{ path: '' }];
    return importers.map((m) => ({ path: workspacePath(m.key) }));
  }

  private flag(ctx: YamlContext, node: Node | undefined, key: string): boolean | undefined {
    const value = mapGet(ctx, node, key);
    if (isNullish(value)) return undefined;
    const flag = scalarBoolean(value);
    if (flag === undefined) this.warn('E_SCHEMA', `"${key}" must be true or false.`, yamlRange(ctx, value));
    return flag;
  }

  private stringField(ctx: YamlContext, node: Node | undefined, key: string): string | undefined {
    const value = mapGet(ctx, node, key);
    if (isNullish(value)) return undefined;
    const text = scalarText(value);
    if (text === undefined) this.warn('E_SCHEMA', `"${key}" must be a string.`, yamlRange(ctx, value));
    return text;
  }

  private error(code: ParseProblem['code'], message: string, range: SourceRange): void {
    this.add(problem(code, message, range, 'error'));
  }

  private warn(code: ParseProblem['code'], message: string, range: SourceRange): void {
    this.add(problem(code, message, range, 'warning'));
  }

  private add(p: ParseProblem): void {
    // A mangled 5,000-package file must not turn into 5,000 problems.
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(p);
    else if (this.problems.length === MAX_PROBLEMS) this.problems.push(problem(p.code, 'Too many problems; the rest are not listed.', p.range, 'warning'));
  }
}

function workspacePath(importerKey: string): string {
  return importerKey === '.' ? '' : importerKey.replace(/^\.\//, '');
}

/** Without a lockfileVersion: 9.x has `snapshots`, 6.x keys read `/name@version`, 5.x `/name/version`. */
function guessVersion(ctx: YamlContext, root: Node): string {
  if (mapGet(ctx, root, 'snapshots') !== undefined) return '9.0';
  for (const { key } of mapMembers(ctx, mapGet(ctx, root, 'packages')) ?? []) {
    if (!key.startsWith('/')) continue;
    return parsePackageKey(key, 'v6')?.registry ? '6.0' : '5.4';
  }
  return '9.0';
}

const GIT_HOST_TARBALL = /^https:\/\/(?:codeload\.github\.com\/|gitlab\.com\/.+\/repository\/archive|bitbucket\.org\/.+\/get\/)/;

/** What kind of source a package comes from, and the location the file records for it. */
function classify(parsed: PnpmKey, resolution: Record<string, string>): { specKind: SpecKind; resolved?: string } {
  const tarball = resolution.tarball;
  if (parsed.registry) return { specKind: 'version', resolved: tarball };
  if (resolution.type === 'directory') return { specKind: 'directory', resolved: parsed.source?.startsWith('file:') ? parsed.source : resolution.directory };
  if (resolution.type === 'git' || (resolution.repo !== undefined && resolution.commit !== undefined)) {
    return { specKind: 'git', resolved: resolution.repo !== undefined ? `${resolution.repo}#${resolution.commit ?? ''}` : parsed.source };
  }
  if (tarball !== undefined) {
    if (tarball.startsWith('file:')) return { specKind: 'file', resolved: tarball };
    return { specKind: GIT_HOST_TARBALL.test(tarball) ? 'git' : 'remote', resolved: tarball };
  }
  const source = parsed.source ?? '';
  if (source.startsWith('file:')) return { specKind: /\.(?:tgz|tar\.gz|tar)$/.test(source) ? 'file' : 'directory', resolved: source };
  if (source.startsWith('link:')) return { specKind: 'link', resolved: source };
  if (/^(?:git\+|git:|github:|gitlab:|bitbucket:)/.test(source)) return { specKind: 'git', resolved: source };
  if (/^https?:/.test(source)) return { specKind: GIT_HOST_TARBALL.test(source) ? 'git' : 'remote', resolved: source };
  return { specKind: 'invalid', resolved: source || undefined };
}
