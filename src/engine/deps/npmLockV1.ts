/**
 * Reads the nested `dependencies` tree of npm lockfileVersion 1 (npm 5 and 6, and npm 7+ with
 * --lockfile-version 1). Each level is one node_modules folder, so the install path is rebuilt
 * from the nesting. v1 does not record the root's own requests: only the caller's manifests can
 * say what is direct (links to local folders record theirs in `requires`).
 */
import { memberSpan, type MemberSpan, type SpanSelector } from './jsonSpans';
import type { DependencyEntry, ManifestDeclarations, SpecKind, WorkspaceInfo } from './model';
import { InstallTree, installedFolderName, localFolderPath, sourceKind } from './npmInstallTree';
import {
  addManifestRequests,
  applyDirectRequests,
  flag,
  keyRange,
  makeEntry,
  optionalString,
  rangeIn,
  report,
  uniqueMembers,
  valueRange,
  type DirectRequest,
  type NpmLockContent,
  type NpmLockContext,
} from './npmLockShared';
import { isRecord } from './text';

/** Far deeper than any real install; stops a crafted file from building ever-longer paths. */
const MAX_DEPTH = 256;

/** For jsonSpans: record every level of the tree and each package's own fields. */
const levelSelector: SpanSelector = () => packageSelector;
const packageSelector: SpanSelector = (key) => (key === 'dependencies' ? levelSelector : undefined);
export const v1Selector: SpanSelector = packageSelector;

interface Level {
  object: Record<string, unknown>;
  spans: MemberSpan[];
  /** The folder whose node_modules this level describes ('' for the project root). */
  base: string;
  depth: number;
}

export function readLegacyDependencies(ctx: NpmLockContext, dependencies: Record<string, unknown>, spans: MemberSpan[], manifests: Map<string, ManifestDeclarations> | undefined): NpmLockContent {
  const tree = new InstallTree();
  const entries: DependencyEntry[] = [];
  const folders: WorkspaceInfo[] = [];
  const linked = new Set<string>();
  const linkRequests: DirectRequest[] = [];
  // An explicit stack rather than recursion: the nesting depth is the file's to choose.
  const stack: Level[] = [{ object: dependencies, spans, base: '', depth: 0 }];

  while (stack.length > 0) {
    const { object, spans: levelSpans, base, depth } = stack.pop()!;
    for (const span of uniqueMembers(ctx, levelSpans, 'dependency')) {
      const key = span.key;
      const value = object[key];
      if (!isRecord(value)) {
        report(ctx, 'E_SCHEMA', `Dependency "${key}" should be an object; it was skipped.`, valueRange(ctx, span));
        continue;
      }
      const installPath = base === '' ? `node_modules/${key}` : `${base}/node_modules/${key}`;
      if (typeof installedFolderName(installPath) !== 'string') {
        report(ctx, 'E_SCHEMA', `"${key}" is not a package name; it was skipped.`, keyRange(ctx, span), 'warning');
        continue;
      }
      let childBase = installPath;
      const link = linkTarget(value);
      if (link !== undefined) {
        tree.set(installPath, { kind: 'link', target: link });
        if (!linked.has(link)) {
          linked.add(link);
          folders.push({ path: link, name: key });
        }
        addLinkRequests(link, value, linkRequests);
        // npm 7+ nests a linked folder's own node_modules under the link.
        childBase = link;
      } else {
        const entry = readEntry(ctx, span, value, installPath);
        if (entry) {
          entries.push(entry);
          tree.set(installPath, { kind: 'entry', entry });
        }
      }
      const nested = value['dependencies'];
      if (nested === undefined) continue;
      const nestedSpan = memberSpan(span.members, 'dependencies');
      if (!isRecord(nested) || !nestedSpan?.members) {
        report(ctx, 'E_SCHEMA', `"dependencies" of "${key}" should be an object; it was ignored.`, () => rangeIn(ctx, span, ['dependencies']), 'warning');
      } else if (depth + 1 >= MAX_DEPTH) {
        report(ctx, 'E_SCHEMA', `Dependencies nested more than ${MAX_DEPTH} levels deep were not read.`, keyRange(ctx, span), 'warning');
      } else {
        stack.push({ object: nested, spans: nestedSpan.members, base: childBase, depth: depth + 1 });
      }
    }
  }
  // The stack visits levels out of file order; the model lists entries in file order.
  entries.sort((a, b) => a.range.start.line - b.range.start.line || a.range.start.column - b.range.start.column);

  const requests: DirectRequest[] = [];
  for (const [workspace, manifest] of manifests ?? []) addManifestRequests(workspace, manifest, requests);
  // A link's `requires` copies its package.json's dependencies; used where the caller gave no manifest.
  for (const request of linkRequests) if (!manifests?.has(request.workspace)) requests.push(request);
  applyDirectRequests(tree, requests);
  return { entries, folders };
}

/** The local folder a `file:` directory dependency (a workspace, in npm 7+) links to. */
function linkTarget(value: Record<string, unknown>): string | undefined {
  const version = value['version'];
  if (typeof version !== 'string' || sourceKind(version) !== 'directory') return undefined;
  return localFolderPath(version);
}

function addLinkRequests(folder: string, value: Record<string, unknown>, out: DirectRequest[]): void {
  const requires = value['requires'];
  if (!isRecord(requires)) return;
  for (const name in requires) {
    const spec = requires[name];
    if (typeof spec === 'string') out.push({ workspace: folder, name, spec });
  }
}

function readEntry(ctx: NpmLockContext, span: MemberSpan, value: Record<string, unknown>, installPath: string): DependencyEntry | undefined {
  const key = span.key;
  const recorded = value['version'];
  if (recorded !== undefined && typeof recorded !== 'string') {
    report(ctx, 'E_SCHEMA', `"version" of "${key}" should be a string; the package was skipped.`, () => rangeIn(ctx, span, ['version']));
    return undefined;
  }
  let resolved = optionalString(ctx, span, value, 'resolved');
  const integrity = optionalString(ctx, span, value, 'integrity');
  let name = key;
  let version = recorded;
  let specKind: SpecKind = 'version';
  if (recorded === undefined) {
    report(ctx, 'E_SCHEMA', `Dependency "${key}" has no version.`, keyRange(ctx, span), 'warning');
  } else if (recorded.startsWith('npm:')) {
    // v1 writes an alias's target in `version`: `npm:@types/ms@0.7.34`.
    const target = recorded.slice(4);
    const at = target.lastIndexOf('@');
    specKind = 'alias';
    if (at > 0) {
      name = target.slice(0, at);
      version = target.slice(at + 1);
    } else {
      report(ctx, 'E_SCHEMA', `Alias "${recorded}" names no version.`, () => rangeIn(ctx, span, ['version']), 'warning');
      if (target !== '') name = target;
      version = undefined;
    }
  } else {
    // Git, URL and tarball sources record their location in place of a version.
    const source = sourceKind(recorded);
    if (source !== undefined) {
      specKind = source;
      resolved ??= recorded;
      version = undefined;
    }
  }
  return makeEntry({
    name,
    alias: name !== key ? key : undefined,
    specKind,
    version,
    resolved,
    integrity,
    dev: flag(ctx, span, value, 'dev'),
    optional: flag(ctx, span, value, 'optional'),
    // v1 has no peer flag: npm 6 never installed peers.
    peer: false,
    installPath,
    range: keyRange(ctx, span),
  });
}
