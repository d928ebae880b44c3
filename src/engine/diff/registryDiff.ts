import type { Finding, Rule } from '../analysis/types';
import type { RegistryClient } from '../registry/registryClient';
import { readTarball } from '../tarball/readTarball';
import { DEFAULT_TARBALL_LIMITS, type TarballContents, type TarballLimits } from '../tarball/types';
import { diffContents, type DiffLimits } from './diffContents';
import { previousVersionOf } from './previousVersion';
import type { VersionDiff } from './types';

type Registry = Pick<RegistryClient, 'packument' | 'tarball'>;

/** What to compare with: a version the caller names (the baseline lockfile's, or the user's), else the semver-previous one. */
export interface PreviousRequest {
  version: string;
  basis: 'baseline' | 'explicit';
}

export type PreviousChoice = { ok: true; version?: string; basis: VersionDiff['basis'] } | { ok: false; reason: string };

/**
 * Picks the version to compare `version` with. An explicit one equal to `version` itself says
 * nothing (the baseline had the same version), so the semver-previous one is used instead.
 * `version: undefined` with `ok: true` is a first release: there is nothing to compare with.
 */
export async function choosePrevious(registry: Registry, name: string, version: string, requested?: PreviousRequest): Promise<PreviousChoice> {
  if (requested && requested.version !== version) return { ok: true, version: requested.version, basis: requested.basis };
  const packument = await registry.packument(name);
  if (!packument.ok) return { ok: false, reason: `the version list could not be read (${packument.code}: ${packument.message})` };
  const previous = previousVersionOf(Object.keys(packument.value.versions), version);
  return { ok: true, ...(previous ? { version: previous } : {}), basis: 'semver-previous' };
}

/** One version's files from the registry, under the same caps and integrity rules as a scan. */
export async function fetchContents(registry: Registry, name: string, version: string, limits: Partial<TarballLimits>, integrity?: string): Promise<{ ok: true; contents: TarballContents } | { ok: false; reason: string }> {
  const tarball = await registry.tarball(name, version, { integrity: integrity ?? null });
  if (!tarball.ok) return { ok: false, reason: `${name}@${version} could not be fetched (${tarball.code}: ${tarball.message})` };
  return { ok: true, contents: await readTarball(tarball.value.data, limits) };
}

export interface RegistryDiffInput {
  name: string;
  version: string;
  /** The scanned version's files, when the caller already read them (saves a download). */
  after?: TarballContents;
  /** The scan's findings for `after` (same rules), so it is not analysed twice. */
  afterFindings?: readonly Finding[];
  previous?: PreviousRequest;
  limits: Partial<TarballLimits>;
  rules?: readonly Rule[];
  diffLimits?: Partial<DiffLimits>;
  /** Give up (as skipped) after this long; default {@link DIFF_TIMEOUT_MS}. */
  timeoutMs?: number;
}

/**
 * The diff rides along in the scan's worker job: it must not push the job past its time limit or
 * the worker past its memory limit, or the verdict would be lost for an extra.
 */
export const DIFF_TIMEOUT_MS = 30_000;
/** Unpacked bytes per side past which two versions are not held in memory together. */
export const DIFF_MAX_UNPACKED_BYTES = 64 * 1024 * 1024;

/** `diff` when computed; `first` when there is no earlier version; `skipped` with the reason otherwise. */
export type RegistryDiffOutcome = { kind: 'diff'; diff: VersionDiff } | { kind: 'first' } | { kind: 'skipped'; reason: string };

/**
 * The diff of a registry version against its previous one. Never throws: whatever goes wrong is a
 * `skipped` reason for the caller to record, and never touches the verdict.
 */
export async function diffWithPrevious(registry: Registry, input: RegistryDiffInput): Promise<RegistryDiffOutcome> {
  const ms = input.timeoutMs ?? DIFF_TIMEOUT_MS;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<RegistryDiffOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ kind: 'skipped', reason: `not finished within ${ms / 1000} s` }), ms);
  });
  try {
    return await Promise.race([computeDiff(registry, input), deadline]);
  } finally {
    clearTimeout(timer);
  }
}

async function computeDiff(registry: Registry, input: RegistryDiffInput): Promise<RegistryDiffOutcome> {
  try {
    if (input.after && input.after.totalUnpackedBytes > DIFF_MAX_UNPACKED_BYTES) {
      return { kind: 'skipped', reason: `${input.name}@${input.version} is too large to compare (over ${DIFF_MAX_UNPACKED_BYTES / 1024 / 1024} MB unpacked)` };
    }
    const choice = await choosePrevious(registry, input.name, input.version, input.previous);
    if (!choice.ok) return { kind: 'skipped', reason: choice.reason };
    if (!choice.version) return { kind: 'first' };
    // Read under a tighter unpacked cap: a bigger previous version gives a diff marked incomplete.
    const sideLimits = { ...input.limits, maxUnpackedBytes: Math.min(input.limits.maxUnpackedBytes ?? DEFAULT_TARBALL_LIMITS.maxUnpackedBytes, DIFF_MAX_UNPACKED_BYTES) };
    const before = await fetchContents(registry, input.name, choice.version, sideLimits);
    if (!before.ok) return { kind: 'skipped', reason: before.reason };
    let after = input.after;
    if (!after) {
      const fetched = await fetchContents(registry, input.name, input.version, sideLimits);
      if (!fetched.ok) return { kind: 'skipped', reason: fetched.reason };
      after = fetched.contents;
    }
    const diff = diffContents(before.contents, after, {
      name: input.name, from: choice.version, to: input.version, basis: choice.basis,
      ...(input.rules ? { rules: input.rules } : {}), ...(input.diffLimits ? { limits: input.diffLimits } : {}), ...(input.after && input.afterFindings ? { afterFindings: input.afterFindings } : {}),
    });
    return { kind: 'diff', diff };
  } catch (error) {
    return { kind: 'skipped', reason: error instanceof Error ? error.message : String(error) };
  }
}
