import { createTwoFilesPatch, FILE_HEADERS_ONLY } from 'diff';
import { analyzePackage } from '../analysis/analyze';
import { looksMinified } from '../analysis/traits';
import type { Finding, Rule } from '../analysis/types';
import { RULES } from '../rules/index';
import { toPackageInput } from '../scan/scanContents';
import type { PackageFile, TarballContents } from '../tarball/types';
import type { ChangedFileEntry, DiffFileEntry, VersionDiff } from './types';

export interface DiffLimits {
  /** Entries listed over added + removed + changed; the rest are only counted in `totals`. */
  maxListedFiles: number;
  /** Characters of one file's patch kept (cut at a line end). */
  maxPatchChars: number;
  /** Characters of all patches together; later files get no patch once it is used up. */
  maxTotalPatchChars: number;
  /** Files bigger than this (either side) get no patch: "too large to diff". */
  maxDiffInputChars: number;
  /** Minified files bigger than this get no patch: one changed line is the whole file. */
  maxMinifiedChars: number;
  /** Myers edit distance (in lines) past which jsdiff gives up; keeps a rewritten file cheap. */
  maxEditLines: number;
  /** Wall-clock safety net per file for jsdiff, in ms. */
  patchTimeoutMs: number;
}

export const DEFAULT_DIFF_LIMITS: Readonly<DiffLimits> = Object.freeze({
  maxListedFiles: 2000,
  maxPatchChars: 64 * 1024,
  maxTotalPatchChars: 1024 * 1024,
  maxDiffInputChars: 1024 * 1024,
  maxMinifiedChars: 32 * 1024,
  maxEditLines: 5000,
  patchTimeoutMs: 2000,
});

export interface DiffOptions {
  name: string;
  from: string;
  to: string;
  basis: VersionDiff['basis'];
  rules?: readonly Rule[];
  limits?: Partial<DiffLimits>;
  /** Leave patches out (the stat and the rules only). */
  patches?: boolean;
  /** The new version's findings from a scan that already analysed it with the same rules (saves a second analysis). */
  afterFindings?: readonly Finding[];
}

/**
 * Compares two versions' files by path and content hash, runs the rules on both to find what
 * fires only in the new one, and makes capped unified diffs of changed text files. Pure: both
 * sides were already read (under the tarball caps) and nothing here touches the network or disk.
 */
