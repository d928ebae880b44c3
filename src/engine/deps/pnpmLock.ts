import * as jsYaml from 'js-yaml';
import { FAILSAFE_SCHEMA, YAMLException, loadAll, type LoadOptions, type Type } from 'js-yaml';
import { deriveFlags, type EdgeType, type GraphNode, type GraphRoot } from './flags';
import type { DependencyEntry, DependencyFile, ParseOptions, ParseProblem, SourceRange, SpecKind, WorkspaceInfo } from './model';
import { YamlLines, type KeySpan } from './pnpmKeys';
import { parsePackageKey, refToKey, removePeerSuffix, styleOf, type PnpmKey, type PnpmStyle } from './pnpmPaths';
import { ZERO_RANGE, fatalFile, isRecord, precheck, problem } from './text';

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

// js-yaml exports its built-in types, though @types/js-yaml does not declare them.
const types = (jsYaml as unknown as { types: Record<'null' | 'bool' | 'int' | 'float', Type> }).types;

const MAX_PROBLEMS = 200;
/** Earlier occurrences of duplicated keys re-read from their own lines; later ones get the last value. */
const MAX_REREADS = 1000;

/**
 * Values are loaded with js-yaml. Scalars stay the text they were written with (no int / float /
 * timestamp resolution), so `5.10` stays "5.10" and a key like `1.0.0` is not at the mercy of
 * YAML's number rules; only null (`key:` with nothing after it) and booleans (`dev: true`) are
 * resolved. No `<<` merge keys, as in YAML 1.2. Explicit `!!int` / `!!float` tags are accepted.
 * `json: true` lets a duplicated key override instead of failing the whole file; duplicates are
 * found (and reported) by the line scan instead.
 */
const SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [types.null, types.bool], explicit: [types.int, types.float] });
const LOAD_OPTIONS: LoadOptions = { schema: SCHEMA, json: true };

/** Importer groups and the edge type they give; the env document's groups are tooling, hence dev. */
const IMPORTER_GROUPS: [string, EdgeType][] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['configDependencies', 'dev'],
  ['packageManagerDependencies', 'dev'],
];

type YamlMap = Record<string, unknown>;
type RangeSource = SourceRange | (() => SourceRange);

/** The edges of a node without dependencies (never pushed to: readEdges assigns a new array). */
const NO_EDGES: GraphNode['edges'] = Object.freeze([]) as unknown as GraphNode['edges'];
/** The nodes of a record before its first one (addNode replaces it rather than pushing to it). */
const NO_NODES: number[] = Object.freeze([]) as unknown as number[];

/** The groups of a package instance that become graph edges. */
const INSTANCE_GROUPS: [string, EdgeType][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
];

/**
 * Where a value sits in the text: a located key and a path below it. When a key could not be
 * located, the span is its nearest located ancestor (often the document) and the path goes on from there.
 */
interface Place {
  span: KeySpan | undefined;
  path: string[];
}

/**
 * One key of a section mapping (`packages`, `snapshots`, `importers`), in file order; a duplicated
 * key appears once per occurrence. Also stands for a 5.x/6.x single-project root (section '').
 */
interface Member {
  key: string;
  value: unknown;
  /** The key's span; undefined when the line scan did not find it. */
  span: KeySpan | undefined;
  section: string;
  /** The graph node of a package instance (5.x/6.x packages, 9.x snapshots); -1 otherwise. */
  node: number;
}

interface PackageRecord {
  key: string;
  range: SourceRange;
  parsed: PnpmKey;
  /** The `name` / `version` fields pnpm writes for packages whose key does not say them. */
  nameField: string | undefined;
  versionField: string | undefined;
  specKind: SpecKind;
  resolved: string | undefined;
  integrity: string | undefined;
  peerNames: Set<string> | undefined;
  /** Graph nodes that are instances of this package (one per snapshot in 9.x). */
  nodes: number[];
  /** The first name another package or an importer uses for it; differs from the name for `npm:` aliases. */
  firstReference: string | undefined;
  /** Further names it is referenced by, when they differ from the first. */
  otherReferences: string[] | undefined;
  spec: string | undefined;
}

interface NodeInfo {
  record: number;
  /** Flags the file states for this instance (5.x/6.x packages, 9.x snapshots' `optional`). */
  dev: boolean | undefined;
  optional: boolean | undefined;
}

