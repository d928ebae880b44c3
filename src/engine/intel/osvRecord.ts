// Reading OSV records, which are untrusted input whether they come from OSV.dev or from a folder
// on disk: every field is checked for its type before use, text is cut to a readable length and
// stripped of control characters, and nothing is ever interpreted beyond version comparison.
import semver from 'semver';
import type { KnownMalwareRecord } from './types';

/** The parts of an OSV record this module reads; anything may be missing or of the wrong type. */
export type RawOsvRecord = Record<string, unknown>;

/** How every failed lookup's reason starts (never read as "not malware"). */
export const UNAVAILABLE = 'known-malware lookup unavailable';

const MAX_SUMMARY = 300;
const MALWARE_CWE = 'CWE-506';
/**
 * Titles GitHub and the malicious-packages pipeline give malware advisories. A free-text search for
 * "malicious" would also match ordinary vulnerabilities ("a malicious user can ..."), so only these
 * title shapes and the CWE-506 tag count.
 */
const MALWARE_TITLE = /^\s*(?:malicious code in|malware in|malicious package|embedded malicious code)\b/i;

/**
 * Whether a record says its package is malware (not merely vulnerable):
 * - an id starting `MAL-` (the ossf/malicious-packages records OSV.dev serves), or
 * - any other advisory (GHSA-...) tagged CWE-506 "Embedded Malicious Code" (in the top-level
 *   `database_specific.cwe_ids` GitHub uses, or an affected entry's `database_specific.cwes`), or
 *   titled like a malware advisory ("Malware in x", "Malicious code in x").
 * Withdrawn records are never malware: a withdrawal is how a false positive is retracted.
 */
export function isMalwareRecord(record: RawOsvRecord, id = recordId(record)): boolean {
  if (typeof record.withdrawn === 'string' && record.withdrawn !== '') return false;
  if (id.toUpperCase().startsWith('MAL-')) return true;
  if (typeof record.summary === 'string' && MALWARE_TITLE.test(record.summary)) return true;
  return cweIds(record).includes(MALWARE_CWE);
}

function cweIds(record: RawOsvRecord): string[] {
  const out: string[] = [];
  const top = asObject(record.database_specific);
  if (top && Array.isArray(top.cwe_ids)) for (const c of top.cwe_ids) if (typeof c === 'string') out.push(c.toUpperCase());
  for (const a of asArray(record.affected)) {
    const ds = asObject(asObject(a)?.database_specific);
    for (const c of asArray(ds?.cwes)) {
      const cweId = asObject(c)?.cweId;
      if (typeof cweId === 'string') out.push(cweId.toUpperCase());
    }
  }
  return out;
}

export function recordId(record: RawOsvRecord, fallback = ''): string {
  return typeof record.id === 'string' && record.id !== '' ? cleanText(record.id, 100) : fallback;
}

