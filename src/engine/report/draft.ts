// A new OSV report from scan results and the user's choices. Pure: the clock, the credit and the
// integrity hashes come in as arguments; nothing here reads the network or the disk.
import semver from 'semver';
import type { ScanResult } from '../scan/result';
import { writeDetails } from './details';
import { extractIocs } from './iocs';
import { isValidPackageName, newRecordPath } from './repositoryPath';
import { MALWARE_CWE, type CreditType, type OsvAffected, type OsvDraft, type OsvReference, type PackageIntegrity } from './types';

const FLAGGED = new Set(['malicious', 'suspicious']);
const MAX_VERSION_PAGES = 5;

export interface VersionOffer {
  /** Flagged versions among the scans, newest first: offer these, preselected. */
  flagged: string[];
  /** Every published version was scanned and flagged: offer the `{introduced: "0"}` range. */
  allVersionsMalicious: boolean;
  /** Why the range is not offered, when it is not (for the UI). */
  allVersionsReason?: string;
}

/**
 * Which versions to offer for a package: the flagged ones, and "all versions" only when the
 * registry's list of versions is known completely and every one of them was scanned and flagged.
 */
export function offerVersions(scans: readonly ScanResult[]): VersionOffer {
  const flagged = unique(scans.filter((s) => FLAGGED.has(s.verdict) && s.version).map((s) => s.version)).sort(newestFirst);
  const registry = scans.find((s) => s.registry)?.registry;
  if (!registry) return { flagged, allVersionsMalicious: false, allVersionsReason: 'the registry\u2019s list of versions is not known' };
  const published = registry.versions.map((v) => v.version);
  if (published.length < registry.versionCount) return { flagged, allVersionsMalicious: false, allVersionsReason: `only ${published.length} of ${registry.versionCount} versions are listed` };
  const missing = published.filter((v) => !flagged.includes(v));
  if (missing.length) return { flagged, allVersionsMalicious: false, allVersionsReason: `${missing.length} published version(s) not flagged: ${missing.slice(0, 3).join(', ')}` };
  return { flagged, allVersionsMalicious: published.length > 0 };
}

export interface Credit {
  name: string;
  type?: CreditType;
  contact?: string[];
}

export interface DraftChoices {
  /** The versions the user confirmed. Ignored for the record's versions when `allVersions`. */
  versions: string[];
  /** Report every version with a SEMVER `{introduced: "0"}` range. */
  allVersions?: boolean;
  /** The GitHub login when signed in (FINDER), else a name the user typed. */
  credit: Credit;
  /** The user's own write-up (an https URL), added as a WEB reference. */
  writeUp?: string;
  /** Tarball hashes per version: `sha512_sri` from the scan, `sha1` from the registry's shasum. */
  integrity?: Record<string, { sha512_sri?: string; sha1?: string }>;
  /** Report time; default now. */
  now?: Date;
  /** Local strings that must never reach the record (home directory, working folder, target path). */
  privateStrings?: string[];
}

export interface Draft {
  record: OsvDraft;
  /** Where the file goes in ossf/malicious-packages. */
  path: string;
}