interface DocumentState {
  root: YamlMap;
  /** The document's span in the text; undefined when the line scan could not match the documents up. */
  doc: KeySpan | undefined;
  /** Located top-level keys (the last of duplicates, as in the loaded value). */
  sections: Map<string, KeySpan>;
  /** The range given to entries of a section whose keys could not be located, per section. */
  fallbacks: Map<string, SourceRange>;
  style: PnpmStyle;
  packages: Map<string, number>;
  snapshots: Map<string, number>;
  /** Package instances whose dependency maps become graph edges: 5.x/6.x packages, 9.x snapshots. */
  instances: Member[];
  isEnv: boolean;
}

class PnpmLockReader {
  private readonly lines: YamlLines;
  private readonly problems: ParseProblem[] = [];
  private readonly records: PackageRecord[] = [];
  private readonly graph: GraphNode[] = [];
  private readonly nodeInfo: NodeInfo[] = [];
  private readonly roots: GraphRoot[] = [];
  private rereads = 0;
  /** Reused while collecting one instance's edges, which are then copied at their exact size. */
  private readonly edgeScratch: GraphNode['edges'] = [];
  /** Mappings already walked; only tracked when the text has an anchor (`&`), without which there are no aliases. */
  private readonly visited: Set<object> | undefined;

  constructor(private readonly text: string) {
    this.lines = new YamlLines(text);
    this.visited = text.includes('&') ? new Set() : undefined;
  }

  read(): DependencyFile {
    // js-yaml never copies an aliased value: an alias is the same object as its anchor, so a
    // billion-laughs file costs what its text costs, and firstVisit() keeps our own walk linear.
    let values: unknown[];
    try {
      values = loadAll(this.text, null, LOAD_OPTIONS);
    } catch (error) {
      if (error instanceof YAMLException) return fatalFile('pnpm', [this.syntaxProblem(error)]);
      throw error;
    }
    const spans = this.lines.match(values);
    const states: DocumentState[] = [];
    for (let i = 0; i < values.length; i++) {
      const root = values[i];
      const doc = spans[i];
      if (root === null || root === undefined) continue;
      if (!isRecord(root)) {
        return fatalFile('pnpm', [problem('E_PARSE', 'pnpm-lock.yaml must be a mapping of lockfileVersion, importers and packages.', doc ? this.lines.keyRange(doc) : ZERO_RANGE)]);
      }
      states.push(this.readHeader(root, doc));
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
      formatVersion: scalarText(get(main.root, 'lockfileVersion')),
      workspaces: this.workspaces(main),
      entries: this.entries(),
      problems: this.problems,
      fatal: false,
    };
  }

  private syntaxProblem(error: YAMLException): ParseProblem {
    const mark = (error as { mark?: { line?: unknown; column?: unknown } }).mark;
    let line = typeof mark?.line === 'number' ? mark.line : 0;
    let column = typeof mark?.column === 'number' ? mark.column : 0;
    const index = this.lines.index;
    const last = index.lineCount - 1;
    // js-yaml reads a final line break into a text that lacks one, so its end-of-input mark may be one line past the text.
    if (line > last) {
      line = last;
      column = Number.MAX_SAFE_INTEGER;
    }
    line = Math.max(0, line);
    const length = index.lineRange(line).end.column;
    column = Math.max(0, Math.min(column, length));
    const reason = typeof error.reason === 'string' && error.reason !== '' ? error.reason : (error.message.split('\n')[0] ?? '');
    return problem('E_PARSE', `YAML syntax error at line ${line + 1}, column ${column + 1}: ${reason}`, { start: { line, column }, end: { line, column: Math.min(column + 1, length) } });
  }

