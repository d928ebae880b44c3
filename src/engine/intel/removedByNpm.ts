import { cleanText } from './osvRecord';
import type { RemovedByNpm } from './types';

const HOLDING_VERSION = /^0\.0\.\d+-security(?:\.\d+)?$/;
const HOLDING_DESCRIPTION = /security holding package/i;

/**
 * npm's own takedown signs in a packument: the "security holding package" it publishes in place of
 * a removed malicious package (a `0.0.1-security` version, that description, repository
 * npm/security-holder), or a packument emptied of versions (`time.unpublished`). "Probably", not
 * proof: npm once applied the placeholder by mistake. Undefined when there is no such sign.
 * Pure: the packument is untrusted registry data of any shape.
 */
export function detectRemovedByNpm(packument: unknown): RemovedByNpm | undefined {
  if (typeof packument !== 'object' || packument === null || Array.isArray(packument)) return undefined;
  const doc = packument as Record<string, unknown>;
  const versions = isObject(doc.versions) ? Object.keys(doc.versions) : [];
  const holding = versions.find((v) => HOLDING_VERSION.test(v));
  const latest = isObject(doc['dist-tags']) && typeof doc['dist-tags'].latest === 'string' ? doc['dist-tags'].latest : undefined;
  const latestManifest = latest && isObject(doc.versions) ? (doc.versions as Record<string, unknown>)[latest] : undefined;
  const description = [doc.description, isObject(latestManifest) ? latestManifest.description : undefined].find((d): d is string => typeof d === 'string' && HOLDING_DESCRIPTION.test(d));
  const repository = repositoryOf(doc) ?? (isObject(latestManifest) ? repositoryOf(latestManifest) : undefined);
  const securityHolder = repository !== undefined && /npm\/security-holder/i.test(repository);

  if (holding || description || securityHolder) {
    const signs = [holding ? `version ${cleanText(holding, 40)}` : '', description ? 'description "security holding package"' : '', securityHolder ? 'repository npm/security-holder' : ''].filter(Boolean);
    return { probably: true, reason: `npm replaced this package with its security holding package (${signs.join(', ')}); npm usually does this after removing malware.` };
  }
  if (versions.length === 0) {
    const time = isObject(doc.time) ? doc.time : {};
    const unpublished = isObject(time.unpublished) ? time.unpublished : undefined;
    const when = unpublished && typeof unpublished.time === 'string' ? ` on ${cleanText(unpublished.time, 40)}` : '';
    return { probably: true, reason: `The registry lists no versions of this package${unpublished ? ` (unpublished${when})` : ''}: it was probably removed.` };
  }
  return undefined;
}

function repositoryOf(doc: Record<string, unknown>): string | undefined {
  const r = doc.repository;
  if (typeof r === 'string') return r;
  if (isObject(r) && typeof r.url === 'string') return r.url;
  return undefined;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