/** RFC 3339 in UTC with `Z`, whole seconds (the repository rejects `+00:00`). */
export function osvTimestamp(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The npm page of a package, or of one version of it. */
export function npmPackageUrl(name: string, version?: string): string {
  return `https://www.npmjs.com/package/${name.split('/').map(encodeURIComponent).join('/')}${version ? `/v/${encodeURIComponent(version)}` : ''}`;
}

/** `name-1.2.3.tgz` as npm names the tarball of `@scope/name@1.2.3`. */
export function tarballFileName(name: string, version: string): string {
  return `${name.split('/').pop()}-${version}.tgz`;
}

/**
 * Builds the record. Throws when the choices cannot make a valid report (no versions, a bad name, a
 * scan of another package): the caller shows the message.
 */
export function buildDraft(scans: readonly ScanResult[], choices: DraftChoices): Draft {
  const name = scans[0]?.name;
  if (!name || !isValidPackageName(name)) throw new Error('The scan result does not name a valid npm package.');
  if (scans.some((s) => s.name !== name)) throw new Error(`The scan results are for more than one package (${name} and others); a report covers exactly one.`);
  const versions = unique(choices.versions.map((v) => v.trim()).filter(Boolean)).sort(oldestFirst);
  if (!choices.allVersions && versions.length === 0) throw new Error('Choose at least one version to report.');
  const bad = versions.find((v) => !semver.valid(v));
  if (bad) throw new Error(`Not a version npm could publish: ${JSON.stringify(bad.slice(0, 60))}.`);
  const creditName = choices.credit.name.trim();
  if (!creditName) throw new Error('A report needs a credit: sign in to GitHub or enter a name.');

  const chosen = choices.allVersions ? scans : scans.filter((s) => versions.includes(s.version));
  const evidenceScans = chosen.length ? chosen : scans;
  const iocs = extractIocs(evidenceScans.flatMap((s) => s.findings));
  const stamp = osvTimestamp(choices.now ?? new Date());

  const affected: OsvAffected = { package: { ecosystem: 'npm', name } };
  if (choices.allVersions) affected.ranges = [{ type: 'SEMVER', events: [{ introduced: '0' }] }];
  else affected.versions = versions;
  affected.database_specific = { cwes: [{ ...MALWARE_CWE }] };
  if (Object.keys(iocs).length) affected.database_specific.iocs = iocs;
  const integrity = packageIntegrity(name, choices.allVersions ? unique(scans.map((s) => s.version)) : versions, scans, choices.integrity ?? {});
  if (integrity.length) affected.database_specific.indicators = { package_integrity: integrity };

  // One PACKAGE reference per reported version page while that stays short, else the package page.
  const pages = choices.allVersions || versions.length > MAX_VERSION_PAGES ? [npmPackageUrl(name)] : versions.map((v) => npmPackageUrl(name, v));
  const references: OsvReference[] = pages.map((url) => ({ type: 'PACKAGE', url }));
  if (choices.writeUp?.trim()) references.push({ type: 'WEB', url: choices.writeUp.trim() });

  const record: OsvDraft = {
    modified: stamp,
    published: stamp,
    details: writeDetails({ name, versions: choices.allVersions ? 'all' : versions, scans: evidenceScans, iocs, privateStrings: choices.privateStrings ?? [] }),
    affected: [affected],
    credits: [{ name: creditName, type: choices.credit.type ?? 'FINDER', ...(choices.credit.contact?.length ? { contact: choices.credit.contact } : {}) }],
    references,
  };
  return { record, path: newRecordPath(name, choices.allVersions ? 'all-versions' : versions[0]) };
}

function packageIntegrity(name: string, versions: string[], scans: readonly ScanResult[], given: Record<string, { sha512_sri?: string; sha1?: string }>): PackageIntegrity[] {
  const out: PackageIntegrity[] = [];
  for (const version of versions) {
    const scanned = scans.find((s) => s.version === version)?.integrity;
    const sri = given[version]?.sha512_sri ?? (scanned?.startsWith('sha512-') ? scanned : undefined);
    const sha1 = given[version]?.sha1;
    const hashes: PackageIntegrity['hashes'] = {};
    if (sha1 && /^[0-9a-f]{40}$/.test(sha1)) hashes.sha1 = sha1;
    if (sri && /^sha512-[A-Za-z0-9+/]{86}==$/.test(sri)) hashes.sha512_sri = sri;
    if (Object.keys(hashes).length) out.push({ filename: tarballFileName(name, version), hashes });
  }
  return out;
}

function unique<T>(items: T[]): T[] {
  return [...new Set(items)];
}

function oldestFirst(a: string, b: string): number {
  return semver.valid(a) && semver.valid(b) ? semver.compare(a, b) : a.localeCompare(b);
}

function newestFirst(a: string, b: string): number {
  return -oldestFirst(a, b);
}