  private readHeader(root: YamlMap, doc: KeySpan | undefined): DocumentState {
    const sections = new Map<string, KeySpan>();
    for (const key of doc ? this.lines.children(doc) : []) {
      if (sections.has(key.key)) this.warn('E_DUPLICATE_KEY', `"${key.key}" appears more than once; the last one is used.`, this.lines.keyRange(key));
      sections.set(key.key, key);
    }
    const state: DocumentState = { root, doc, sections, fallbacks: new Map(), style: 'v9', packages: new Map(), snapshots: new Map(), instances: [], isEnv: false };
    let version = scalarText(get(root, 'lockfileVersion'));
    if (version === undefined || Number.isNaN(Number.parseInt(version, 10))) {
      this.at('warning', 'E_SCHEMA', 'lockfileVersion is missing or not a number; guessing the format from the package keys.', state, undefined, ['lockfileVersion'], 'value');
      version = guessVersion(root);
    } else if (Number.parseInt(version, 10) > 9) {
      this.at('warning', 'E_UNSUPPORTED', `lockfileVersion ${version} is newer than this reader knows (9.x); reading it as 9.x.`, state, undefined, ['lockfileVersion'], 'value');
    }
    state.style = styleOf(version);
    const importers = get(root, 'importers');
    // pnpm 11+'s env document has only config / package-manager dependencies in its importer.
    state.isEnv = isRecord(importers) && this.members(state, 'importers', importers).every((m) => isRecord(m.value) && (hasOwn(m.value, 'configDependencies') || hasOwn(m.value, 'packageManagerDependencies')));
    return state;
  }

  private readPackages(state: DocumentState): void {
    const { style } = state;
    const packages = get(state.root, 'packages');
    if (isNullish(packages)) return;
    if (!isRecord(packages)) {
      this.at('error', 'E_SCHEMA', '"packages" must be a mapping of package keys.', state, undefined, ['packages'], 'value');
      return;
    }
    for (const member of this.members(state, 'packages', packages)) {
      const { key, value } = member;
      const keyRange = this.memberRange(state, member);
      const parsed = parsePackageKey(key, style);
      if (!parsed) {
        this.error('E_SCHEMA', `"${key}" is not a package key (expected name@version).`, keyRange);
        continue;
      }
      if (!isNullish(value) && !isRecord(value)) {
        this.error('E_SCHEMA', `The entry for "${key}" must be a mapping.`, keyRange);
        continue;
      }
      if (state.packages.has(key)) this.warn('E_DUPLICATE_KEY', `"${key}" appears more than once in packages; the last one is used.`, keyRange);
      const record = this.readPackage(state, member, keyRange, parsed);
      const recordIndex = this.records.push(record) - 1;
      state.packages.set(key, recordIndex);
      if (style !== 'v9') {
        member.node = this.addNode(recordIndex, this.flag(state, member, 'dev'), this.flag(state, member, 'optional'));
        state.instances.push(member);
      }
    }
    if (style === 'v9') this.readSnapshots(state);
  }

  private readPackage(state: DocumentState, member: Member, range: SourceRange, parsed: PnpmKey): PackageRecord {
    const { key, value } = member;
    // Every field up front, so that all records share one shape.
    const record: PackageRecord = {
      key,
      range,
      parsed,
      nameField: this.stringField(state, member, 'name'),
      versionField: this.stringField(state, member, 'version'),
      specKind: 'invalid',
      resolved: undefined,
      integrity: undefined,
      peerNames: undefined,
      nodes: NO_NODES,
      firstReference: undefined,
      otherReferences: undefined,
      spec: undefined,
    };
    const peers = get(value, 'peerDependencies');
    if (isRecord(peers) && this.firstVisit(peers, state, member, ['peerDependencies'])) {
      const names = Object.keys(peers);
      if (names.length > 0) record.peerNames = new Set(names);
    }

    const resolution = get(value, 'resolution');
    let fields: Resolution = {};
    if (isRecord(resolution)) {
      fields = {
        integrity: this.resolutionField(state, member, resolution, 'integrity', true),
        tarball: this.resolutionField(state, member, resolution, 'tarball', true),
      };
      // A registry package is identified by its key; only other sources need the rest.
      if (!parsed.registry) {
        fields.type = this.resolutionField(state, member, resolution, 'type', false);
        fields.directory = this.resolutionField(state, member, resolution, 'directory', false);
        fields.repo = this.resolutionField(state, member, resolution, 'repo', false);
        fields.commit = this.resolutionField(state, member, resolution, 'commit', false);
      }
    } else if (!isNullish(resolution)) {
      this.at('warning', 'E_SCHEMA', `"resolution" of "${key}" must be a mapping.`, state, member, ['resolution'], 'value');
    }
    record.integrity = fields.integrity;
    if (parsed.registry) {
      record.specKind = 'version';
      record.resolved = fields.tarball;
    } else {
      const { specKind, resolved } = classify(parsed, fields);
      record.specKind = specKind;
      record.resolved = resolved;
    }
    return record;
  }

