// When the package already has a record, the repository refuses a second MAL-0000 file for it: the
// contributor edits the existing record instead. This merges what a new draft adds (versions,
// references, credits, IOCs, integrity) into that record and leaves the pipeline's fields (id,
// summary, aliases, origins, imported per-source details) exactly as they were.
import semver from 'semver';
import { affectsVersion, npmAffected, type RawOsvRecord } from '../intel/osvRecord';
import type { OsvDraft, OsvIocs, PackageIntegrity } from './types';
import { PER_SOURCE_MARKER } from './types';

export interface RecordUpdate {
  /** The existing record with the draft's additions; `modified` set to the draft's time. */
  record: RawOsvRecord;
  addedVersions: string[];
  /** Versions the user chose that the record already covers (listed or inside a range). */
  alreadyCovered: string[];
  addedReferences: number;
  addedCredits: number;
  /** Whether the draft's text went into `details` (only when the record has no user-written text). */
  detailsAdded: boolean;
}

type Obj = Record<string, unknown>;

function isObject(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The versions an existing record names for `name`, as a short phrase (`1.0.0, 1.0.1`, `all versions`). */
export function coveredVersions(record: RawOsvRecord, name: string): { versions: string[]; ranges: string[] } {
  const entries = npmAffected(record).filter((a) => a.name === name);
  const versions = [...new Set(entries.flatMap((a) => a.versions))];
  const ranges = entries.flatMap((a) => a.ranges.map((events) => events.map((e) => Object.entries(e).map(([k, v]) => (k === 'introduced' && v === '0' ? 'all versions' : `${k} ${v}`)).join('')).join(', ')));
  return { versions, ranges };
}

/**
 * `existing` is the record as read from the repository (never modified in place); `draft` is what
 * buildDraft produced for the same package.
 */
export function updateExistingRecord(existing: RawOsvRecord, draft: OsvDraft): RecordUpdate {
  const record = structuredClone(existing) as Obj;
  const name = draft.affected[0].package.name;
  const affectedList = Array.isArray(record.affected) ? record.affected : (record.affected = []);
  let entry = (affectedList as unknown[]).find((a) => isObject(a) && isObject(a.package) && a.package.ecosystem === 'npm' && a.package.name === name) as Obj | undefined;
  if (!entry) {
    entry = { package: { ecosystem: 'npm', name } };
    (affectedList as unknown[]).push(entry);
  }
  const parsed = npmAffected({ affected: [entry] })[0] ?? { name, versions: [], ranges: [] };

  const wanted = draft.affected[0].versions ?? [];
  const addedVersions: string[] = [];
  const alreadyCovered: string[] = [];
  for (const v of wanted) (affectsVersion(parsed, v) ? alreadyCovered : addedVersions).push(v);
  if (draft.affected[0].ranges?.some((r) => r.events.some((e) => 'introduced' in e && e.introduced === '0')) && !parsed.ranges.some((r) => r.some((e) => 'introduced' in e && e.introduced === '0'))) {
    entry.ranges = [...(Array.isArray(entry.ranges) ? entry.ranges : []), { type: 'SEMVER', events: [{ introduced: '0' }] }];
  }
  if (addedVersions.length) {
    const current = Array.isArray(entry.versions) ? (entry.versions as unknown[]).filter((v): v is string => typeof v === 'string') : [];
    entry.versions = [...new Set([...current, ...addedVersions])].sort((a, b) => (semver.valid(a) && semver.valid(b) ? semver.compare(a, b) : a.localeCompare(b)));
  }

  const ds = (isObject(entry.database_specific) ? entry.database_specific : (entry.database_specific = {})) as Obj;
  const draftDs = draft.affected[0].database_specific ?? {};
  if (!Array.isArray(ds.cwes) || !(ds.cwes as unknown[]).some((c) => isObject(c) && c.cweId === 'CWE-506')) ds.cwes = [...(Array.isArray(ds.cwes) ? ds.cwes : []), ...(draftDs.cwes ?? [])];
  if (draftDs.iocs) ds.iocs = mergeIocs(isObject(ds.iocs) ? (ds.iocs as OsvIocs) : {}, draftDs.iocs);
  if (draftDs.indicators?.package_integrity?.length) {
    const indicators = (isObject(ds.indicators) ? ds.indicators : (ds.indicators = {})) as Obj;
    const current = Array.isArray(indicators.package_integrity) ? (indicators.package_integrity as PackageIntegrity[]) : [];
    const names = new Set(current.map((p) => (isObject(p) ? p.filename : undefined)));
    indicators.package_integrity = [...current, ...draftDs.indicators.package_integrity.filter((p) => !names.has(p.filename))];
  }

  const references = Array.isArray(record.references) ? (record.references as unknown[]) : [];
  const urls = new Set(references.map((r) => (isObject(r) ? r.url : undefined)));
  const newRefs = draft.references.filter((r) => !urls.has(r.url));
  if (newRefs.length) record.references = [...references, ...newRefs];

  const credits = Array.isArray(record.credits) ? (record.credits as unknown[]) : [];
  const creditKeys = new Set(credits.map((c) => (isObject(c) ? `${String(c.name).toLowerCase()}|${String(c.type ?? '')}` : '')));
  const newCredits = draft.credits.filter((c) => !creditKeys.has(`${c.name.toLowerCase()}|${c.type ?? ''}`));
  if (newCredits.length) record.credits = [...credits, ...newCredits];

  let detailsAdded = false;
  const details = typeof record.details === 'string' ? record.details : '';
  const markerAt = details.indexOf(PER_SOURCE_MARKER);
  const userPart = markerAt >= 0 ? details.slice(0, markerAt).replace(/-{3,}\s*$/, '').trim() : details.trim();
  if (!userPart) {
    // Imported records keep the pipeline's section below the marker; the contributor's text goes above it.
    record.details = markerAt >= 0 ? `${draft.details}\n${details.slice(details.lastIndexOf('\n---', markerAt) >= 0 ? details.lastIndexOf('\n---', markerAt) : markerAt)}` : draft.details;
    detailsAdded = true;
  }
  record.modified = draft.modified;
  return { record, addedVersions, alreadyCovered, addedReferences: newRefs.length, addedCredits: newCredits.length, detailsAdded };
}

function mergeIocs(a: OsvIocs, b: OsvIocs): OsvIocs {
  const out: OsvIocs = {};
  for (const key of ['domains', 'ips', 'urls'] as const) {
    const merged = [...new Set([...(Array.isArray(a[key]) ? a[key]! : []), ...(b[key] ?? [])])];
    if (merged.length) out[key] = merged;
  }
  return out;
}
