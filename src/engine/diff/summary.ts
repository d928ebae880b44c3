import type { VersionDiff } from './types';

/** Each rule that fires now and did not before, with the files it fires in ("package" for package-wide findings), by rule id. */
export function newRulesByRule(diff: VersionDiff): Map<string, string[]> {
  const where = new Map<string, string[]>();
  const add = (rule: string, file: string): void => {
    const list = where.get(rule);
    if (list) list.push(file);
    else where.set(rule, [file]);
  };
  for (const f of [...diff.added, ...diff.changed, ...(diff.unchangedWithNewRules ?? [])]) for (const r of f.newRules) add(r, f.path);
  for (const r of diff.packageNewRules ?? []) add(r, 'package');
  return new Map([...where].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** One line for scan output and hovers: `changed since 1.0.0: +3 files, ~2 changed, -1 removed, new rules: a, b`. Untrusted parts are the caller's to escape. */
export function diffSummaryLine(diff: VersionDiff): string {
  const totals = diff.totals ?? { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
  const rules = [...newRulesByRule(diff).keys()];
  return `changed since ${diff.from}: +${totals.added} files, ~${totals.changed} changed, -${totals.removed} removed, new rules: ${rules.length ? rules.join(', ') : 'none'}`;
}