  /** A field of `resolution` as text; integrity and tarball must be text when present. */
  private resolutionField(state: DocumentState, member: Member, resolution: YamlMap, field: 'integrity' | 'tarball' | 'type' | 'directory' | 'repo' | 'commit', required: boolean): string | undefined {
    // None of these names is inherited from Object.prototype, so a plain read is an own read.
    const value = resolution[field];
    if (value === undefined) return undefined;
    const text = scalarText(value);
    if (text === undefined && required) this.at('warning', 'E_SCHEMA', `resolution.${field} of "${member.key}" must be a string.`, state, member, ['resolution', field], 'value');
    return text;
  }

  private readSnapshots(state: DocumentState): void {
    const snapshots = get(state.root, 'snapshots');
    if (!isRecord(snapshots)) {
      if (!isNullish(snapshots)) this.at('error', 'E_SCHEMA', '"snapshots" must be a mapping of package keys.', state, undefined, ['snapshots'], 'value');
    } else {
      for (const member of this.members(state, 'snapshots', snapshots)) {
        const { key, value } = member;
        const recordIndex = state.packages.get(removePeerSuffix(key));
        if (recordIndex === undefined) {
          this.atMember('warning', 'E_SCHEMA', `Snapshot "${key}" has no matching entry in packages.`, state, member);
          continue;
        }
        if (!isNullish(value) && !isRecord(value)) {
          this.atMember('warning', 'E_SCHEMA', `The snapshot "${key}" must be a mapping.`, state, member);
        }
        if (state.snapshots.has(key)) this.atMember('warning', 'E_DUPLICATE_KEY', `"${key}" appears more than once in snapshots; the last one is used.`, state, member);
        member.node = this.addNode(recordIndex, undefined, this.flag(state, member, 'optional'));
        state.snapshots.set(key, member.node);
        state.instances.push(member);
      }
    }
    // A package no snapshot mentions still needs a node so references to it resolve.
    state.packages.forEach((recordIndex) => {
      if (this.records[recordIndex]!.nodes.length === 0) this.addNode(recordIndex, undefined, undefined);
    });
  }

  private addNode(record: number, dev: boolean | undefined, optional: boolean | undefined): number {
    const id = this.graph.push({ edges: NO_EDGES }) - 1;
    this.nodeInfo.push({ record, dev, optional });
    const owner = this.records[record]!;
    // A literal sized to fit: push() onto an empty array reserves room for 17.
    if (owner.nodes === NO_NODES) owner.nodes = [id];
    else owner.nodes.push(id);
    return id;
  }

  /** Edges from each package instance: 5.x/6.x `packages` entries, 9.x `snapshots`. */
  private readEdges(state: DocumentState): void {
    for (let i = 0; i < state.instances.length; i++) {
      const instance = state.instances[i]!;
      const { key, node, value } = instance;
      if (!isRecord(value)) continue;
      const record = this.records[this.nodeInfo[node]!.record]!;
      const edges = this.edgeScratch;
      edges.length = 0;
      for (let g = 0; g < INSTANCE_GROUPS.length; g++) {
        const [group, type] = INSTANCE_GROUPS[g]!;
        const deps = get(value, group);
        if (!isRecord(deps)) {
          if (!isNullish(deps)) this.at('warning', 'E_SCHEMA', `${group} of "${key}" must be a mapping.`, state, instance, [group], 'value');
          continue;
        }
        if (!this.firstVisit(deps, state, instance, [group])) continue;
        for (const depName of Object.keys(deps)) {
          const ref = scalarText(deps[depName]);
          if (ref === undefined) {
            this.at('warning', 'E_SCHEMA', `The reference for "${depName}" in "${key}" must be a string.`, state, instance, [group, depName], 'value');
            continue;
          }
          const target = this.lookup(state, ref, depName, instance, group);
          if (target === undefined) continue;
          edges.push({ target, type: type === 'prod' && record.peerNames?.has(depName) ? 'peer' : type });
        }
      }
      if (edges.length > 0) this.graph[node]!.edges = edges.slice();
    }
  }

