// Every rule ossf/malicious-packages applies to a record, checked before anything is submitted, with
// a JSON path per problem so an editor can place the diagnostic. Two kinds of record:
// - `new`: a contributor's MAL-0000 report (no id, no summary, no pipeline fields);
// - `existing`: a record already in the repository (id assigned, summary and origins written by the
//   pipeline), as it stands or after the user's update.
// Withdrawn records validate structurally but carry a warning: they are false positives that live
// under osv/withdrawn/ and are never the base of a report (see docs/reporting.md).
import { isIP } from 'node:net';
import semver from 'semver';
import { isIpOrCidr } from './iocs';
import { ASSIGNED_RECORD_FILE, NEW_RECORD_FILE, RECORD_ROOT, WITHDRAWN_ROOT, isValidPackageName } from './repositoryPath';
import { CREDIT_TYPES, PER_SOURCE_MARKER, REFERENCE_TYPES } from './types';

export type PathSegment = string | number;

export interface Diagnostic {
  severity: 'error' | 'warning';
  /** Stable identifier of the rule, for tests and quick fixes. */
  code: string;
  message: string;
  /** `$.affected[0].package.ecosystem` */
  path: string;
  /** The same location as segments, for jsonc-parser's findNodeAtLocation. */
  segments: PathSegment[];
}

export interface ValidationResult {
  ok: boolean;
  errors: Diagnostic[];
  warnings: Diagnostic[];
}

export interface ValidateOptions {
  /** `new` (default) for a MAL-0000 report, `existing` for a record that already has its id. */
  kind?: 'new' | 'existing';
  /** The record's path in the repository, to check directory and file name against the package. */
  filePath?: string;
}

const TOP_LEVEL_KEYS = new Set(['schema_version', 'id', 'modified', 'published', 'withdrawn', 'aliases', 'related', 'upstream', 'summary', 'details', 'severity', 'affected', 'references', 'credits', 'database_specific']);
const AFFECTED_DB_KEYS = new Set(['cwes', 'indicators', 'iocs', 'ghsa']);
const IOC_KEYS = new Set(['domains', 'ips', 'urls']);
const EVENT_KEYS = ['introduced', 'fixed', 'last_affected', 'limit'] as const;
const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;
const MAL_ID = /^MAL-\d{4}-\d+$/;

export function jsonPath(segments: readonly PathSegment[]): string {
  return `$${segments.map((s) => (typeof s === 'number' ? `[${s}]` : /^[A-Za-z_][A-Za-z0-9_]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`)).join('')}`;
}

class Collector {
  readonly errors: Diagnostic[] = [];
  readonly warnings: Diagnostic[] = [];
  error(segments: PathSegment[], code: string, message: string): void {
    this.errors.push({ severity: 'error', code, message, path: jsonPath(segments), segments });
  }
  warn(segments: PathSegment[], code: string, message: string): void {
    this.warnings.push({ severity: 'warning', code, message, path: jsonPath(segments), segments });
  }
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function nonEmptyString(v: unknown): v is string {
  return typeof v === 'string' && v.trim() !== '';
}

/** Checks a record (any JSON value) against the repository's rules. */
export function validateRecord(record: unknown, options: ValidateOptions = {}): ValidationResult {
  const kind = options.kind ?? 'new';
  const c = new Collector();
  if (!isObject(record)) {
    c.error([], 'not-object', 'The record must be a JSON object.');
    return done(c);
  }
  for (const key of Object.keys(record)) {
    if (!TOP_LEVEL_KEYS.has(key)) c.error([key], 'unknown-key', `"${key}" is not an OSV field; the repository's schema rejects any other top-level key.`);
  }
  checkId(record, kind, c);
  checkTimestamps(record, kind, c);
  checkDetails(record, kind, c);
  const name = checkAffected(record, c);
  checkDatabaseSpecific(record, kind, c);
  checkCredits(record, c);
  checkReferences(record, c);
  if (!(Array.isArray(record.credits) && record.credits.length) && !(Array.isArray(record.references) && record.references.length)) {
    c.error(['credits'], 'no-source', 'Add at least one credit or reference saying where the report came from.');
  }
  for (const key of ['aliases', 'related', 'upstream'] as const) {
    const v = record[key];
    if (v !== undefined && v !== null && !(Array.isArray(v) && v.every((x) => typeof x === 'string'))) c.error([key], 'bad-type', `"${key}" must be a list of strings.`);
  }
  if (record.schema_version !== undefined && typeof record.schema_version !== 'string') c.error(['schema_version'], 'bad-type', '"schema_version" must be a string.');
  if (record.severity !== undefined) c.warn(['severity'], 'severity', 'Malicious-package records carry no severity; the repository does not use it.');
  if (options.filePath !== undefined) checkFilePath(options.filePath, record, name, kind, c);
  return done(c);
}

