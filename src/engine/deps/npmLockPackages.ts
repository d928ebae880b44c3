/**
 * Reads the `packages` map of npm lockfileVersion 2 and 3 (and npm-shrinkwrap.json): one key per
 * install path, '' for the root, plain folder paths for workspaces and `file:` directories.
 */
import type { MemberSpan } from './jsonSpans';
import type { DependencyEntry, SpecKind, WorkspaceInfo } from './model';
import { InstallTree, installedFolderName, isUrlSpec, localFolderPath, sourceKind } from './npmInstallTree';
import {
  DEPENDENCY_MAPS,
  applyDirectRequests,
  flag,
  keyRange,
  makeEntry,
  makeWorkspace,
  markRequestedByUrl,
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

interface Folder {
  span: MemberSpan;
  value: Record<string, unknown>;
}

/** `spans` are the members of `packages` in file order, from jsonSpans; `packages` is the parsed object. */
export function readPackages(ctx: NpmLockContext, packages: Record<string, unknown>, spans: MemberSpan[]): NpmLockContent {
  const tree = new InstallTree();
  const entries: DependencyEntry[] = [];
  const folders: Folder[] = [];
  /** Link folder names by target, for workspace names: npm writes no `name` in a workspace's own entry. */
  const linkNames = new Map<string, string>();
  /** Entries' own requests by URL, resolved once the whole tree is known. */
  const urlRequests: { from: string; name: string }[] = [];

  for (const span of uniqueMembers(ctx, spans, 'package path')) {
    const key = span.key;
    const value = packages[key];
    if (!isRecord(value)) {
      report(ctx, 'E_SCHEMA', `Package "${key}" should be an object; it was skipped.`, valueRange(ctx, span));
      continue;
    }
    const folderName = installedFolderName(key);
    if (folderName === undefined) {
      folders.push({ span, value });
      continue;
    }
    if (folderName === null) {
      report(ctx, 'E_SCHEMA', `"${key}" is not a node_modules package path; it was skipped.`, keyRange(ctx, span), 'warning');
      continue;
    }
    if (value['link'] === true) {
      const target = value['resolved'];
      if (typeof target !== 'string') {
        report(ctx, 'E_SCHEMA', `Link "${key}" has no "resolved" folder; it was skipped.`, keyRange(ctx, span), 'warning');
        continue;
      }
      const path = localFolderPath(target);
      tree.set(key, { kind: 'link', target: path });
      if (!linkNames.has(path)) linkNames.set(path, folderName);
      continue;
    }
    const entry = readEntry(ctx, span, value, folderName);
    if (!entry) continue;
    entries.push(entry);
    tree.set(key, { kind: 'entry', entry });
    for (const group of ['dependencies', 'optionalDependencies', 'peerDependencies'] as const) {
      const map = value[group];
      if (!isRecord(map)) continue;
      for (const name in map) {
        const spec = map[name];
        if (typeof spec === 'string' && isUrlSpec(spec)) urlRequests.push({ from: key, name });
      }
    }
  }

  const requests: DirectRequest[] = [];
  const workspaces: WorkspaceInfo[] = [];
  for (const folder of folders) {
    addFolderRequests(ctx, folder, requests);
    const path = folder.span.key;
    if (path === '') continue;
    const named = folder.value['name'];
    workspaces.push(makeWorkspace(path, typeof named === 'string' ? named : linkNames.get(path), folder.value['version']));
  }
  // A link whose folder has no entry of its own (a partial or hand-edited file) still points at local code.
  const known = new Set(folders.map((f) => f.span.key));
  for (const [path, name] of linkNames) {
    if (!known.has(path) && path !== '') workspaces.push({ path, name });
  }

  applyDirectRequests(tree, requests);
  for (const request of urlRequests) {
    const hit = tree.resolve(request.from, request.name);
    if (hit?.kind === 'entry') markRequestedByUrl(hit.entry);
  }
  return { entries, folders: workspaces };
}

function readEntry(ctx: NpmLockContext, span: MemberSpan, value: Record<string, unknown>, folderName: string): DependencyEntry | undefined {
  const key = span.key;
  const named = value['name'];
  const version = value['version'];
  for (const [field, v] of [['name', named], ['version', version]] as const) {
    if (v !== undefined && typeof v !== 'string') {
      report(ctx, 'E_SCHEMA', `"${field}" of "${key}" should be a string; the package was skipped.`, () => rangeIn(ctx, span, [field]));
      return undefined;
    }
  }
  const name = typeof named === 'string' && named !== '' ? named : folderName;
  if (version === undefined) report(ctx, 'E_SCHEMA', `Package "${key}" has no version.`, keyRange(ctx, span), 'warning');
  const resolved = optionalString(ctx, span, value, 'resolved');
  const integrity = optionalString(ctx, span, value, 'integrity');
  const alias = name !== folderName ? folderName : undefined;
  const source = resolved === undefined ? undefined : sourceKind(resolved);
  // Every registry package has an http(s) `resolved`; whether one was asked for by URL is
  // settled from the requesting specs once the tree is known.
  const specKind: SpecKind = source === 'git' || source === 'file' || source === 'directory' ? source : alias ? 'alias' : 'version';
  return makeEntry({
    name,
    alias,
    specKind,
    version: typeof version === 'string' ? version : undefined,
    resolved,
    integrity,
    // `devOptional` alone means "kept unless both dev and optional dependencies are omitted": npm
    // itself then counts it as neither dev nor optional, and so does deriveFlags() for other
    // formats. Only `dev` and `optional` are read.
    dev: flag(ctx, span, value, 'dev'),
    optional: flag(ctx, span, value, 'optional'),
    peer: flag(ctx, span, value, 'peer'),
    installPath: key,
    range: keyRange(ctx, span),
  });
}

function addFolderRequests(ctx: NpmLockContext, folder: Folder, out: DirectRequest[]): void {
  const path = folder.span.key;
  for (const group of DEPENDENCY_MAPS) {
    const map = folder.value[group];
    if (map === undefined) continue;
    if (!isRecord(map)) {
      report(ctx, 'E_SCHEMA', `"${group}" of "${path}" should be an object; it was ignored.`, () => rangeIn(ctx, folder.span, [group]), 'warning');
      continue;
    }
    for (const name in map) {
      const spec = map[name];
      if (typeof spec !== 'string') {
        report(ctx, 'E_SCHEMA', `The spec for "${name}" in "${path}" should be a string; it was ignored.`, () => rangeIn(ctx, folder.span, [group, name]), 'warning');
        continue;
      }
      out.push({ workspace: path, name, spec });
    }
  }
}