export function diffContents(before: TarballContents, after: TarballContents, opts: DiffOptions): VersionDiff {
  const limits = { ...DEFAULT_DIFF_LIMITS, ...opts.limits };
  const rules = opts.rules ?? RULES;
  const oldFiles = byPath(before.files);
  const newFiles = byPath(after.files);
  const oldRules = rulesByFile(before, opts.name, opts.from, rules);
  const newRules = opts.afterFindings ? groupByFile(opts.afterFindings) : rulesByFile(after, opts.name, opts.to, rules);
  const fresh = (path: string): string[] => minus(newRules.files.get(path), oldRules.files.get(path));

  const added: VersionDiff['added'] = [];
  const removed: DiffFileEntry[] = [];
  const changedPairs: [PackageFile, PackageFile][] = [];
  const unchangedWithNewRules: { path: string; newRules: string[] }[] = [];
  let unchangedCount = 0;
  let uncompared = 0;

  for (const [path, file] of newFiles) {
    const old = oldFiles.get(path);
    if (!old) {
      added.push({ path, size: file.size, binary: file.binary, newRules: fresh(path) });
      continue;
    }
    const same = sameContent(old, file);
    if (same === false || old.mode !== file.mode) {
      changedPairs.push([old, file]);
      continue;
    }
    if (same === undefined) uncompared++;
    unchangedCount++;
    const rulesNow = fresh(path);
    if (rulesNow.length) unchangedWithNewRules.push({ path, newRules: rulesNow });
  }
  for (const [path, file] of oldFiles) if (!newFiles.has(path)) removed.push({ path, size: file.size, binary: file.binary });

  const totals = { added: added.length, removed: removed.length, changed: changedPairs.length };
  const notes: string[] = [];
  const listed = pickListed(added, removed, changedPairs, fresh, limits.maxListedFiles);
  if (listed.cut) notes.push(`${listed.cut} of ${totals.added + totals.removed + totals.changed} changed paths not listed (over ${limits.maxListedFiles})`);

  const budget = { left: limits.maxTotalPatchChars, exhausted: 0 };
  const changed = listed.changed.map(([old, file]) => changedEntry(old, file, fresh(file.path), opts.patches !== false, limits, budget));
  if (budget.exhausted) notes.push(`${budget.exhausted} changed file(s) without a patch: the ${limits.maxTotalPatchChars}-character patch budget was used up`);
  if (uncompared) notes.push(`${uncompared} file(s) read only partly on both sides were taken as unchanged (same size and first bytes)`);
  for (const [side, contents] of [['previous', before], ['new', after]] as const) {
    // A file over the single-file cap was still hashed whole: only the other caps leave files out.
    const caps = contents.capsHit.filter((c) => c.limit !== 'maxFileBytes');
    if (caps.length) notes.push(`the ${side} version was read only partly (${caps.map((c) => c.limit).join(', ')} limit)`);
  }

  const packageNewRules = minus(newRules.packageWide, oldRules.packageWide);
  return {
    name: opts.name,
    from: opts.from,
    to: opts.to,
    basis: opts.basis,
    added: listed.added,
    removed: listed.removed,
    changed,
    unchangedCount,
    totals,
    ...(packageNewRules.length ? { packageNewRules } : {}),
    ...(unchangedWithNewRules.length ? { unchangedWithNewRules: unchangedWithNewRules.slice(0, limits.maxListedFiles) } : {}),
    ...(notes.length ? { truncated: notes.join('; ') } : {}),
  };
}

function byPath(files: PackageFile[]): Map<string, PackageFile> {
  // Sorted by code unit so the output never depends on archive order or the locale.
  const sorted = [...files].sort(byPathOrder);
  return new Map(sorted.map((f) => [f.path, f]));
}

function byPathOrder(a: { path: string }, b: { path: string }): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}

/** `true`/`false` when known; `undefined` when neither side was read whole and what was read agrees. */
export function sameContent(a: PackageFile, b: PackageFile): boolean | undefined {
  if (a.size !== b.size) return false;
  if (a.sha256 && b.sha256) return a.sha256 === b.sha256;
  if (a.text !== undefined && b.text !== undefined) return a.text === b.text;
  if (!bytesEqual(a.head, b.head)) return false;
  if (a.prefix && b.prefix) return bytesEqual(a.prefix, b.prefix) ? undefined : false;
  return undefined;
}

function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

interface RulesByFile {
  files: Map<string, Set<string>>;
  packageWide: Set<string>;
}

function rulesByFile(contents: TarballContents, name: string, version: string, rules: readonly Rule[]): RulesByFile {
  const pkg = toPackageInput(contents, { target: `${name}@${version}`, name, version });
  return groupByFile(analyzePackage(pkg, rules).findings);
}

/**
 * Registry metadata and known-malware findings describe the version, not its files: a scan's
 * findings carry them, a bare analysis does not, so they are left out on both sides.
 */
function groupByFile(findings: readonly Finding[]): RulesByFile {
  const out: RulesByFile = { files: new Map(), packageWide: new Set() };
  for (const f of findings) {
    if (ruleFailed(f) || f.kind === 'metadata' || f.kind === 'intel') continue;
    if (f.file === undefined) {
      out.packageWide.add(f.rule);
      continue;
    }
    let set = out.files.get(f.file);
    if (!set) out.files.set(f.file, (set = new Set()));
    set.add(f.rule);
  }
  return out;
}

/** A rule that crashed on one side is not a rule that "newly fires". */
function ruleFailed(f: Finding): boolean {
  return f.severity === 'info' && f.message.startsWith(`Rule ${f.rule} failed (E_RULE)`);
}