function done(c: Collector): ValidationResult {
  return { ok: c.errors.length === 0, errors: c.errors, warnings: c.warnings };
}

function checkId(record: Record<string, unknown>, kind: 'new' | 'existing', c: Collector): void {
  const id = record.id;
  if (kind === 'new') {
    if (id !== undefined && id !== '') c.error(['id'], 'id-set', 'Leave "id" out of a new report: the repository assigns MAL-<year>-<n> after merge.');
    if (record.summary !== undefined) c.error(['summary'], 'summary-set', 'Leave "summary" out of a new report: the repository writes "Malicious code in <name> (npm)".');
    if (record.withdrawn !== undefined) c.error(['withdrawn'], 'withdrawn-new', 'A new report cannot be withdrawn.');
    return;
  }
  if (typeof id !== 'string' || !MAL_ID.test(id)) c.error(['id'], 'bad-id', 'An existing record\u2019s "id" must be its assigned MAL-<year>-<n>.');
  if (record.summary !== undefined && typeof record.summary !== 'string') c.error(['summary'], 'bad-type', '"summary" must be a string.');
  if (record.withdrawn !== undefined) {
    if (typeof record.withdrawn === 'string' && TIMESTAMP.test(record.withdrawn)) {
      c.warn(['withdrawn'], 'withdrawn', 'This record is withdrawn (a false positive). It belongs under osv/withdrawn/ and must not be the base of a new report or an update.');
    } else c.error(['withdrawn'], 'bad-timestamp', '"withdrawn" must be an RFC 3339 time in UTC ending in Z.');
  }
}

function checkTimestamps(record: Record<string, unknown>, kind: 'new' | 'existing', c: Collector): void {
  for (const key of ['modified', 'published'] as const) {
    const v = record[key];
    if (v === undefined) {
      if (key === 'modified') c.error([key], 'missing', '"modified" is required.');
      else if (kind === 'new') c.warn([key], 'published-missing', 'Set "published": it decides the year of the assigned id.');
      continue;
    }
    if (typeof v !== 'string' || !TIMESTAMP.test(v) || Number.isNaN(Date.parse(v))) {
      const offset = typeof v === 'string' && /[+-]\d{2}:\d{2}$/.test(v) ? ' (an offset such as +00:00 is rejected)' : '';
      c.error([key], 'bad-timestamp', `"${key}" must be an RFC 3339 time in UTC ending in Z, like 2026-01-31T12:00:00Z${offset}.`);
    } else if (Date.parse(v) > Date.now() + 24 * 3600_000) c.error([key], 'future', `"${key}" is in the future.`);
  }
  if (typeof record.modified === 'string' && typeof record.published === 'string' && TIMESTAMP.test(record.modified) && TIMESTAMP.test(record.published) && Date.parse(record.modified) < Date.parse(record.published)) {
    c.error(['modified'], 'modified-before-published', '"modified" is earlier than "published".');
  }
}

