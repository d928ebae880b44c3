import type { VersionDiff } from '../../../engine/diff/types';
import type { DiffView } from './protocol';
import { CAP, count, listOf, shown, shownOptional } from './shownText';

const MAX_ENTRIES = 2000;
const MAX_RULES = 50;

function rules(value: unknown): string[] {
  return listOf(value).slice(0, MAX_RULES).map((r) => shown(r, CAP.rule));
}

/** `644 → 755` when both permission sets are known and differ. */
export function modeChange(before: unknown, after: unknown): string | undefined {
  if (typeof before !== 'number' || typeof after !== 'number' || before === after) return undefined;
  const octal = (mode: number) => (mode & 0o7777).toString(8).padStart(3, '0');
  return `${octal(before)} → ${octal(after)}`;
}

function entries<T>(value: unknown): T[] {
  return listOf(value).slice(0, MAX_ENTRIES).filter((e): e is T => !!e && typeof e === 'object');
}

export function diffView(diff: VersionDiff): DiffView {
  const added = listOf(diff.added);
  const removed = listOf(diff.removed);
  const changed = listOf(diff.changed);
  const totals = diff.totals ?? { added: added.length, removed: removed.length, changed: changed.length };
  const view: DiffView = {
    from: shown(diff.from, CAP.version),
    to: shown(diff.to, CAP.version),
    basis: diff.basis === 'baseline' || diff.basis === 'explicit' ? diff.basis : 'semver-previous',
    added: entries<VersionDiff['added'][number]>(added).map((f) => ({ path: shown(f.path, CAP.path), size: count(f.size), newRules: rules(f.newRules) })),
    removed: entries<VersionDiff['removed'][number]>(removed).map((f) => ({ path: shown(f.path, CAP.path), size: count(f.size) })),
    changed: entries<VersionDiff['changed'][number]>(changed).map((f) => {
      const patchSkipped = shownOptional(f.patchSkipped, CAP.reason);
      const mode = modeChange(f.modeBefore, f.modeAfter);
      return {
        path: shown(f.path, CAP.path),
        sizeBefore: count(f.sizeBefore),
        sizeAfter: count(f.sizeAfter),
        newRules: rules(f.newRules),
        hasPatch: typeof f.patch === 'string' && f.patch.length > 0,
        ...(patchSkipped ? { patchSkipped } : {}),
        ...(mode ? { mode } : {}),
      };
    }),
    unchangedCount: count(diff.unchangedCount),
    totals: { added: count(totals.added), removed: count(totals.removed), changed: count(totals.changed) },
    packageNewRules: rules(diff.packageNewRules),
  };
  const truncated = shownOptional(diff.truncated, CAP.reason);
  if (truncated) view.truncated = truncated;
  return view;
}
