/**
 * yarn.lock v1 (yarn classic). Parsed by @yarnpkg/lockfile; positions come from yarnKeys.
 *
 * What the format records: one block per resolved package, headed by every descriptor that resolved
 * to it (`debug@^4.1.0, debug@^4.3.4:`), with version, resolved URL (`#sha1` fragment included),
 * integrity (absent for some remote tarballs) and the package's own dependencies and
 * optionalDependencies. It records neither workspaces, nor the root's requests, nor peer edges, so
 * direct/dev/optional/peer need the manifests (see `rootsFromManifests`).
 */
import { parse as parseLockfile } from '@yarnpkg/lockfile';
import { deriveFlags, type EdgeType, type GraphNode, type GraphRoot } from './flags';
import type { DependencyEntry, DependencyFile, ManifestDeclarations, ParseOptions, ParseProblem, SourceRange } from './model';
import { fatalFile, isRecord, LineIndex, precheck, problem, ZERO_RANGE } from './text';
import { classifyClassicRange, splitDescriptor } from './yarnDescriptor';
import { forEachLine, nestedKeyRange, scanClassicHeaders, type TopLevelKey } from './yarnKeys';

const KIND = 'yarn-classic';
const MAX_SCHEMA_PROBLEMS = 50;

export function parseYarnClassic(text: string, options?: ParseOptions): DependencyFile {
  const early = precheck(KIND, text, options);
  if (early) return early;
  try {
    return parseChecked(text, options);
  } catch (error) {
    return fatalFile(KIND, [problem('E_PARSE', `Could not read yarn.lock: ${describe(error)}`, ZERO_RANGE)]);
  }
}

interface Block {
  entry: DependencyEntry;
  raw: Record<string, unknown>;
  /** Line span of the block, for placing problems on nested keys. */
  fromLine: number;
  toLine: number;
}

function parseChecked(text: string, options: ParseOptions | undefined): DependencyFile {
  const index = new LineIndex(text);
  const parsed = runParser(text, index);
  if ('fatal' in parsed) return fatalFile(KIND, [parsed.fatal]);
  const problems: ParseProblem[] = [];
  if (parsed.type === 'merge') {
    problems.push(problem('E_CONFLICT', 'yarn.lock contains merge conflict markers; both sides were read, but resolve the conflict.', ZERO_RANGE, 'warning'));
  }

  const headers = scanClassicHeaders(text, index);
  const headerOf = indexHeaders(headers, problems);
  const schema = new SchemaProblems(problems);

  // Descriptors that share a header share one parsed object: group them by identity.
  const groups = new Map<Record<string, unknown>, string[]>();
  for (const key of Object.keys(parsed.object)) {
    const value = parsed.object[key];
    if (!isRecord(value)) {
      schema.add(`Entry "${key}" is not a block of fields; it was skipped.`, () => headerRange(headers, headerOf, key) ?? plainValueRange(text, index, key));
      continue;
    }
    const list = groups.get(value);
    if (list) list.push(key);
    else groups.set(value, [key]);
  }

  const blocks: Block[] = [];
  const byIdentity = new Map<string, number>();
  const nodeOf = new Map<string, number>();
  for (const [raw, descriptors] of groups) {
    const headerIndex = headerOf.get(descriptors[0]!);
    const header = headerIndex === undefined ? undefined : headers[headerIndex];
    const fromLine = header?.line ?? 0;
    const toLine = headerIndex === undefined ? fromLine : (headers[headerIndex + 1]?.line ?? index.lineCount);
    const range = header?.range ?? ZERO_RANGE;
    const at = (path: string[]): SourceRange => nestedKeyRange(text, index, fromLine, toLine, path, range);

    const entry = toEntry(descriptors, raw, range, (message, path, severity) => schema.add(message, () => at(path), severity));
    if (!entry) continue;
    // One entry per resolved package: identical blocks under two headers (a hand merge) count once.
    const identity = `${entry.name}\0${entry.version}\0${entry.resolved ?? ''}`;
    let node = byIdentity.get(identity);
    if (node === undefined) {
      node = blocks.length;
      byIdentity.set(identity, node);
      blocks.push({ entry, raw, fromLine, toLine });
    } else {
      const kept = blocks[node]!.entry;
      kept.spec = [kept.spec, entry.spec].filter(Boolean).join(', ');
    }
    for (const d of descriptors) nodeOf.set(d, node);
  }

  const nodes = blocks.map((block): GraphNode => ({ edges: edgesOf(block, nodeOf, text, index, schema) }));
  // Without manifests there are no roots: every entry keeps direct/dev/optional/peer = false,
  // because yarn classic does not record which packages the project itself asked for.
  const roots = rootsFromManifests(options, nodeOf);
  const flags = deriveFlags(nodes, roots);
  const entries = blocks.map((block, i) => Object.assign(block.entry, flags[i]));

  return {
    kind: KIND,
    formatVersion: formatVersion(text),
    workspaces: options?.manifests ? [...options.manifests.keys()].sort().map((path) => ({ path })) : [],
    entries,
    problems,
    fatal: false,
  };
}

