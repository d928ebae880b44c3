/**
 * `takedown.allow`: package versions a person looked at and decided to keep. An entry names one
 * exact version (never a range: the next release is a new package to judge) and records who
 * decided and when, so a reviewer can see it in the settings diff.
 */
export interface AllowEntry {
  /** `name@version`, e.g. `@scope/pkg@1.2.3`. */
  package: string;
  by?: string;
  /** ISO time of the decision. */
  at?: string;
  reason?: string;
}

const MAX_ENTRIES = 10_000;

/** Splits `name@version` at the last `@` that is not the scope's. */
export function splitPackageKey(key: string): { name: string; version: string } | undefined {
  const at = key.lastIndexOf('@');
  if (at <= 0) return undefined;
  const name = key.slice(0, at);
  const version = key.slice(at + 1);
  return name && version ? { name, version } : undefined;
}

/** Accepts the setting's value as found (hand-edited JSON): objects with a `package`, or bare `name@version` strings. */
export function parseAllowList(value: unknown): AllowEntry[] {
  if (!Array.isArray(value)) return [];
  const out: AllowEntry[] = [];
  for (const item of value.slice(0, MAX_ENTRIES)) {
    if (typeof item === 'string') {
      if (splitPackageKey(item.trim())) out.push({ package: item.trim() });
      continue;
    }
    if (typeof item !== 'object' || item === null) continue;
    const record = item as Record<string, unknown>;
    if (typeof record.package !== 'string' || !splitPackageKey(record.package.trim())) continue;
    const entry: AllowEntry = { package: record.package.trim() };
    if (typeof record.by === 'string') entry.by = record.by;
    if (typeof record.at === 'string') entry.at = record.at;
    if (typeof record.reason === 'string') entry.reason = record.reason;
    out.push(entry);
  }
  return out;
}

export function isAllowed(allow: readonly AllowEntry[], name: string, version: string | undefined): AllowEntry | undefined {
  if (!version) return undefined;
  const key = `${name}@${version}`;
  return allow.find((e) => e.package === key);
}

/** The workspace list after allowing `name@version`: existing entries kept as they were, no duplicate. */
export function addToAllowList(current: unknown, name: string, version: string, by: string, now: Date): unknown[] {
  const list = Array.isArray(current) ? [...current] : [];
  const key = `${name}@${version}`;
  if (parseAllowList(list).some((e) => e.package === key)) return list;
  list.push({ package: key, by, at: now.toISOString() });
  return list;
}
