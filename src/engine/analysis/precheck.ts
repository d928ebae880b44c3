import type { RuleMeta } from './types';

/**
 * Whether a file can hold a value the source does not spell out. The resolver and the partial
 * strings build values from pieces (`+`, `${}`, `.join`/`.concat`, path.join/resolve/normalize),
 * decode them (escapes, base64/hex through Buffer or atob, char codes, URI decoding) and put
 * placeholders for a few environment variables (`XDG_CONFIG_HOME` reads as `~/.config`). A file
 * with none of these signals can only yield values that occur, case aside (`toLowerCase`), in its
 * text: there a rule whose `needs` does not match cannot fire. `++` and `+=` are left out: an
 * update is never a constant, and a reassigned name is never resolved.
 */
const ASSEMBLY = /(?<!\+)\+(?![+=])|\\|\$\{|join|concat|fromCharCode|fromCodePoint|atob|buffer|decodeURI|unescape|resolve|normalize|XDG_CONFIG|APPDATA|PROGRAMDATA/i;

/**
 * Decides, once per file, which rules cannot fire on it (`meta.needs`), so their set-up and
 * visitors are skipped. One ASSEMBLY scan per file; each distinct `needs` is tested at most once,
 * and only on files without assembly signals (mostly small ones, where set-up dominates).
 */
export class Precheck {
  private assembled: boolean | undefined;
  private readonly tested = new Map<RegExp, boolean>();

  constructor(private readonly text: string) {}

  canFire(meta: RuleMeta): boolean {
    const needs = meta.needs;
    if (!needs) return true;
    this.assembled ??= ASSEMBLY.test(this.text);
    if (this.assembled) return true;
    let found = this.tested.get(needs);
    if (found === undefined) {
      needs.lastIndex = 0;
      found = needs.test(this.text);
      this.tested.set(needs, found);
    }
    return found;
  }
}

/** A `needs` that matches any of `words` as a whole word, case aside. */
export function anyWord(words: Iterable<string>): RegExp {
  const alternatives = [...new Set(words)].map((w) => w.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
  return new RegExp(`\\b(?:${alternatives.join('|')})\\b`, 'i');
}
