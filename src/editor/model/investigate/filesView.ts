import type { FileSummary } from '../../../engine/analysis/analyze';
import type { Finding } from '../../../engine/analysis/types';
import type { VersionDiff } from '../../../engine/diff/types';
import type { EntryPoint } from '../../../engine/scan/result';
import type { EntryPointView, FileFlag, FileView, FilesView } from './protocol';
import { CAP, count, listOf, shown } from './shownText';

export const DEFAULT_MAX_FILES = 2000;
const MAX_ENTRY_POINTS = 100;

function normalise(path: string): string {
  return path.replace(/\\/g, '/').replace(/^(?:\.\/)+/, '').replace(/^\/+/, '');
}

/** The package files a path or command names, trying what `require` and `node` would (`x` → `x.js`, `x/index.js`). */
function namedFiles(text: string, paths: ReadonlySet<string>, wholeValue: boolean): string[] {
  const words = wholeValue ? [text] : text.split(/[\s;&|()<>"'`=]+/);
  const out: string[] = [];
  for (const word of words.slice(0, 200)) {
    const path = normalise(word);
    if (!path) continue;
    for (const candidate of [path, `${path}.js`, `${path}/index.js`]) {
      if (paths.has(candidate)) {
        out.push(candidate);
        break;
      }
    }
  }
  return out;
}

/** Files each kind of entry point starts: install-time (lifecycle scripts, binding.gyp) and import/bin. */
function entryFiles(entryPoints: readonly EntryPoint[], paths: ReadonlySet<string>): { installTime: Set<string>; entry: Set<string> } {
  const installTime = new Set<string>();
  const entry = new Set<string>();
  for (const point of entryPoints) {
    if (point.kind === 'binding.gyp') {
      if (paths.has('binding.gyp')) installTime.add('binding.gyp');
      continue;
    }
    const named = namedFiles(point.detail, paths, point.kind !== 'lifecycle');
    for (const path of named) (point.installTime ? installTime : entry).add(path);
    // The command itself (`curl … | sh`) lives in package.json.
    if (point.kind === 'lifecycle' && point.installTime && paths.has('package.json')) installTime.add('package.json');
  }
  return { installTime, entry };
}

export function entryPointViews(entryPoints: readonly EntryPoint[]): EntryPointView[] {
  return entryPoints.slice(0, MAX_ENTRY_POINTS).map((p) => ({
    kind: p.kind,
    label: shown(p.label, CAP.label),
    detail: shown(p.detail, CAP.detail),
    installTime: p.installTime === true,
  }));
}

function byPath(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/**
 * The file list with its flags, sorted by path. Over `maxFiles` it keeps flagged files first (what
 * a researcher looks at) and says how many were left out.
 */
export function filesView(files: readonly FileSummary[], findings: readonly Finding[], diff: VersionDiff | undefined, rawEntryPoints: readonly EntryPoint[] | undefined, maxFiles = DEFAULT_MAX_FILES): FilesView {
  const entryPoints = listOf(rawEntryPoints).filter((p): p is EntryPoint => !!p && typeof p === 'object' && typeof (p as EntryPoint).detail === 'string' && typeof (p as EntryPoint).label === 'string');
  const paths = new Set(files.map((f) => f.path));
  const findingCounts = new Map<string, number>();
  for (const f of findings) if (typeof f.file === 'string') findingCounts.set(f.file, (findingCounts.get(f.file) ?? 0) + 1);
  const added = new Set(listOf(diff?.added).map((f) => (f as { path?: unknown }).path));
  const changed = new Set(listOf(diff?.changed).map((f) => (f as { path?: unknown }).path));
  const { installTime, entry } = entryFiles(entryPoints, paths);

  const all = [...files].sort(byPath).map((file, order): { view: FileView; flagged: boolean; order: number } => {
    const flags: FileFlag[] = [];
    const findingCount = findingCounts.get(file.path) ?? 0;
    if (file.binary) flags.push('binary');
    if (file.traits?.minified) flags.push('minified');
    if (file.parsed === false) flags.push('unparsable');
    if (file.truncated) flags.push('truncated');
    if (added.has(file.path)) flags.push('new');
    if (changed.has(file.path)) flags.push('changed');
    if (findingCount > 0) flags.push('findings');
    if (installTime.has(file.path)) flags.push('install-time');
    if (entry.has(file.path) || file.traits?.entryPoint) flags.push('entry-point');
    return { view: { path: shown(file.path, CAP.path), size: count(file.size), flags, findingCount }, flagged: flags.length > 0, order };
  });

  const max = Math.max(0, Math.floor(maxFiles));
  let kept = all;
  let cut: string | undefined;
  if (all.length > max) {
    const flagged = all.filter((f) => f.flagged);
    kept = [...flagged, ...all.filter((f) => !f.flagged)].slice(0, max);
    cut = `Showing ${max.toLocaleString('en-US')} of ${all.length.toLocaleString('en-US')} files: ${Math.min(flagged.length, max) === flagged.length ? 'every flagged file, then the others by path' : 'flagged files only'}.`;
  }
  const view: FilesView = {
    files: kept.sort((a, b) => a.order - b.order).map((f) => f.view),
    total: files.length,
    totalSize: files.reduce((sum, f) => sum + count(f.size), 0),
    entryPoints: entryPointViews(entryPoints),
  };
  if (cut) view.cut = cut;
  return view;
}
