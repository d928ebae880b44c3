// Registry facts for one version, from a packument of any shape: every field is validated and capped
// here, so the metadata rules and the result never see registry data they did not expect.
import semver from 'semver';
import type { MetadataSettings, RegistryInput, RegistryVersionFacts } from '../analysis/types';
import { previousVersionOf } from '../diff/previousVersion';
import type { RegistrySummary } from '../scan/result';

/** Versions listed in the summary (newest first). */
export const SUMMARY_VERSION_CAP = 100;
/** Earlier versions whose provenance the publisher-change rule reads. */
const EARLIER_CAP = 50;
/** Publish times kept for the burst check (the most recent ones). */
const PUBLISH_TIMES_CAP = 5000;
const MAINTAINER_CAP = 100;
const DIST_TAG_CAP = 50;
const TEXT_CAP = 500;

export interface RegistryFacts {
  summary: RegistrySummary;
  input: RegistryInput;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown, max = TEXT_CAP): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim().slice(0, max) : undefined;
}

function isoTime(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? new Date(t).toISOString() : undefined;
}

/** `{name, email}` or npm's old `"name <email> (url)"` string: the name only. */
function personName(value: unknown): string | undefined {
  if (isRecord(value)) return text(value.name, 214);
  const s = text(value, 214);
  return s?.replace(/\s*[<(].*$/, '').trim() || undefined;
}

function people(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  const names = value.slice(0, MAINTAINER_CAP).map(personName).filter((n): n is string => !!n);
  return [...new Set(names)].sort();
}

/** A repository as a URL string: `"user/repo"`, `"github:user/repo"` or `{ url }`. */
export function repositoryUrl(value: unknown): string | undefined {
  return text(isRecord(value) ? value.url : value);
}

function versionFacts(version: string, manifest: unknown, time: Record<string, unknown>): RegistryVersionFacts {
  const data = isRecord(manifest) ? manifest : {};
  const dist = isRecord(data.dist) ? data.dist : {};
  const publishedAt = isoTime(time[version]);
  const publisher = personName(data._npmUser);
  return {
    version,
    manifest: data,
    ...(publishedAt ? { publishedAt } : {}),
    ...(publisher ? { publisher } : {}),
    maintainers: people(data.maintainers),
    provenance: isRecord(dist.attestations),
  };
}

/** Scopes written as `@acme` or `acme`, lower-cased, without the slash. */
export function normaliseScopes(scopes: readonly string[]): string[] {
  return scopes.map((s) => s.trim().toLowerCase().replace(/\/+$/, '')).filter(Boolean).map((s) => (s.startsWith('@') ? s : `@${s}`));
}

/**
 * What the registry says about `version` of a package: the summary for the result and the input for
 * the metadata rules. Undefined when the packument does not list that version.
 */
export function registryFacts(packument: unknown, version: string, settings: MetadataSettings): RegistryFacts | undefined {
  if (!isRecord(packument) || !isRecord(packument.versions)) return undefined;
  const versions = packument.versions;
  if (!Object.prototype.hasOwnProperty.call(versions, version)) return undefined;
  const time = isRecord(packument.time) ? packument.time : {};

  const published = Object.keys(versions).filter((v) => semver.valid(v) !== null).sort(semver.rcompare);
  const current = versionFacts(version, versions[version], time);
  // As the version diff chooses (previousVersionOf): a release is compared with releases, not with
  // its own release candidates, so a payload cannot ride in through an rc first.
  const withPre = semver.prerelease(version) !== null;
  const older = semver.valid(version) ? published.filter((v) => semver.lt(v, version) && (withPre || semver.prerelease(v) === null)) : [];
  const previousKey = previousVersionOf(Object.keys(versions), version);
  const previous = previousKey !== undefined ? versionFacts(previousKey, versions[previousKey], time) : undefined;

  const distTags: Record<string, string> = {};
  if (isRecord(packument['dist-tags'])) {
    for (const [tag, v] of Object.entries(packument['dist-tags']).slice(0, DIST_TAG_CAP)) {
      const value = text(v, 256);
      if (value && tag.length <= 214) distTags[tag] = value;
    }
  }

  const publishTimes = published
    .map((v) => ({ version: v, publishedAt: isoTime(time[v]) }))
    .filter((e): e is { version: string; publishedAt: string } => e.publishedAt !== undefined)
    .sort((a, b) => (a.publishedAt < b.publishedAt ? -1 : a.publishedAt > b.publishedAt ? 1 : 0))
    .slice(-PUBLISH_TIMES_CAP);

  const repository = repositoryUrl(current.manifest.repository) ?? repositoryUrl(packument.repository);
  const deprecated = text(current.manifest.deprecated);
  const summary: RegistrySummary = {
    ...(current.publishedAt ? { publishedAt: current.publishedAt } : {}),
    ...(current.publisher ? { publisher: current.publisher } : {}),
    maintainers: current.maintainers.length ? current.maintainers : people(packument.maintainers),
    ...(previous ? { previousVersion: previous.version } : {}),
    distTags,
    versions: published.slice(0, SUMMARY_VERSION_CAP).map((v) => {
      const at = isoTime(time[v]);
      return at ? { version: v, publishedAt: at } : { version: v };
    }),
    versionCount: published.length,
    ...(repository ? { repository } : {}),
    provenance: current.provenance,
    ...(deprecated ? { deprecated } : {}),
  };
  const input: RegistryInput = {
    current,
    ...(previous ? { previous } : {}),
    earlier: older.slice(0, EARLIER_CAP).map((v) => {
      const facts = versionFacts(v, versions[v], time);
      return { version: v, provenance: facts.provenance, ...(facts.publishedAt ? { publishedAt: facts.publishedAt } : {}), ...(facts.publisher ? { publisher: facts.publisher } : {}) };
    }),
    publishTimes,
    ...(repository ? { repository } : {}),
    settings: { ...settings, privateScopes: normaliseScopes(settings.privateScopes) },
  };
  return { summary, input };
}