function minus(now: Set<string> | undefined, before: Set<string> | undefined): string[] {
  if (!now) return [];
  return [...now].filter((r) => !before?.has(r)).sort();
}

/**
 * Keeps at most `max` entries: files where a rule newly fires first (they are what a reader
 * needs), then changed, added and removed files in path order.
 */
function pickListed(
  added: VersionDiff['added'],
  removed: DiffFileEntry[],
  changed: [PackageFile, PackageFile][],
  fresh: (path: string) => string[],
  max: number,
): { added: VersionDiff['added']; removed: DiffFileEntry[]; changed: [PackageFile, PackageFile][]; cut: number } {
  const total = added.length + removed.length + changed.length;
  if (total <= max) return { added, removed, changed, cut: 0 };
  const keep = new Set<string>();
  const take = (path: string): void => {
    if (keep.size < max) keep.add(path);
  };
  for (const [, f] of changed) if (fresh(f.path).length) take(f.path);
  for (const a of added) if (a.newRules.length) take(a.path);
  for (const [, f] of changed) take(f.path);
  for (const a of added) take(a.path);
  // Removed paths are kept apart: a path is never both removed and added/changed.
  const removedKept: DiffFileEntry[] = [];
  for (const r of removed) if (keep.size + removedKept.length < max) removedKept.push(r);
  const out = { added: added.filter((a) => keep.has(a.path)), removed: removedKept, changed: changed.filter(([, f]) => keep.has(f.path)) };
  return { ...out, cut: total - out.added.length - out.removed.length - out.changed.length };
}

function changedEntry(old: PackageFile, file: PackageFile, newRules: string[], patches: boolean, limits: DiffLimits, budget: { left: number; exhausted: number }): ChangedFileEntry {
  const entry: ChangedFileEntry = { path: file.path, sizeBefore: old.size, sizeAfter: file.size, binary: old.binary || file.binary, newRules };
  if (old.mode !== file.mode) Object.assign(entry, { modeBefore: old.mode, modeAfter: file.mode });
  if (!patches) return entry;
  const skip = (why: string): ChangedFileEntry => ({ ...entry, patchSkipped: why });
  if (entry.binary) return skip('binary');
  if (old.text === undefined || file.text === undefined) return skip('too large to diff (not read whole)');
  if (old.text === file.text) return entry; // only the mode changed
  if (old.text.length > limits.maxDiffInputChars || file.text.length > limits.maxDiffInputChars) return skip('too large to diff');
  if ((old.text.length > limits.maxMinifiedChars || file.text.length > limits.maxMinifiedChars) && (looksMinified(old.text) || looksMinified(file.text))) return skip('minified: too large to diff');
  if (budget.left <= 0) {
    budget.exhausted++;
    return skip('patch budget for this diff used up');
  }
  const patch = createTwoFilesPatch(`a/${file.path}`, `b/${file.path}`, old.text, file.text, undefined, undefined, { context: 3, maxEditLength: limits.maxEditLines, timeout: limits.patchTimeoutMs, headerOptions: FILE_HEADERS_ONLY });
  if (patch === undefined) return skip('too many changes to diff');
  const cap = Math.min(limits.maxPatchChars, budget.left);
  if (patch.length <= cap) {
    budget.left -= patch.length;
    return { ...entry, patch };
  }
  // Cut at a line end so the last line shown is whole; a budget cut leaves nothing for later files.
  const byBudget = budget.left < limits.maxPatchChars;
  const end = patch.lastIndexOf('\n', cap - 1);
  if (end < 0) {
    if (byBudget) budget.exhausted++;
    budget.left = byBudget ? 0 : budget.left;
    return skip(byBudget ? 'patch budget for this diff used up' : 'too large to diff');
  }
  const cut = patch.slice(0, end + 1);
  budget.left = byBudget ? 0 : budget.left - cut.length;
  return { ...entry, patch: cut, patchTruncated: true };
}