  private readImporters(state: DocumentState): void {
    const { style } = state;
    const importersValue = get(state.root, 'importers');
    let importers: Member[];
    if (isNullish(importersValue)) {
      // A 5.x/6.x single-project lockfile keeps the root's groups at the top level.
      importers = [{ key: '.', value: state.root, span: state.doc, section: '', node: -1 }];
    } else if (!isRecord(importersValue)) {
      this.at('error', 'E_SCHEMA', '"importers" must be a mapping of project folders.', state, undefined, ['importers'], 'value');
      return;
    } else {
      importers = this.members(state, 'importers', importersValue);
    }
    for (const importer of importers) {
      const path = workspacePath(importer.key);
      const value = importer.value;
      if (!isNullish(value) && !isRecord(value)) {
        this.at('warning', 'E_SCHEMA', `The importer "${path || '.'}" must be a mapping.`, state, importer, [], 'key');
        continue;
      }
      const specifiers = style === 'v5' ? get(value, 'specifiers') : undefined;
      for (let g = 0; g < IMPORTER_GROUPS.length; g++) {
        const [group, type] = IMPORTER_GROUPS[g]!;
        const deps = get(value, group);
        if (!isRecord(deps)) {
          if (!isNullish(deps)) this.at('warning', 'E_SCHEMA', `${group} of importer "${path || '.'}" must be a mapping.`, state, importer, [group], 'value');
          continue;
        }
        if (!this.firstVisit(deps, state, importer, [group])) continue;
        for (const depName of Object.keys(deps)) {
          const dep = deps[depName];
          // 6.x/9.x: {specifier, version}; 5.x: a bare reference, with the specifier kept apart.
          const ref = isRecord(dep) ? scalarText(get(dep, 'version')) : scalarText(dep);
          const spec = isRecord(dep) ? scalarText(get(dep, 'specifier')) : scalarText(get(specifiers, depName));
          if (ref === undefined) {
            this.at('warning', 'E_SCHEMA', `The version of "${depName}" in importer "${path || '.'}" must be a string.`, state, importer, [group, depName], 'value');
            continue;
          }
          const target = this.lookup(state, ref, depName, importer, group);
          if (target === undefined) continue;
          this.roots.push({ target, type: state.isEnv ? 'dev' : type, workspace: path });
          const record = this.records[this.nodeInfo[target]!.record]!;
          if (record.spec === undefined && spec !== undefined) record.spec = spec;
        }
      }
    }
  }

