import type { RegistrySummary } from '../../../engine/scan/result';
import type { RegistryView } from './protocol';
import { repositoryLink } from './repositoryLink';
import { CAP, count, listOf, shown, shownOptional } from './shownText';

const MAX_VERSIONS = 500;
const MAX_TAGS = 100;
const MAX_MAINTAINERS = 100;

/** Registry facts for the page; `repositoryUrl` is the forge link to register, when the field names one. */
export function registryView(registry: RegistrySummary, version: string): { view: RegistryView; repositoryUrl?: string } {
  const tags = registry.distTags && typeof registry.distTags === 'object' ? Object.entries(registry.distTags) : [];
  const distTags = tags
    .filter(([, v]) => typeof v === 'string')
    // `latest` first, as npm lists it; the rest by name.
    .sort(([a], [b]) => (a === 'latest' ? -1 : b === 'latest' ? 1 : a < b ? -1 : a > b ? 1 : 0))
    .slice(0, MAX_TAGS)
    .map(([tag, v]) => ({ tag: shown(tag, CAP.label), version: shown(v, CAP.version) }));
  const versions = listOf(registry.versions)
    .filter((v): v is { version: string; publishedAt?: string } => !!v && typeof v === 'object' && typeof (v as { version?: unknown }).version === 'string')
    .slice(0, MAX_VERSIONS)
    .map((v) => {
      const publishedAt = shownOptional(v.publishedAt, CAP.date);
      return { version: shown(v.version, CAP.version), ...(publishedAt ? { publishedAt } : {}), current: v.version === version };
    });
  const view: RegistryView = {
    maintainers: listOf(registry.maintainers).slice(0, MAX_MAINTAINERS).map((m) => shown(m, CAP.person)),
    distTags,
    versions,
    versionCount: Math.max(count(registry.versionCount), versions.length),
    provenance: registry.provenance === true,
  };
  const publishedAt = shownOptional(registry.publishedAt, CAP.date);
  if (publishedAt) view.publishedAt = publishedAt;
  const publisher = shownOptional(registry.publisher, CAP.person);
  if (publisher) view.publisher = publisher;
  const previous = shownOptional(registry.previousVersion, CAP.version);
  if (previous) view.previousVersion = previous;
  const deprecated = shownOptional(registry.deprecated, CAP.reason);
  if (deprecated) view.deprecated = deprecated;
  let repositoryUrl: string | undefined;
  if (typeof registry.repository === 'string' && registry.repository.trim()) {
    view.repository = { text: shown(registry.repository, CAP.repository) };
    repositoryUrl = repositoryLink(registry.repository);
  }
  return { view, ...(repositoryUrl ? { repositoryUrl } : {}) };
}