/** The contract's view of a record: id, one-line summary, osv.dev link, aliases, dates. */
export function toKnownMalwareRecord(record: RawOsvRecord, fallbackId = ''): KnownMalwareRecord {
  const id = recordId(record, fallbackId);
  const aliases = asArray(record.aliases).filter((a): a is string => typeof a === 'string').slice(0, 20).map((a) => cleanText(a, 100));
  return {
    id,
    summary: summaryOf(record),
    url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`,
    aliases,
    ...(typeof record.published === 'string' ? { published: cleanText(record.published, 40) } : {}),
    ...(typeof record.modified === 'string' ? { modified: cleanText(record.modified, 40) } : {}),
    ...(typeof record.withdrawn === 'string' && record.withdrawn !== '' ? { withdrawn: cleanText(record.withdrawn, 40) } : {}),
  };
}

/** The summary, else the first line of details that says something (not a separator or the pipeline's marker). */
function summaryOf(record: RawOsvRecord): string {
  if (typeof record.summary === 'string' && record.summary.trim()) return cleanText(record.summary, MAX_SUMMARY);
  if (typeof record.details !== 'string') return '';
  for (const line of record.details.slice(0, 20_000).split('\n')) {
    const t = line.trim();
    if (!t || /^[-_=*#\s]+$/.test(t) || t.includes('Per source details') || /^#+\s*Source:/.test(t)) continue;
    return cleanText(t, MAX_SUMMARY);
  }
  return '';
}

/** Control characters out, whitespace collapsed, cut to `max` characters. */
export function cleanText(text: string, max: number): string {
  const t = text.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069]+/g, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

// ---- which versions a record names -----------------------------------------------------------

type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

/** One affected entry for an npm package, reduced to what version matching needs. */
export interface AffectedNpm {
  name: string;
  versions: string[];
  /** SEMVER / ECOSYSTEM ranges, events in record order. */
  ranges: RangeEvent[][];
}

/** The npm entries of `affected` (other ecosystems and malformed entries are left out). */
export function npmAffected(record: RawOsvRecord): AffectedNpm[] {
  const out: AffectedNpm[] = [];
  for (const a of asArray(record.affected).slice(0, 1000)) {
    const entry = asObject(a);
    const pkg = asObject(entry?.package);
    if (!entry || !pkg || pkg.ecosystem !== 'npm' || typeof pkg.name !== 'string' || !pkg.name || pkg.name.length > 214) continue;
    const versions = asArray(entry.versions).filter((v): v is string => typeof v === 'string' && v.length <= 256);
    const ranges: RangeEvent[][] = [];
    for (const r of asArray(entry.ranges)) {
      const range = asObject(r);
      if (!range || (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM')) continue;
      const events: RangeEvent[] = [];
      for (const e of asArray(range.events)) {
        const ev = asObject(e);
        if (!ev) continue;
        for (const key of ['introduced', 'fixed', 'last_affected', 'limit'] as const) {
          if (typeof ev[key] === 'string') events.push({ [key]: ev[key] } as RangeEvent);
        }
      }
      if (events.some((e) => 'introduced' in e)) ranges.push(events);
    }
    out.push({ name: pkg.name, versions, ranges });
  }
  return out;
}

/** Whether `version` is named by an affected entry: listed, or inside one of its ranges. */
export function affectsVersion(affected: AffectedNpm, version: string): boolean {
  if (affected.versions.includes(version)) return true;
  const v = semver.parse(version);
  if (!v) return false;
  return affected.ranges.some((events) => inRange(v, events));
}

/**
 * OSV range semantics: walk the events in version order; `introduced` opens an affected interval
 * (`"0"` meaning from the first version), `fixed` and `limit` close it before that version,
 * `last_affected` closes it after that version. Events whose version does not parse are ignored.
 */
function inRange(v: semver.SemVer, events: RangeEvent[]): boolean {
  const keyed: { at: semver.SemVer | null; kind: 'introduced' | 'fixed' | 'last_affected' | 'limit' }[] = [];
  for (const e of events) {
    const [kind, raw] = Object.entries(e)[0] as [keyof typeof e & string, string];
    if (kind === 'introduced' && raw === '0') {
      keyed.push({ at: null, kind: 'introduced' });
      continue;
    }
    const at = semver.parse(raw);
    if (at) keyed.push({ at, kind: kind as 'introduced' });
  }
  keyed.sort((a, b) => (a.at === null ? -1 : b.at === null ? 1 : semver.compare(a.at, b.at)));
  let affected = false;
  for (const e of keyed) {
    if (e.kind === 'introduced') {
      if (e.at === null || semver.gte(v, e.at)) affected = true;
      else break;
    } else if (e.kind === 'last_affected') {
      if (e.at && semver.gt(v, e.at)) affected = false;
      else break;
    } else if (e.at && semver.gte(v, e.at)) affected = false;
    else break;
  }
  return affected;
}

function asObject(v: unknown): Record<string, unknown> | undefined {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

/** A GHSA malware advisory that a MAL- record lists as its alias is the same finding: keep the MAL-. */
export function dropAliased(records: KnownMalwareRecord[]): KnownMalwareRecord[] {
  const aliased = new Set(records.filter((r) => r.id.startsWith('MAL-')).flatMap((r) => r.aliases));
  return records.filter((r) => r.id.startsWith('MAL-') || !aliased.has(r.id));
}