  /** The graph node a reference points at; undefined for `link:` references and dangling ones. */
  private lookup(state: DocumentState, ref: string, depName: string, from: Member, group: string): number | undefined {
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
      this.at('warning', 'E_SCHEMA', `"${depName}" points at "${key}", which is not in the lockfile.`, state, from, [group, depName], 'key');
      return undefined;
    }
    const record = this.records[this.nodeInfo[node]!.record]!;
    if (record.firstReference === undefined) record.firstReference = depName;
    else if (depName !== record.firstReference) (record.otherReferences ??= []).push(depName);
    return node;
  }

  private entries(): DependencyEntry[] {
    const derived = deriveFlags(this.graph, this.roots);
    const entries: DependencyEntry[] = [];
    for (const record of this.records) {
      const firstReference = record.firstReference;
      const name = record.parsed.name ?? record.nameField ?? firstReference;
      const range = record.range;
      if (name === undefined) {
        this.warn('E_SCHEMA', `Cannot tell which package "${record.key}" is: it has no name field and nothing depends on it.`, range);
        continue;
      }
      let dev = true, optional = true, peer = true, direct = false;
      const workspaces: string[] = [];
      const nodes = record.nodes;
      for (let n = 0; n < nodes.length; n++) {
        const node = nodes[n]!;
        const flags = derived[node]!;
        const info = this.nodeInfo[node]!;
        dev &&= info.dev ?? flags.dev;
        optional &&= info.optional ?? flags.optional;
        peer &&= flags.peer;
        direct ||= flags.direct;
        for (let w = 0; w < flags.workspaces.length; w++) if (!workspaces.includes(flags.workspaces[w]!)) workspaces.push(flags.workspaces[w]!);
      }
      if (record.nodes.length === 0) dev = optional = peer = false;
      const alias = firstReference !== undefined && firstReference !== name && !record.otherReferences?.includes(name) ? firstReference : undefined;
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
    const importers = get(main.root, 'importers');
    if (!isRecord(importers)) return [{ path: '' }];
    return this.members(main, 'importers', importers).map((m) => ({ path: workspacePath(m.key) }));
  }

  /**
   * A section's keys in file order, each with its span. A key written twice is listed twice: the
   * loaded mapping only holds the last value, so an earlier occurrence is re-read from its own lines.
   * Keys the scan did not find (flow style and the like) come last, without a span.
   */
  private members(state: DocumentState, section: string, map: YamlMap): Member[] {
    const sectionSpan = state.sections.get(section);
    const spans = sectionSpan ? this.lines.children(sectionSpan) : [];
    const keys = Object.keys(map);
    const out: Member[] = [];
    // The usual case: the scan found every key once, in the order js-yaml inserted them.
    let inOrder = spans.length === keys.length;
    for (let i = 0; inOrder && i < spans.length; i++) inOrder = spans[i]!.key === keys[i];
    if (inOrder) {
      // Object.values() lists values in the order Object.keys() lists keys, without a lookup per key.
      const values = Object.values(map);
      for (let i = 0; i < spans.length; i++) out.push({ key: keys[i]!, value: values[i], span: spans[i], section, node: -1 });
      return out;
    }
    let duplicates: Map<string, number> | undefined;
    const seen = new Set<string>();
    for (const span of spans) {
      if (!hasOwn(map, span.key)) continue;
      if (seen.has(span.key)) (duplicates ??= new Map()).set(span.key, (duplicates.get(span.key) ?? 1) + 1);
      else seen.add(span.key);
    }
    for (const span of spans) {
      if (!seen.has(span.key)) continue;
      const left = duplicates?.get(span.key);
      if (left !== undefined) duplicates!.set(span.key, left - 1);
      out.push({ key: span.key, value: left !== undefined && left > 1 ? this.reread(span, map[span.key]) : map[span.key], span, section, node: -1 });
    }
    if (seen.size < keys.length) {
      for (const key of keys) if (!seen.has(key)) out.push({ key, value: map[key], span: undefined, section, node: -1 });
    }
    return out;
  }

  /** The value of an earlier occurrence of a duplicated key, loaded from that key's own lines. */
  private reread(span: KeySpan, fallback: unknown): unknown {
    // A file of nothing but duplicates must not cost one YAML load per line.
    if (this.rereads >= MAX_REREADS) return fallback;
    this.rereads += 1;
    try {
      const value = loadAll(this.lines.block(span), null, LOAD_OPTIONS)[0];
      return isRecord(value) && hasOwn(value, span.key) ? value[span.key] : fallback;
    } catch {
      return fallback;
    }
  }

  private rootPlace(state: DocumentState): Place {
    return { span: state.doc, path: [] };
  }

  private place(state: DocumentState, member: Member): Place {
    if (member.span) return { span: member.span, path: [] };
    return { span: state.doc, path: member.section ? [member.section, member.key] : [] };
  }

  /** The member's key; for one the scan did not find, the section's key (else the document's first line). */
  private memberRange(state: DocumentState, member: Member): SourceRange {
    if (member.span) return this.lines.keyRange(member.span);
    let range = state.fallbacks.get(member.section);
    if (!range) {
      const section = state.sections.get(member.section) ?? state.doc;
      range = section ? this.lines.keyRange(section) : ZERO_RANGE;
      state.fallbacks.set(member.section, range);
    }
    return range;
  }

  /**
   * The range of the key or value at `path` below `place`. Only called for problems (and so at
   * most a few hundred times), it rescans the enclosing block's lines; when the path leads into
   * something the scan cannot see (a flow mapping), it gives the innermost value it did find.
   */
  private range(place: Place, path: readonly string[], part: 'key' | 'value'): SourceRange {
    if (!place.span) return ZERO_RANGE;
    const found = this.lines.find(place.span, [...place.path, ...path]);
    return found.complete && part === 'key' ? this.lines.keyRange(found.span) : this.lines.valueRange(found.span);
  }

  /**
   * False when this mapping was already read elsewhere. js-yaml shares one object between an
   * anchor and its aliases; pnpm never writes either, and a hostile file could point thousands of
   * entries at one huge mapping to multiply the work.
   */
  private firstVisit(value: object, state: DocumentState, member: Member, path: string[]): boolean {
    if (!this.visited) return true;
    if (!this.visited.has(value)) {
      this.visited.add(value);
      return true;
    }
    this.at('warning', 'E_SCHEMA', `${path.join('.')} of "${member.key}" repeats a mapping already read (a YAML alias); it is ignored here.`, state, member, path, 'value');
    return false;
  }

  private flag(state: DocumentState, member: Member, key: string): boolean | undefined {
    const value = get(member.value, key);
    if (isNullish(value)) return undefined;
    if (typeof value === 'boolean') return value;
    this.at('warning', 'E_SCHEMA', `"${key}" must be true or false.`, state, member, [key], 'value');
    return undefined;
  }

  private stringField(state: DocumentState, member: Member, key: string): string | undefined {
    const value = get(member.value, key);
    if (isNullish(value)) return undefined;
    const text = scalarText(value);
    if (text === undefined) this.at('warning', 'E_SCHEMA', `"${key}" must be a string.`, state, member, [key], 'value');
    return text;
  }

  /**
   * A problem at `path` below `member` (below the document when there is none), located only if it
   * is listed. Hot loops call this rather than building the closure themselves, so that their own
   * variables are not captured (which would cost a heap-allocated context on every iteration).
   */
  private at(severity: ParseProblem['severity'], code: ParseProblem['code'], message: string, state: DocumentState, member: Member | undefined, path: string[], part: 'key' | 'value'): void {
    this.add(code, message, () => this.range(member ? this.place(state, member) : this.rootPlace(state), path, part), severity);
  }

  /** A problem at a member's key. */
  private atMember(severity: ParseProblem['severity'], code: ParseProblem['code'], message: string, state: DocumentState, member: Member): void {
    this.add(code, message, () => this.memberRange(state, member), severity);
  }

  private error(code: ParseProblem['code'], message: string, range: RangeSource): void {
    this.add(code, message, range, 'error');
  }

  private warn(code: ParseProblem['code'], message: string, range: RangeSource): void {
    this.add(code, message, range, 'warning');
  }

  /** Ranges of problems past the cap are never computed: locating one can mean rescanning a block. */
  private add(code: ParseProblem['code'], message: string, range: RangeSource, severity: ParseProblem['severity']): void {
    // A mangled 5,000-package file must not turn into 5,000 problems.
    if (this.problems.length > MAX_PROBLEMS) return;
    const at = typeof range === 'function' ? range() : range;
    if (this.problems.length < MAX_PROBLEMS) this.problems.push(problem(code, message, at, severity));
    else this.problems.push(problem(code, 'Too many problems; the rest are not listed.', at, 'warning'));
  }
}