type ParserResult = { type: 'success' | 'merge'; object: Record<string, unknown> } | { fatal: ParseProblem };

/**
 * Runs @yarnpkg/lockfile. Its tokenizer loops forever on a comment or a quoted string that reaches
 * the end of the input (truncated files do exactly that), so the text gets a trailing `#"` comment
 * line: it closes a runaway string and ends in a newline, and is inert for any well-formed file.
 */
function runParser(text: string, index: LineIndex): ParserResult {
  let result: ReturnType<typeof parseLockfile>;
  try {
    result = parseLockfile(`${text}\n#"\n`);
  } catch (error) {
    return { fatal: parseErrorProblem(error, text, index) };
  }
  if (result.type === 'conflict') {
    return { fatal: problem('E_CONFLICT', 'yarn.lock contains merge conflict markers and the two sides cannot be read; resolve the conflict.', ZERO_RANGE) };
  }
  if (!isRecord(result.object)) return { fatal: problem('E_PARSE', 'yarn.lock did not parse to a set of entries.', ZERO_RANGE) };
  return { type: result.type, object: result.object };
}

function parseErrorProblem(error: unknown, text: string, index: LineIndex): ParseProblem {
  const message = describe(error);
  const version = /lockfile of version (\d+)/.exec(message);
  if (version) {
    const offset = Math.max(0, text.search(/^#\s*yarn lockfile v\d+/m));
    return problem('E_UNSUPPORTED', `yarn.lock says it is lockfile version ${version[1]}; only version 1 (yarn classic) is understood.`, index.lineRange(index.position(offset).line));
  }
  const located = /(\d+):(\d+) in lockfile/.exec(message);
  if (located) {
    const start = index.position(tokenOffset(text, Number(located[1]), Number(located[2])));
    // "Unknown token: { line: 1, col: 0, type: 'INVALID', ... }" dumps the token; say what it means.
    const clean = message.replace(/\s*\d+:\d+ in lockfile$/, '').replace(/^Unknown token: \{[\s\S]*\}$/, 'unexpected character or unterminated quoted string');
    return problem('E_PARSE', `yarn.lock syntax error at line ${start.line + 1}: ${clean}`, { start, end: { line: start.line, column: start.column + 1 } });
  }
  if (/number of spaces/.test(message)) {
    let bad: SourceRange | undefined;
    forEachLine(text, (line, start, end) => {
      let spaces = 0;
      while (start + spaces < end && text.charCodeAt(start + spaces) === 32) spaces += 1;
      if (!bad && spaces % 2 === 1) bad = { start: { line, column: 0 }, end: { line, column: spaces } };
    });
    return problem('E_PARSE', 'yarn.lock syntax error: indentation must be a multiple of two spaces.', bad ?? ZERO_RANGE);
  }
  return problem('E_PARSE', `Could not read yarn.lock: ${message}`, ZERO_RANGE);
}

/**
 * Turns the parser's "line:col" into a text offset. Its tokenizer counts lines by newline tokens,
 * and one token swallows `\n\n` as well as `\r\n`, so a blank line does not count; and its column
 * starts at the newline token, not after it. Replaying that count finds the real place.
 */
function tokenOffset(text: string, line: number, col: number): number {
  let tokenStart = 0;
  let i = 0;
  for (let current = 1; current < line; current++) {
    while (i < text.length && text.charCodeAt(i) !== 10 && text.charCodeAt(i) !== 13) i++;
    if (i >= text.length) return text.length;
    tokenStart = i;
    i += text.charCodeAt(i + 1) === 10 ? 2 : 1;
  }
  return Math.min(text.length, tokenStart + col);
}

function indexHeaders(headers: TopLevelKey[], problems: ParseProblem[]): Map<string, number> {
  const headerOf = new Map<string, number>();
  headers.forEach((header, i) => {
    for (const descriptor of header.parts ?? [header.value]) {
      if (headerOf.has(descriptor)) {
        problems.push(problem('E_DUPLICATE_KEY', `"${descriptor}" appears in more than one entry; yarn uses the last one.`, header.range, 'warning'));
      }
      headerOf.set(descriptor, i);
    }
  });
  return headerOf;
}

function headerRange(headers: TopLevelKey[], headerOf: Map<string, number>, key: string): SourceRange | undefined {
  const i = headerOf.get(key);
  return i === undefined ? undefined : headers[i]?.range;
}

/** Top-level `key value` lines have no colon, so the header scan skips them; find one by its key. */
function plainValueRange(text: string, index: LineIndex, key: string): SourceRange {
  for (const written of [key, JSON.stringify(key)]) {
    const at = text.startsWith(`${written} `) ? 0 : text.indexOf(`\n${written} `);
    if (at !== -1) return index.range(at === 0 ? 0 : at + 1, written.length);
  }
  return ZERO_RANGE;
}

/** Caps schema problems (and the cost of locating them) so a hostile file cannot make thousands. */
class SchemaProblems {
  private count = 0;
  constructor(private readonly problems: ParseProblem[]) {}

  add(message: string, locate: () => SourceRange, severity: ParseProblem['severity'] = 'error'): void {
    this.count += 1;
    if (this.count <= MAX_SCHEMA_PROBLEMS) this.problems.push(problem('E_SCHEMA', message, locate(), severity));
    else if (this.count === MAX_SCHEMA_PROBLEMS + 1) this.problems.push(problem('E_SCHEMA', 'More malformed entries follow; only the first ones are listed.', ZERO_RANGE, severity));
  }
}

type Report = (message: string, path: string[], severity?: ParseProblem['severity']) => void;

function toEntry(descriptors: string[], raw: Record<string, unknown>, range: SourceRange, report: Report): DependencyEntry | undefined {
  const requests = descriptors.map((d) => ({ descriptor: d, parts: splitDescriptor(d) }));
  const first = requests[0]?.parts;
  if (!first) {
    report(`Entry "${descriptors[0] ?? ''}" is not a name@range descriptor; it was skipped.`, []);
    return undefined;
  }
  const version = raw.version;
  if (typeof version !== 'string' || version === '') {
    report(`Entry "${descriptors[0]}" has no version string; it was skipped.`, version === undefined ? [] : ['version']);
    return undefined;
  }
  const resolved = optionalString(raw, 'resolved', report);
  const integrity = optionalString(raw, 'integrity', report);

  const kinds = requests.flatMap((r) => (r.parts ? [classifyClassicRange(r.parts.name, r.parts.range)] : []));
  // An alias only when every header descriptor is one; `ms@2.1.3, my-ms@npm:ms@2.1.3` is plain ms.
  const aliased = kinds.every((k) => k.alias !== undefined) ? kinds[0] : undefined;
  const main = aliased ?? kinds.find((k) => k.alias === undefined) ?? kinds[0]!;
  const specs = [...new Set(requests.flatMap((r) => (r.parts ? [r.parts.range] : [])))];
  const entry: DependencyEntry = {
    name: main.name,
    spec: specs.join(', '),
    specKind: main.kind,
    version,
    dev: false,
    optional: false,
    peer: false,
    direct: false,
    workspaces: [],
    range,
  };
  if (aliased?.alias) entry.alias = aliased.alias;
  if (resolved !== undefined) entry.resolved = resolved;
  if (integrity !== undefined) entry.integrity = integrity;
  return entry;
}

function optionalString(raw: Record<string, unknown>, field: string, report: Report): string | undefined {
  const value = raw[field];
  if (value === undefined || typeof value === 'string') return value;
  report(`Field "${field}" should be a string; it was ignored.`, [field], 'warning');
  return undefined;
}

const EDGE_FIELDS: [string, EdgeType][] = [
  ['dependencies', 'prod'],
  ['optionalDependencies', 'optional'],
];

function edgesOf(block: Block, nodeOf: Map<string, number>, text: string, index: LineIndex, schema: SchemaProblems): GraphNode['edges'] {
  const edges: GraphNode['edges'] = [];
  const at = (path: string[]) => () => nestedKeyRange(text, index, block.fromLine, block.toLine, path, block.entry.range);
  for (const [field, type] of EDGE_FIELDS) {
    const deps = block.raw[field];
    if (deps === undefined) continue;
    if (!isRecord(deps)) {
      schema.add(`Field "${field}" should be a list of name "range" lines; it was ignored.`, at([field]), 'warning');
      continue;
    }
    for (const name of Object.keys(deps)) {
      const range = deps[name];
      if (typeof range !== 'string') {
        schema.add(`Dependency "${name}" should have a range string; it was ignored.`, at([field, name]), 'warning');
        continue;
      }
      const target = nodeOf.get(`${name}@${range}`);
      if (target !== undefined) edges.push({ target, type });
    }
  }
  return edges;
}

const ROOT_GROUPS: [keyof ManifestDeclarations, EdgeType][] = [
  ['dependencies', 'prod'],
  ['devDependencies', 'dev'],
  ['optionalDependencies', 'optional'],
  ['peerDependencies', 'peer'],
];

/**
 * Yarn classic keys each block by the exact `name@range` strings package.json files asked for, so
 * a manifest request finds its entry by string lookup. Requests with no block (workspace packages,
 * peers nobody installed) find nothing and are not roots.
 */
function rootsFromManifests(options: ParseOptions | undefined, nodeOf: Map<string, number>): GraphRoot[] {
  const roots: GraphRoot[] = [];
  for (const [workspace, declarations] of options?.manifests ?? []) {
    for (const [group, type] of ROOT_GROUPS) {
      const requests = declarations[group];
      if (!isRecord(requests)) continue;
      for (const name of Object.keys(requests)) {
        const spec = requests[name];
        const target = typeof spec === 'string' ? nodeOf.get(`${name}@${spec}`) : undefined;
        if (target !== undefined) roots.push({ target, type, workspace });
      }
    }
  }
  return roots;
}

function formatVersion(text: string): string {
  // The version comment sits in the first lines; no need to scan a large file for it.
  return /^#\s*yarn lockfile v(\d+)\s*$/m.exec(text.slice(0, 2048))?.[1] ?? '1';
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
