import semver from 'semver';

/**
 * The greatest published version below `version` in semver order. Prereleases count only when
 * `version` is one itself (2.0.0 is compared with 1.9.3, not with 2.0.0-rc.1; 2.0.0-rc.2 with
 * 2.0.0-rc.1). Keys that are not valid semver (a hostile packument can hold anything) are ignored.
 */
export function previousVersionOf(published: Iterable<string>, version: string): string | undefined {
  const current = semver.valid(version);
  if (!current) return undefined;
  const withPre = semver.prerelease(current) !== null;
  let best: { key: string; v: string } | undefined;
  for (const key of published) {
    const v = semver.valid(key);
    if (!v || !semver.lt(v, current)) continue;
    if (!withPre && semver.prerelease(v) !== null) continue;
    // The key as published: the registry serves `v1.0.0` under that name, not as 1.0.0.
    if (!best || semver.gt(v, best.v)) best = { key, v };
  }
  return best?.key;
}