/** The `resolution` fields that say where a package comes from. */
interface Resolution {
  integrity?: string;
  tarball?: string;
  type?: string;
  directory?: string;
  repo?: string;
  commit?: string;
}

function hasOwn(object: object, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(object, key);
}

/** Names an object inherits from Object.prototype (`constructor`, `toString`, `__proto__`...). */
const INHERITED = new Set(Object.getOwnPropertyNames(Object.prototype));

/** The member `key` of a mapping (own keys only: a key named `constructor` is not Object's). */
function get(node: unknown, key: string): unknown {
  if (!isRecord(node)) return undefined;
  const value = node[key];
  // Only a name Object.prototype has can resolve to something the mapping does not hold itself.
  return value !== undefined && INHERITED.has(key) && !hasOwn(node, key) ? undefined : value;
}

function isNullish(value: unknown): value is null | undefined {
  return value === null || value === undefined;
}

/** A scalar as text; null, mappings and sequences give undefined. */
function scalarText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean' || typeof value === 'number') return String(value);
  return undefined;
}

function workspacePath(importerKey: string): string {
  return importerKey === '.' ? '' : importerKey.replace(/^\.\//, '');
}

/** Without a lockfileVersion: 9.x has `snapshots`, 6.x keys read `/name@version`, 5.x `/name/version`. */
function guessVersion(root: YamlMap): string {
  if (hasOwn(root, 'snapshots')) return '9.0';
  const packages = get(root, 'packages');
  for (const key of isRecord(packages) ? Object.keys(packages) : []) {
    if (!key.startsWith('/')) continue;
    return parsePackageKey(key, 'v6')?.registry ? '6.0' : '5.4';
  }
  return '9.0';
}

const GIT_HOST_TARBALL = /^https:\/\/(?:codeload\.github\.com\/|gitlab\.com\/.+\/repository\/archive|bitbucket\.org\/.+\/get\/)/;

/** What kind of source a package comes from, and the location the file records for it. */
function classify(parsed: PnpmKey, resolution: Resolution): { specKind: SpecKind; resolved?: string } {
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