function checkDetails(record: Record<string, unknown>, kind: 'new' | 'existing', c: Collector): void {
  const details = record.details;
  if (details === undefined) {
    if (kind === 'new') c.error(['details'], 'missing', '"details" is required: say why the package is malicious, what it does and how it triggers.');
    return;
  }
  if (typeof details !== 'string') {
    c.error(['details'], 'bad-type', '"details" must be a Markdown string.');
    return;
  }
  const markerAt = details.indexOf(PER_SOURCE_MARKER);
  if (kind === 'new' && markerAt >= 0) {
    c.error(['details'], 'per-source-marker', `"details" must not contain the line "${PER_SOURCE_MARKER}": the pipeline writes it.`);
  }
  const own = markerAt >= 0 ? details.slice(0, markerAt).replace(/\n---\s*$/, '') : details;
  if (kind === 'new') {
    const sentences = own.split(/\n\s*\n/)[0]!.split(/[.!?](?:\s|$)/).filter((s) => s.trim().length > 3).length;
    if (own.trim().length === 0) c.error(['details'], 'empty', '"details" is empty.');
    else if (sentences < 2) c.warn(['details'], 'details-short', '"details" should have at least 2 clear sentences: what the package does, how it triggers, why it is malicious.');
  }
  if (/(?:\/home|\/Users)\/[^/\s`]+\/|[A-Za-z]:\\Users\\/.test(own)) c.warn(['details'], 'local-path', '"details" seems to contain a local path (home directory); remove it.');
  if (/\b(?:gh[pousr]_[A-Za-z0-9_]{20,}|github_pat_[A-Za-z0-9_]{20,}|npm_[A-Za-z0-9]{20,})/.test(own)) c.error(['details'], 'token', '"details" contains something that looks like a GitHub or npm token; remove it.');
}

/** Returns the package name when the affected entry names one. */
function checkAffected(record: Record<string, unknown>, c: Collector): string | undefined {
  const affected = record.affected;
  if (!Array.isArray(affected) || affected.length !== 1) {
    c.error(['affected'], 'affected-count', `"affected" must hold exactly one entry (it has ${Array.isArray(affected) ? affected.length : 'none'}).`);
    if (!Array.isArray(affected) || affected.length === 0) return undefined;
  }
  const entry = affected[0];
  const at: PathSegment[] = ['affected', 0];
  if (!isObject(entry)) {
    c.error(at, 'bad-type', 'The affected entry must be an object.');
    return undefined;
  }
  let name: string | undefined;
  const pkg = entry.package;
  if (!isObject(pkg)) c.error([...at, 'package'], 'missing', '"package" with "ecosystem" and "name" is required.');
  else {
    if (pkg.ecosystem !== 'npm') c.error([...at, 'package', 'ecosystem'], 'ecosystem', `"ecosystem" must be exactly "npm"${typeof pkg.ecosystem === 'string' ? ` (not "${pkg.ecosystem.slice(0, 40)}")` : ''}.`);
    if (typeof pkg.name !== 'string' || !isValidPackageName(pkg.name)) c.error([...at, 'package', 'name'], 'package-name', '"name" must be the npm package name (scoped names as @scope/name).');
    else name = pkg.name;
    for (const key of Object.keys(pkg)) if (!['ecosystem', 'name', 'purl'].includes(key)) c.error([...at, 'package', key], 'unknown-key', `"package.${key}" is not an OSV field.`);
  }
  const versions = entry.versions;
  const ranges = entry.ranges;
  if (versions === undefined && ranges === undefined) c.error(at, 'no-versions', 'Name the affected versions with "versions" and/or "ranges".');
  if (versions !== undefined) {
    if (!Array.isArray(versions)) c.error([...at, 'versions'], 'bad-type', '"versions" must be a list of strings.');
    else {
      if (versions.length === 0 && ranges === undefined) c.error([...at, 'versions'], 'no-versions', '"versions" is empty.');
      const seen = new Set<string>();
      versions.forEach((v, i) => {
        if (typeof v !== 'string' || !semver.valid(v)) c.error([...at, 'versions', i], 'bad-version', `${JSON.stringify(v)} is not an npm version.`);
        else if (seen.has(v)) c.warn([...at, 'versions', i], 'duplicate-version', `Version ${v} is listed twice.`);
        else seen.add(v);
      });
    }
  }
  if (ranges !== undefined) checkRanges(ranges, [...at, 'ranges'], c);
  if (entry.ecosystem_specific !== undefined) c.error([...at, 'ecosystem_specific'], 'ecosystem-specific', '"ecosystem_specific" must not be set.');
  if (entry.database_specific !== undefined) checkAffectedDatabaseSpecific(entry.database_specific, [...at, 'database_specific'], c);
  else c.warn(at, 'cwe-missing', 'Add database_specific.cwes with CWE-506 "Embedded Malicious Code".');
  return name;
}

function checkRanges(ranges: unknown, at: PathSegment[], c: Collector): void {
  if (!Array.isArray(ranges)) {
    c.error(at, 'bad-type', '"ranges" must be a list.');
    return;
  }
  ranges.forEach((range, i) => {
    const rat = [...at, i];
    if (!isObject(range)) return c.error(rat, 'bad-type', 'A range must be an object.');
    if (range.type !== 'SEMVER' && range.type !== 'ECOSYSTEM') c.error([...rat, 'type'], 'range-type', 'A range\u2019s "type" must be SEMVER or ECOSYSTEM.');
    const events = range.events;
    if (!Array.isArray(events) || events.length === 0) return c.error([...rat, 'events'], 'no-events', 'A range needs "events", starting with an "introduced" event.');
    let introduced = false;
    let fixed = false;
    let lastAffected = false;
    events.forEach((event, j) => {
      const eat = [...rat, 'events', j];
      if (!isObject(event)) return c.error(eat, 'bad-type', 'An event must be an object.');
      const keys = Object.keys(event);
      const known = keys.filter((k) => (EVENT_KEYS as readonly string[]).includes(k));
      if (keys.length !== 1 || known.length !== 1) return c.error(eat, 'event-shape', 'An event holds exactly one of introduced, fixed, last_affected, limit.');
      const key = known[0]!;
      const value = event[key];
      if (typeof value !== 'string' || value === '') return c.error([...eat, key], 'bad-type', `"${key}" must be a version string.`);
      if (key === 'introduced') {
        introduced = true;
        if (value === '0.0.0') c.error([...eat, key], 'introduced-zero', 'For "all versions" use "introduced": "0", never "0.0.0".');
        else if (value !== '0' && range.type === 'SEMVER' && !semver.valid(value)) c.error([...eat, key], 'bad-version', `${JSON.stringify(value)} is not a semantic version.`);
      } else if (range.type === 'SEMVER' && !semver.valid(value)) c.error([...eat, key], 'bad-version', `${JSON.stringify(value)} is not a semantic version.`);
      if (key === 'fixed') fixed = true;
      if (key === 'last_affected') lastAffected = true;
    });
    if (!introduced) c.error([...rat, 'events'], 'no-introduced', 'Every range needs an "introduced" event.');
    if (fixed && lastAffected) c.error([...rat, 'events'], 'fixed-and-last-affected', 'A range cannot have both "fixed" and "last_affected".');
  });
}

function checkAffectedDatabaseSpecific(ds: unknown, at: PathSegment[], c: Collector): void {
  if (!isObject(ds)) return c.error(at, 'bad-type', '"database_specific" must be an object.');
  for (const key of Object.keys(ds)) {
    if (!AFFECTED_DB_KEYS.has(key)) c.error([...at, key], 'db-key', `"${key}" is not allowed here: only cwes, indicators, iocs and ghsa.`);
  }
  const cwes = ds.cwes;
  if (cwes === undefined) c.warn(at, 'cwe-missing', 'Add cwes with CWE-506 "Embedded Malicious Code".');
  else if (!Array.isArray(cwes)) c.error([...at, 'cwes'], 'bad-type', '"cwes" must be a list.');
  else {
    cwes.forEach((cwe, i) => {
      if (!isObject(cwe) || typeof cwe.cweId !== 'string' || !/^CWE-\d+$/.test(cwe.cweId)) c.error([...at, 'cwes', i], 'bad-cwe', 'A CWE entry needs "cweId" like CWE-506, with "name" and "description".');
      else if (!nonEmptyString(cwe.name) || !nonEmptyString(cwe.description)) c.warn([...at, 'cwes', i], 'cwe-text', `Give ${cwe.cweId} its "name" and "description".`);
    });
    if (!cwes.some((cwe) => isObject(cwe) && cwe.cweId === 'CWE-506')) c.warn([...at, 'cwes'], 'cwe-missing', 'CWE-506 "Embedded Malicious Code" is recommended.');
  }
  if (ds.iocs !== undefined) checkIocs(ds.iocs, [...at, 'iocs'], c);
  if (ds.indicators !== undefined) checkIndicators(ds.indicators, [...at, 'indicators'], c);
  if (ds.ghsa !== undefined && (typeof ds.ghsa !== 'string' || !/^GHSA(-[23456789cfghjmpqrvwx]{4}){3}$/.test(ds.ghsa))) c.error([...at, 'ghsa'], 'bad-ghsa', '"ghsa" must be a GHSA id.');
}

function checkIocs(iocs: unknown, at: PathSegment[], c: Collector): void {
  if (!isObject(iocs)) return c.error(at, 'bad-type', '"iocs" must be an object with domains, ips and urls lists.');
  for (const key of Object.keys(iocs)) {
    if (!IOC_KEYS.has(key)) {
      c.error([...at, key], 'ioc-key', `"iocs.${key}" is not allowed: only domains, ips and urls.`);
      continue;
    }
    const list = iocs[key];
    if (!Array.isArray(list)) {
      c.error([...at, key], 'bad-type', `"iocs.${key}" must be a list of strings.`);
      continue;
    }
    list.forEach((v, i) => {
      if (typeof v !== 'string' || v === '') return c.error([...at, key, i], 'bad-type', 'An IOC must be a non-empty string.');
      if (key === 'domains' && isIP(v.replace(/^\[|\]$/g, '')) !== 0) c.error([...at, key, i], 'domain-is-ip', `${v} is an IP address: list it under "ips".`);
      else if (key === 'domains' && !/^(?=.{1,253}$)(?:[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9])?\.)+[a-z0-9-]{2,63}$/i.test(v)) c.error([...at, key, i], 'bad-domain', `${JSON.stringify(v.slice(0, 80))} is not a domain name.`);
      if (key === 'ips' && !isIpOrCidr(v)) c.error([...at, key, i], 'bad-ip', `${JSON.stringify(v.slice(0, 80))} is not an IP address or CIDR block.`);
      if (key === 'urls') {
        try {
          new URL(v);
        } catch {
          c.error([...at, key, i], 'bad-url', `${JSON.stringify(v.slice(0, 80))} is not a URL.`);
        }
      }
    });
  }
}

function checkIndicators(indicators: unknown, at: PathSegment[], c: Collector): void {
  if (!isObject(indicators)) return c.error(at, 'bad-type', '"indicators" must be an object.');
  const list = indicators.package_integrity;
  if (list === undefined) return;
  if (!Array.isArray(list)) return c.error([...at, 'package_integrity'], 'bad-type', '"package_integrity" must be a list.');
  list.forEach((item, i) => {
    const iat = [...at, 'package_integrity', i];
    if (!isObject(item) || !nonEmptyString(item.filename) || !isObject(item.hashes)) return c.error(iat, 'bad-integrity', 'A package_integrity entry needs "filename" and "hashes".');
    const { sha1, sha512_sri: sri } = item.hashes;
    if (sha1 !== undefined && (typeof sha1 !== 'string' || !/^[0-9a-f]{40}$/.test(sha1))) c.error([...iat, 'hashes', 'sha1'], 'bad-hash', '"sha1" must be 40 lower-case hex digits.');
    if (sri !== undefined && (typeof sri !== 'string' || !/^sha512-[A-Za-z0-9+/]{86}==$/.test(sri))) c.error([...iat, 'hashes', 'sha512_sri'], 'bad-hash', '"sha512_sri" must be an SRI string "sha512-<base64>".');
    if (sha1 === undefined && sri === undefined) c.error([...iat, 'hashes'], 'bad-hash', '"hashes" needs sha1 and/or sha512_sri.');
  });
}

function checkDatabaseSpecific(record: Record<string, unknown>, kind: 'new' | 'existing', c: Collector): void {
  const ds = record.database_specific;
  if (ds === undefined) return;
  if (!isObject(ds)) return c.error(['database_specific'], 'bad-type', '"database_specific" must be an object.');
  for (const key of Object.keys(ds)) {
    if (key === 'iocs') checkIocs(ds.iocs, ['database_specific', 'iocs'], c);
    else if (key === 'malicious-packages-origins') {
      if (kind === 'new') c.error(['database_specific', key], 'origins-new', '"malicious-packages-origins" is written by the repository\u2019s pipeline, never by a contributor.');
    } else c.error(['database_specific', key], 'db-key', `"${key}" is not allowed in the top-level database_specific: only iocs.`);
  }
}

function checkCredits(record: Record<string, unknown>, c: Collector): void {
  const credits = record.credits;
  if (credits === undefined) return;
  if (!Array.isArray(credits)) return c.error(['credits'], 'bad-type', '"credits" must be a list.');
  credits.forEach((credit, i) => {
    if (!isObject(credit) || !nonEmptyString(credit.name)) return c.error(['credits', i], 'credit-name', 'A credit needs a "name".');
    if (credit.type !== undefined && !(CREDIT_TYPES as readonly unknown[]).includes(credit.type)) c.error(['credits', i, 'type'], 'credit-type', `Credit type must be one of ${CREDIT_TYPES.join(', ')}.`);
    if (credit.contact !== undefined && !(Array.isArray(credit.contact) && credit.contact.every((x) => typeof x === 'string'))) c.error(['credits', i, 'contact'], 'bad-type', '"contact" must be a list of strings.');
  });
}

function checkReferences(record: Record<string, unknown>, c: Collector): void {
  const references = record.references;
  if (references === undefined || references === null) return;
  if (!Array.isArray(references)) return c.error(['references'], 'bad-type', '"references" must be a list.');
  references.forEach((ref, i) => {
    if (!isObject(ref)) return c.error(['references', i], 'bad-type', 'A reference must be an object with "type" and "url".');
    if (!(REFERENCE_TYPES as readonly unknown[]).includes(ref.type)) c.error(['references', i, 'type'], 'reference-type', `Reference type must be one of ${REFERENCE_TYPES.join(', ')}.`);
    let ok = false;
    if (typeof ref.url === 'string') {
      try {
        ok = /^https?:$/.test(new URL(ref.url).protocol);
      } catch {
        ok = false;
      }
    }
    if (!ok) c.error(['references', i, 'url'], 'bad-url', 'A reference needs an http(s) "url".');
  });
}

function checkFilePath(filePath: string, record: Record<string, unknown>, name: string | undefined, kind: 'new' | 'existing', c: Collector): void {
  const withdrawn = record.withdrawn !== undefined;
  const root = withdrawn ? WITHDRAWN_ROOT : RECORD_ROOT;
  const slash = filePath.lastIndexOf('/');
  const dir = filePath.slice(0, slash);
  const file = filePath.slice(slash + 1);
  if (!filePath.startsWith(`${root}/`)) c.error([], 'file-root', `The file must be under ${root}/ (it is ${filePath}).`);
  if (name && dir !== `${root}/${name.toLowerCase()}`) c.error([], 'file-directory', `The directory must be ${root}/${name.toLowerCase()} (the package name, lower-cased), not ${dir}.`);
  if (kind === 'new' && !NEW_RECORD_FILE.test(file)) c.error([], 'file-name', `A new report's file name must be MAL-0000-<letters, digits, hyphens>.json (it is ${file}).`);
  if (kind === 'existing') {
    if (!ASSIGNED_RECORD_FILE.test(file)) c.error([], 'file-name', `An existing record's file is named after its id, MAL-<year>-<n>.json (it is ${file}).`);
    else if (typeof record.id === 'string' && `${record.id}.json` !== file) c.error(['id'], 'id-file', `"id" ${record.id} does not match the file name ${file}.`);
  }
}
