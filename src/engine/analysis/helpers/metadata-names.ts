import type { PopularPackages } from '../types';

/** How a name borrows a popular one. */
export type SquatKind = 'edit' | 'separator' | 'scope' | 'dropped-scope';

export interface SquatMatch {
  target: string;
  kind: SquatKind;
}

/** Below this length one edit reaches too many honest names (`ms` -> `mz`, `ws`, `ns` ...). */
const MIN_EDIT_LENGTH = 5;
/** A dropped scope leaves a generic word (`@azure/logger` -> `logger`) unless the rest is long and compound. */
const DISTINCT_BARE_NAME = /^(?=.{8,})[a-z0-9]+(?:[-.][a-z0-9]+)+$/;

function scopeOf(name: string): string | undefined {
  return name.startsWith('@') && name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined;
}

/** The name with every separator and scope mark removed: `@types/node`, `types-node`, `types_node` -> `typesnode`. */
export function squashed(name: string): string {
  return name.replace(/[-_.@/]/g, '');
}

/** Optimal string alignment distance (Levenshtein plus adjacent transposition), stopping past `max`. */
export function editDistance(a: string, b: string, max = 1): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

function deletions(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.slice(0, i) + s.slice(i + 1));
  return out;
}

/**
 * Finds the popular package a name imitates. Built once per list: a deletion neighbourhood for
 * one-edit lookups (a candidate and a target within one edit share a string once at most one
 * character is deleted from each), and maps of squashed and scope-less names.
 */
export class PopularIndex {
  private readonly rank = new Map<string, number>();
  private readonly established: Set<string>;
  private readonly neighbours = new Map<string, string[]>();
  private readonly bySquash = new Map<string, string>();
  private readonly byBareName = new Map<string, string>();

  constructor(popular: PopularPackages) {
    popular.names.forEach((raw, i) => {
      const name = raw.toLowerCase();
      if (this.rank.has(name)) return;
      this.rank.set(name, i);
      if (name.length >= MIN_EDIT_LENGTH) {
        for (const key of [name, ...deletions(name)]) {
          const list = this.neighbours.get(key);
          if (list) list.push(name);
          else this.neighbours.set(key, [name]);
        }
      }
      const squash = squashed(name);
      if (squash.length >= 3 && !this.bySquash.has(squash)) this.bySquash.set(squash, name);
      const scope = scopeOf(name);
      const bare = scope ? name.slice(scope.length + 1) : undefined;
      if (bare && DISTINCT_BARE_NAME.test(bare) && !this.byBareName.has(bare)) this.byBareName.set(bare, name);
    });
    this.established = new Set((popular.established ?? []).map((n) => n.toLowerCase()));
  }

  isPopular(name: string): boolean {
    return this.rank.has(name.toLowerCase());
  }

  /** The most popular package `name` imitates, if any; popular and established names imitate nothing. */
  match(rawName: string): SquatMatch | undefined {
    const name = rawName.toLowerCase();
    if (this.rank.has(name) || this.established.has(name)) return undefined;
    const candidates: SquatMatch[] = [];
    const scope = scopeOf(name);
    // A scope belongs to one owner: a sibling in the target's own scope is the same publisher's.
    const foreign = (target: string) => target !== name && (scope === undefined || scopeOf(target) !== scope);

    const squash = this.bySquash.get(squashed(name));
    if (squash && foreign(squash)) candidates.push({ target: squash, kind: scope || scopeOf(squash) ? 'scope' : 'separator' });
    if (!scope) {
      const full = this.byBareName.get(name);
      if (full) candidates.push({ target: full, kind: 'dropped-scope' });
    }
    if (name.length >= MIN_EDIT_LENGTH) {
      const seen = new Set<string>();
      for (const key of [name, ...deletions(name)]) {
        for (const target of this.neighbours.get(key) ?? []) {
          if (seen.has(target) || !foreign(target)) continue;
          seen.add(target);
          if (editDistance(name, target) === 1) candidates.push({ target, kind: 'edit' });
        }
      }
    }
    if (!candidates.length) return undefined;
    return candidates.reduce((best, c) => (this.rank.get(c.target)! < this.rank.get(best.target)! ? c : best));
  }
}

const indexes = new WeakMap<PopularPackages, PopularIndex>();

/** One index per list object (the default list is built once per process). */
export function popularIndex(popular: PopularPackages): PopularIndex {
  let index = indexes.get(popular);
  if (!index) {
    index = new PopularIndex(popular);
    indexes.set(popular, index);
  }
  return index;
}
