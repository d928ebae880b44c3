/** Pieces the npm lockfile readers (v1 `dependencies`, v2/v3 `packages`) share. */
import { locateInValue, type MemberSpan } from './jsonSpans';
import type { DependencyEntry, ManifestDeclarations, ParseProblem, ProblemCode, SourceRange, SpecKind, WorkspaceInfo } from './model';
import { isUrlSpec, type InstallTree } from './npmInstallTree';
import { problem, type LineIndex } from './text';

/** Enough to act on; a file broken everywhere should not bury the editor in thousands of diagnostics. */
const MAX_PROBLEMS = 200;

export interface NpmLockContext {
  text: string;
  index: LineIndex;
  problems: ParseProblem[];
}

export interface NpmLockContent {
  entries: DependencyEntry[];
  /** Local folder packages other than the root (workspaces, `file:` directories), in file order. */
  folders: WorkspaceInfo[];
}

/** A project folder's request for a package by name, as its package.json (or the lockfile's copy of it) states it. */
export interface DirectRequest {
  workspace: string;
  name: string;
  spec: string;
}

export const DEPENDENCY_MAPS = ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies'] as const;

/** `range` may be a function, so that locating a problem past the cap costs nothing. */
export function report(ctx: NpmLockContext, code: ProblemCode, message: string, range: SourceRange | (() => SourceRange), severity: ParseProblem['severity'] = 'error'): void {
  if (ctx.problems.length > MAX_PROBLEMS) return;
  const at = typeof range === 'function' ? range() : range;
  if (ctx.problems.length < MAX_PROBLEMS) ctx.problems.push(problem(code, message, at, severity));
  else ctx.problems.push(problem(code, `More than ${MAX_PROBLEMS} problems; the rest are not listed.`, at, 'warning'));
}

export function keyRange(ctx: NpmLockContext, span: MemberSpan): SourceRange {
  return ctx.index.range(span.keyStart, span.keyEnd - span.keyStart);
}

export function valueRange(ctx: NpmLockContext, span: MemberSpan): SourceRange {
  return ctx.index.range(span.valueStart, span.valueEnd - span.valueStart);
}

/** The range of the value at `path` inside a member's value (parsed on demand: only problems need it). */
export function rangeIn(ctx: NpmLockContext, span: MemberSpan, path: (string | number)[]): SourceRange {
  const { start, end } = locateInValue(ctx.text, span, path);
  return ctx.index.range(start, end - start);
}

/*
 * Parsed objects are read by plain indexing: the fixed field names read here (`version`,
 * `dependencies`, ...) are not Object.prototype members, and every dynamic key comes from the
 * file itself, so JSON.parse made it an own property (even `__proto__`).
 */

export interface EntryFields {
  name: string;
  alias?: string | undefined;
  specKind: SpecKind;
  version?: string | undefined;
  resolved?: string | undefined;
  integrity?: string | undefined;
  dev: boolean;
  optional: boolean;
  peer: boolean;
  installPath: string;
  range: SourceRange;
}

/** An entry without the absent optional fields (so deepEqual against expected objects works). */
export function makeEntry(f: EntryFields): DependencyEntry {
  const entry: DependencyEntry = { name: f.name, specKind: f.specKind, dev: f.dev, optional: f.optional, peer: f.peer, direct: false, workspaces: [], installPath: f.installPath, range: f.range };
  if (f.alias !== undefined) entry.alias = f.alias;
  if (f.version !== undefined) entry.version = f.version;
  if (f.resolved !== undefined) entry.resolved = f.resolved;
  if (f.integrity !== undefined) entry.integrity = f.integrity;
  return entry;
}

/** A workspace record without absent fields. */
export function makeWorkspace(path: string, name: unknown, version: unknown): WorkspaceInfo {
  const info: WorkspaceInfo = { path };
  if (typeof name === 'string') info.name = name;
  if (typeof version === 'string') info.version = version;
  return info;
}

/**
 * An object's members with duplicate keys reported and dropped: the last one wins, as with
 * JSON.parse (which is how npm reads the file), so the model shows what npm would install.
 */
export function uniqueMembers(ctx: NpmLockContext, members: MemberSpan[], what: string): MemberSpan[] {
  const last = new Map<string, number>();
  members.forEach((m, i) => last.set(m.key, i));
  if (last.size === members.length) return members;
  return members.filter((m, i) => {
    if (last.get(m.key) === i) return true;
    report(ctx, 'E_DUPLICATE_KEY', `Duplicate ${what} "${m.key}": npm ignores this one and reads the later copy.`, keyRange(ctx, m), 'warning');
    return false;
  });
}

/** A string field that may be absent; any other type is reported and ignored, keeping the package. */
export function optionalString(ctx: NpmLockContext, span: MemberSpan, value: Record<string, unknown>, field: string): string | undefined {
  const v = value[field];
  if (v === undefined || typeof v === 'string') return v;
  report(ctx, 'E_SCHEMA', `"${field}" of "${span.key}" should be a string; it was ignored.`, () => rangeIn(ctx, span, [field]), 'warning');
  return undefined;
}

export function flag(ctx: NpmLockContext, span: MemberSpan, value: Record<string, unknown>, field: string): boolean {
  const v = value[field];
  if (v === undefined || typeof v === 'boolean') return v === true;
  report(ctx, 'E_SCHEMA', `"${field}" of "${span.key}" should be true or false; it was read as false.`, () => rangeIn(ctx, span, [field]), 'warning');
  return false;
}

export function addManifestRequests(workspace: string, manifest: ManifestDeclarations, out: DirectRequest[]): void {
  for (const group of DEPENDENCY_MAPS) {
    const map: unknown = manifest[group];
    if (typeof map !== 'object' || map === null) continue;
    for (const [name, spec] of Object.entries(map)) {
      if (typeof spec === 'string') out.push({ workspace, name, spec });
    }
  }
}

/** Marks what each request resolves to as a direct dependency of the requesting folder. */
export function applyDirectRequests(tree: InstallTree, requests: DirectRequest[]): void {
  for (const request of requests) {
    const hit = tree.resolve(request.workspace, request.name);
    // A request answered by a link is one local package depending on another: nothing locked.
    if (hit?.kind !== 'entry') continue;
    const entry = hit.entry;
    entry.direct = true;
    if (!entry.workspaces.includes(request.workspace)) entry.workspaces.push(request.workspace);
    entry.spec ??= request.spec;
    if (isUrlSpec(request.spec)) markRequestedByUrl(entry);
  }
}

/**
 * npm normalises a tarball-URL dependency's `resolved` (even `https://registry.npmjs.org:443/...`
 * becomes the plain registry URL), so only a requesting spec shows it was not fetched by name.
 */
export function markRequestedByUrl(entry: DependencyEntry): void {
  if (entry.specKind === 'version') entry.specKind = 'remote';
}
