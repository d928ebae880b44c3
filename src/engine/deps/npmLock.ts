/**
 * npm's package-lock.json and npm-shrinkwrap.json (same format), lockfileVersion 1, 2 and 3.
 *
 * v2 files carry both the v3 `packages` map and the v1 `dependencies` tree; like npm 7+, only
 * `packages` is read (the tree is a copy kept for npm 6), unless `packages` is unusable.
 * Flags are the ones npm wrote; `devOptional` alone sets neither dev nor optional (see
 * npmLockPackages.ts). Direct dependencies: v2/v3 from the root's and each local folder's
 * dependency maps in `packages` (options.manifests is not needed and not used); v1 from
 * options.manifests and links' `requires`, and without manifests nothing is direct.
 *
 * Values come from JSON.parse and positions from jsonSpans (see there for why not parseTree).
 */
import { parseJsonDocument } from './json';
import { indexMembers, NO_DEEPER, type SpanSelector } from './jsonSpans';
import type { DependencyFile, ParseOptions, ParseProblem, SourceRange } from './model';
import { readPackages } from './npmLockPackages';
import { makeWorkspace, report, uniqueMembers, valueRange, type NpmLockContent, type NpmLockContext } from './npmLockShared';
import { readLegacyDependencies, v1Selector } from './npmLockV1';
import { fatalFile, isRecord, LineIndex, precheck, problem, ZERO_RANGE } from './text';

export type NpmLockKind = 'npm-lock' | 'npm-shrinkwrap';

/** The newest lockfileVersion this reader knows; later ones are read like it, with a warning. */
const NEWEST_VERSION = 3;

const packagesSelector: SpanSelector = (key) => (key === 'packages' ? NO_DEEPER : undefined);

export function parseNpmLock(text: string, options?: ParseOptions, kind: NpmLockKind = 'npm-lock'): DependencyFile {
  try {
    return parse(text, options, kind);
  } catch (error) {
    // Only pathological input should get here (e.g. nesting deep enough to exhaust a parser's stack).
    const reason = error instanceof Error ? error.message : String(error);
    return fatalFile(kind, [problem('E_PARSE', `The lockfile could not be read: ${reason}`, ZERO_RANGE)]);
  }
}

type Plan = { read: 'packages' | 'dependencies' | 'nothing'; problem?: { field: 'packages' | 'lockfileVersion'; message: string } };

