import { isAllowed, type AllowEntry } from './allowList';
import { capitalise } from './diagnosticData';
import { plainText } from './safeText';
import type { ShownVerdict } from './settings';
import { verdictView, type PackageState } from './verdictView';

/** One flagged package version, as the Flagged tree and the Investigate quick pick list it. */
export interface FlaggedPackage {
  /** The store key it was found under (`name@version`, or `name@spec` when nothing resolved it). */
  key: string;
  name: string;
  /** Exact version when known, else the spec that was scanned. */
  version: string;
  verdict: ShownVerdict;
  /** Plain text, safe as a tree or quick-pick label (no `$(icon)` syntax). */
  label: string;
  reason: string;
}

export interface FlaggedGroup {
  verdict: ShownVerdict;
  /** `Malicious (2)`. */
  label: string;
  items: FlaggedPackage[];
}

/** Most urgent first. */
export const GROUP_ORDER: readonly ShownVerdict[] = ['malicious', 'suspicious', 'unknown', 'notable'];

/** Package text as a label: one line, capped, and `$(` broken so VS Code draws no codicon from it. */
export function safeLabel(text: string, max = 200): string {
  return plainText(text, max).replace(/\$\(/g, '$ (');
}

/**
 * Every flagged package version in the store, once each. A state stored under its range and under
 * its resolved version is one package, and a local scan adopted under `name@version` is the same
 * one as under its path; allowed versions are left out, as the diagnostics leave them out.
 */
export function flaggedPackages(states: Iterable<[string, PackageState]>, allow: readonly AllowEntry[], listed?: (pkg: { key: string; name: string; version: string }) => boolean): FlaggedPackage[] {
  const byId = new Map<string, FlaggedPackage>();
  for (const [key, state] of states) {
    const view = verdictView(state);
    if (!view || view.verdict === 'clean') continue;
    const version = state.result?.version || state.version || state.spec || key.slice(state.name.length + 1);
    if (isAllowed(allow, state.name, version)) continue;
    if (listed && !listed({ key, name: state.name, version })) continue;
    const id = `${state.name}@${version}`;
    const existing = byId.get(id);
    // The entry stored under its own name@version is the one commands look up.
    if (existing && existing.key === id) continue;
    byId.set(id, { key, name: state.name, version, verdict: view.verdict, label: safeLabel(id), reason: safeLabel(view.reason, 300) });
  }
  return [...byId.values()].sort((a, b) => a.label.localeCompare(b.label));
}

/** The tree's top level: one group per verdict that has packages, with its count. */
export function groupFlagged(packages: readonly FlaggedPackage[]): FlaggedGroup[] {
  return GROUP_ORDER.map((verdict) => {
    const items = packages.filter((p) => p.verdict === verdict);
    return { verdict, label: `${capitalise(verdict)} (${items.length})`, items };
  }).filter((g) => g.items.length > 0);
}

/**
 * Which packages belong in the Flagged view: those a dependency file names now (a diagnostic is on
 * their line) and those someone asked for by name (Scan Package…). A dependency removed from
 * package.json leaves the view with its diagnostic, though its verdict stays known.
 */
export function listedInWorkspace(onLines: Iterable<{ name: string; version: string }>, requested: ReadonlySet<string>): (pkg: { key: string; name: string; version: string }) => boolean {
  const exact = new Set<string>();
  const anyVersion = new Set<string>();
  for (const d of onLines) {
    if (d.version) exact.add(`${d.name}@${d.version}`);
    else anyVersion.add(d.name);
  }
  return ({ key, name, version }) => requested.has(key) || requested.has(`${name}@${version}`) || exact.has(`${name}@${version}`) || anyVersion.has(name);
}