function parse(text: string, options: ParseOptions | undefined, kind: NpmLockKind): DependencyFile {
  const early = precheck(kind, text, options);
  if (early) return early;
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let root: unknown;
  try {
    root = JSON.parse(bom ? text.slice(1) : text);
  } catch (error) {
    return fatalFile(kind, syntaxProblems(text, error, bom));
  }
  const index = new LineIndex(text);
  if (!isRecord(root)) return fatalFile(kind, [problem('E_SCHEMA', 'A package lockfile must be a JSON object.', index.lineRange(0))]);

  const lockfileVersion = root['lockfileVersion'];
  const version = typeof lockfileVersion === 'number' && Number.isInteger(lockfileVersion) && lockfileVersion >= 1 ? lockfileVersion : undefined;
  const plan = choosePlan(version, root['packages'], root['dependencies']);
  const rootSpans = indexMembers(text, plan.read === 'packages' ? packagesSelector : v1Selector) ?? [];
  const ctx: NpmLockContext = { text, index, problems: [] };
  const spans = new Map(uniqueMembers(ctx, rootSpans, 'top-level key').map((s) => [s.key, s]));
  const at = (field: string): SourceRange => {
    const span = spans.get(field);
    return span ? valueRange(ctx, span) : ZERO_RANGE;
  };

  if (lockfileVersion === undefined) {
    report(ctx, 'E_SCHEMA', 'The lockfile has no "lockfileVersion"; it was read by its shape.', ZERO_RANGE, 'warning');
  } else if (version === undefined) {
    report(ctx, 'E_SCHEMA', '"lockfileVersion" should be 1, 2 or 3; the lockfile was read by its shape.', at('lockfileVersion'), 'warning');
  } else if (version > NEWEST_VERSION) {
    report(ctx, 'E_UNSUPPORTED', `lockfileVersion ${version} is newer than this reader knows (${NEWEST_VERSION}); it was read as version ${NEWEST_VERSION}.`, at('lockfileVersion'), 'warning');
  }
  if (plan.problem) report(ctx, 'E_SCHEMA', plan.problem.message, at(plan.problem.field), plan.read === 'nothing' ? 'error' : 'warning');

  let content: NpmLockContent;
  if (plan.read === 'packages') {
    content = readPackages(ctx, root['packages'] as Record<string, unknown>, spans.get('packages')?.members ?? []);
  } else if (plan.read === 'dependencies') {
    const dependencies = root['dependencies'];
    const span = spans.get('dependencies');
    if (dependencies === undefined) {
      content = { entries: [], folders: [] };
    } else if (!isRecord(dependencies) || !span?.members) {
      report(ctx, 'E_SCHEMA', '"dependencies" should be an object.', at('dependencies'));
      return fatalFile(kind, ctx.problems);
    } else {
      content = readLegacyDependencies(ctx, dependencies, span.members, options?.manifests);
    }
  } else {
    // The file parses, but a diff against "no packages" would report every package as removed.
    return fatalFile(kind, ctx.problems);
  }

  const rootPackage = root['packages'];
  const rootEntry = isRecord(rootPackage) ? rootPackage[''] : undefined;
  const rootInfo = makeWorkspace('', firstString(root['name'], isRecord(rootEntry) ? rootEntry['name'] : undefined), firstString(root['version'], isRecord(rootEntry) ? rootEntry['version'] : undefined));
  const file: DependencyFile = { kind, workspaces: [rootInfo, ...content.folders], entries: content.entries, problems: ctx.problems, fatal: false };
  if (version !== undefined) file.formatVersion = String(version);
  if (rootInfo.name !== undefined) file.name = rootInfo.name;
  if (rootInfo.version !== undefined) file.version = rootInfo.version;
  return file;
}

/** Which part of the file npm itself would read. */
function choosePlan(version: number | undefined, packages: unknown, dependencies: unknown): Plan {
  if (version === 1) return { read: 'dependencies' };
  if (isRecord(packages)) return { read: 'packages' };
  // v2 keeps the v1 tree too, so a damaged `packages` can still leave something npm 6 could read.
  const fallback = dependencies === undefined ? 'nothing' : 'dependencies';
  if (packages !== undefined) return { read: fallback, problem: { field: 'packages', message: '"packages" should be an object.' } };
  if (version !== undefined) return { read: fallback, problem: { field: 'lockfileVersion', message: `A lockfileVersion ${version} file should have "packages".` } };
  return { read: 'dependencies' };
}

function firstString(...values: unknown[]): string | undefined {
  for (const v of values) if (typeof v === 'string') return v;
  return undefined;
}

/** jsonc-parser locates syntax errors better than JSON.parse's message; this is the slow path for broken files only. */
function syntaxProblems(text: string, error: unknown, bom: number): ParseProblem[] {
  try {
    const problems = parseJsonDocument(text).problems;
    // jsonc-parser can report one spot several times over as it recovers.
    const seen = new Set<string>();
    const unique = problems.filter((p) => {
      const key = `${p.range.start.line}:${p.range.start.column}:${p.message}`;
      return !seen.has(key) && !!seen.add(key);
    });
    if (unique.length > 0) return unique;
  } catch {
    // Its recursive descent overflows on absurd nesting; JSON.parse's own message still says where.
  }
  const message = error instanceof Error ? error.message : String(error);
  const position = /position (\d+)/.exec(message)?.[1];
  const offset = position !== undefined ? Number(position) + bom : /end of JSON input/i.test(message) ? text.length : 0;
  return [problem('E_PARSE', `JSON syntax error: ${message}`, new LineIndex(text).range(offset, 1))];
}
