import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import semver from 'semver';
import { DEFAULT_COOL_DOWN_HOURS, DEFAULT_POPULAR } from '../analysis/helpers/metadata';
import type { PopularPackages, Rule } from '../analysis/types';
import { diffWithPrevious } from '../diff/registryDiff';
import { UNAVAILABLE } from '../intel/osvRecord';
import { packageKey, type KnownMalwareSource, type KnownMalwareStatus } from '../intel/types';
import type { Packument, RegistryClient } from '../registry/registryClient';
import { registryFacts, type RegistryFacts } from '../registry/registryFacts';
import type { VerdictCache } from '../registry/verdictCache';
import { RULES } from '../rules/index';
import { readDirectory, readTarball } from '../tarball/readTarball';
import { DEFAULT_TARBALL_LIMITS, type TarballContents, type TarballLimits } from '../tarball/types';
import { knownMalwareResult, withKnownMalware, withRemovedByNpm } from './knownMalware';
import { ENGINE_VERSION, unknownResult, type ScanResult } from './result';
import { scanContents } from './scanContents';

export interface ScannerOptions {
  registry?: RegistryClient;
  rules?: readonly Rule[];
  limits?: Partial<TarballLimits>;
  /** No network at all: registry targets come back `unknown` with the reason. */
  offline?: boolean;
  cache?: VerdictCache<ScanResult>;
  /** Compare registry versions with the previous one (`result.diff`); default true. Bulk scans turn it off. */
  versionDiff?: boolean;
  /** Known-malware lookup (OSV.dev or a local folder): a hit is malicious without downloading anything. */
  intel?: KnownMalwareSource;
  /** Scopes (`@acme`) of your own packages: one served by a registry not mapped to that scope is dependency confusion. */
  privateScopes?: readonly string[];
  /** Glob patterns of internal package names (`acme-*`) for the same check. */
  internalNamePatterns?: readonly string[];
  /** Versions published less than this many hours ago are reported (cool-down). Default 48. */
  coolDownHours?: number;
  /** Names the typosquat rule protects; default the committed list of the most downloaded packages. */
  popularPackages?: PopularPackages;
  /** The clock for the cool-down (tests inject one). */
  now?: () => Date;
}

/** What a registry scan asks of the version diff (see scanRegistry). */
interface DiffRequest {
  previousVersion?: string;
  versionDiff?: boolean;
}

const EMPTY_CONTENTS: TarballContents = { files: [], capsHit: [], suspiciousPaths: [], specialEntries: [], duplicatePaths: [], totalUnpackedBytes: 0, fileCount: 0, topFolders: [], warnings: [] };

/**
 * Fetches (when it has to) and analyses one package. Every path that cannot finish says why and
 * returns `unknown`; nothing here turns a failure into `clean`.
 */
export class Scanner {
  private readonly rules: readonly Rule[];
  private metadataCacheVersion: string | undefined;

  constructor(private readonly options: ScannerOptions = {}) {
    this.rules = options.rules ?? RULES;
  }

  /**
   * `previousVersion`: the version the baseline lockfile had, to diff against instead of the
   * semver-previous one; `versionDiff` overrides the scanner's option for this call.
   */
  async scanRegistry(name: string, spec: string, opts: { integrity?: string; target?: string; previousVersion?: string; versionDiff?: boolean; knownMalware?: KnownMalwareStatus } = {}): Promise<ScanResult> {
    const target = opts.target ?? `${name}@${spec}`;
    // Known malware first: a hit needs no tarball (and a removed package has none to give).
    const intel = await this.lookupRegistryVersion(name, spec, opts.knownMalware);
    if (intel?.status.status === 'hit') return knownMalwareResult(target, name, intel.version, intel.status.records);
    const result = withKnownMalware(await this.fetchAndScan(name, spec, { ...opts, target }), intel?.status);
    if (result.error?.code === 'E_NOT_FOUND') return withRemovedByNpm(result, await this.cachedPackument(name));
    return result.verdict !== 'unknown' ? withRemovedByNpm(result, await this.versionDocument(name, result.version)) : result;
  }

  private async fetchAndScan(name: string, spec: string, opts: { integrity?: string; target: string } & DiffRequest): Promise<ScanResult> {
    const target = opts.target;
    if (this.options.offline) return withSkipped(unknownResult(target, name, spec, 'E_OFFLINE', 'Not scanned: offline mode, the package was not downloaded.'), ['package download (offline)']);
    const registry = this.options.registry;
    if (!registry) return unknownResult(target, name, spec, 'E_CONFIG', 'Not scanned: no registry is configured.');

    const manifest = await registry.manifest(name, spec);
    if (!manifest.ok) return unknownResult(target, name, spec, manifest.code, `Not scanned: ${manifest.message}`);
    const version = manifest.value.version;
    const integrity = opts.integrity ?? manifest.value._integrity ?? manifest.value.dist?.integrity;
    const key = integrity ? { name, version, integrity, engineVersion: this.cacheVersion() } : undefined;
    if (key && this.options.cache) {
      const cached = await this.options.cache.get(key);
      if (cached) return this.rediffCached({ ...cached, target }, key, opts);
    }

    const metadata = await this.registryFacts(name, version);
    const registryMeta = { ...(metadata.facts ? { registry: metadata.facts } : {}), skipped: metadata.skipped ? [metadata.skipped] : [] };
    const tarball = await registry.tarball(name, version, { integrity: opts.integrity ?? null });
    if (!tarball.ok) {
      if (tarball.code === 'E_INTEGRITY') {
        // The served bytes are not the locked ones: that is the finding, whatever else they hold.
        return scanContents(EMPTY_CONTENTS, { target, name, version, integrityMismatch: { expected: tarball.expected, actual: tarball.actual }, ...registryMeta, skipped: ['code analysis (the tarball did not match the locked integrity)', ...registryMeta.skipped] }, this.rules);
      }
      return unknownResult(target, name, version, tarball.code, `Not scanned: ${tarball.message}`);
    }
    const contents = await readTarball(tarball.value.data, this.limits());
    const result = scanContents(contents, { target, name, version, integrity: tarball.value.integrity, ...registryMeta }, this.rules);
    await this.attachDiff(result, contents, opts);
    // A cool-down finding expires with time: a verdict that carries one is not kept.
    const expires = result.findings.some((f) => f.rule === 'cool-down');
    if (key && this.options.cache && result.verdict !== 'unknown' && !expires) await this.options.cache.set(key, result);
    return result;
  }

  async scanTarballFile(file: string): Promise<ScanResult> {
    const limits = this.limits();
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return unknownResult(file, path.basename(file), '', 'E_NOT_FOUND', `Not scanned: ${file} is not a file.`);
    if (info.size > limits.maxCompressedBytes) {
      return unknownResult(file, path.basename(file), '', 'E_TOO_LARGE', `Not scanned: the tarball is ${info.size} bytes, over the ${limits.maxCompressedBytes}-byte limit.`);
    }
    const data = await readFile(file);
    const contents = await readTarball(data, limits);
    const intel = await this.lookupLocal(contents);
    return withKnownMalware(scanContents(contents, { target: file, fallbackName: path.basename(file).replace(/\.(?:tgz|tar\.gz)$/i, ''), integrity: `sha512-${createHash('sha512').update(data).digest('base64')}` }, this.rules), intel);
  }

  async scanDirectory(dir: string): Promise<ScanResult> {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) return unknownResult(dir, path.basename(dir), '', 'E_NOT_FOUND', `Not scanned: ${dir} is not a folder.`);
    // An extracted npm tarball keeps its files under package/.
    const inner = path.join(dir, 'package');
    const root = (await stat(path.join(dir, 'package.json')).catch(() => undefined)) ? dir : (await stat(inner).catch(() => undefined))?.isDirectory() ? inner : dir;
    const contents = await readDirectory(root, this.limits());
    const intel = await this.lookupLocal(contents);
    return withKnownMalware(scanContents(contents, { target: dir, fallbackName: path.basename(path.resolve(dir)) }, this.rules), intel);
  }

  /** The lookup for a registry spec: an exact version directly (works offline), else the version the registry resolves it to. */
  private async lookupRegistryVersion(name: string, spec: string, given: KnownMalwareStatus | undefined): Promise<{ version: string; status: KnownMalwareStatus } | undefined> {
    let version = semver.valid(spec) ?? undefined;
    if (given) return { version: version ?? spec, status: given };
    if (!this.options.intel) return undefined;
    if (!version && !this.options.offline && this.options.registry) {
      const manifest = await this.options.registry.manifest(name, spec);
      if (manifest.ok) version = manifest.value.version;
    }
    // A spec that resolves to no version is `unknown` from the scan itself, with the reason.
    if (!version) return undefined;
    return { version, status: await this.lookupOne(name, version) };
  }

  /** The lookup for a local package: the name and version its package.json gives. */
  private async lookupLocal(contents: TarballContents): Promise<KnownMalwareStatus | undefined> {
    if (!this.options.intel) return undefined;
    const { name, version } = contents.manifest ?? {};
    if (typeof name !== 'string' || typeof version !== 'string' || !semver.valid(version)) return { status: 'unknown', reason: `${UNAVAILABLE}: package.json gives no name and version to look up` };
    return this.lookupOne(name, version);
  }

  private async lookupOne(name: string, version: string): Promise<KnownMalwareStatus> {
    try {
      const lookup = await this.options.intel!.lookup([{ name, version }]);
      return lookup.results[packageKey({ name, version })] ?? { status: 'unknown', reason: `${UNAVAILABLE}: no answer for ${name}@${version}` };
    } catch (e) {
      return { status: 'unknown', reason: `${UNAVAILABLE}: ${(e as Error).message}` };
    }
  }

  /**
   * Registry facts for the metadata rules and `result.registry`, from the packument the manifest
   * lookup already fetched (the client caches it). A failure skips the metadata rules, and says so.
   */
  private async registryFacts(name: string, version: string): Promise<{ facts?: RegistryFacts; skipped?: string }> {
    const registry = this.options.registry!;
    const packument = await registry.packument(name).catch((e: unknown) => ({ ok: false as const, message: registry.redact(String((e as Error)?.message ?? e)) }));
    if (!packument.ok) return { skipped: `registry metadata checks: ${packument.message}` };
    const o = this.options;
    const facts = registryFacts(packument.value, version, {
      privateScopes: o.privateScopes ?? [],
      internalNamePatterns: o.internalNamePatterns ?? [],
      coolDownHours: o.coolDownHours ?? DEFAULT_COOL_DOWN_HOURS,
      now: (o.now?.() ?? new Date()).toISOString(),
      popular: o.popularPackages ?? DEFAULT_POPULAR,
    });
    if (!facts) return { skipped: `registry metadata checks: the registry's package document does not list version ${version}` };
    if (name.startsWith('@')) facts.input.scopeRegistry = registry.registryFor(name) !== registry.registryFor(name.slice(name.indexOf('/') + 1));
    return { facts };
  }

  /**
   * The engine version a cached verdict is keyed under. Private scopes, internal name patterns and
   * a custom popular list change what the metadata rules say, so they get keys of their own (a
   * verdict cached before a scope was configured must not hide a confused package afterwards).
   */
  private cacheVersion(): string {
    const o = this.options;
    // A verdict cached under one cool-down must not answer for another (a 60-hour-old version is notable under 168 h).
    const coolDown = o.coolDownHours ?? DEFAULT_COOL_DOWN_HOURS;
    if (!o.privateScopes?.length && !o.internalNamePatterns?.length && !o.popularPackages && coolDown === DEFAULT_COOL_DOWN_HOURS) return ENGINE_VERSION;
    this.metadataCacheVersion ??= `${ENGINE_VERSION}+m${createHash('sha256').update(JSON.stringify([o.privateScopes ?? [], o.internalNamePatterns ?? [], o.popularPackages ?? null, coolDown])).digest('hex').slice(0, 12)}`;
    return this.metadataCacheVersion;
  }

  /**
   * A scanned version is npm's placeholder only if its own manifest says so (a removed package has
   * no other version left to scan): the manifest is cached by the client, so a warm scan asks the
   * registry nothing more.
   */
  private async versionDocument(name: string, version: string): Promise<Packument | undefined> {
    if (this.options.offline || !this.options.registry) return undefined;
    try {
      const manifest = await this.options.registry.manifest(name, version);
      if (!manifest.ok) return undefined;
      const m = manifest.value;
      return { name, description: m.description, repository: m.repository, 'dist-tags': { latest: m.version }, versions: { [m.version]: m } };
    } catch {
      return undefined;
    }
  }

  /** The packument the scan already fetched (the registry client caches it); none offline or on failure. */
  private async cachedPackument(name: string): Promise<Packument | undefined> {
    if (this.options.offline || !this.options.registry) return undefined;
    try {
      const packument = await this.options.registry.packument(name);
      return packument.ok ? packument.value : undefined;
    } catch {
      return undefined; // takedown signs are extra evidence: their absence never fails a scan
    }
  }

  /**
   * Sets `result.diff` against the previous version. A first release has no diff and no skipped
   * entry (there is nothing missing); any failure is a skipped "version diff: ..." line, and the
   * verdict never depends on the diff.
   */
  private async attachDiff(result: ScanResult, after: TarballContents | undefined, { previousVersion, versionDiff }: DiffRequest): Promise<void> {
    if ((versionDiff ?? this.options.versionDiff) === false || !this.options.registry || result.verdict === 'unknown') return;
    const outcome = await diffWithPrevious(this.options.registry, {
      name: result.name, version: result.version, limits: this.limits(), rules: this.rules,
      ...(after ? { after, afterFindings: result.findings } : {}), ...(previousVersion ? { previous: { version: previousVersion, basis: 'baseline' as const } } : {}),
    });
    if (outcome.kind === 'diff') result.diff = outcome.diff;
    else if (outcome.kind === 'skipped') result.skipped.push(`version diff: ${outcome.reason}`);
  }

  /** A cached result diffs against whatever was previous then; a different baseline asks for a new diff. */
  private async rediffCached(cached: ScanResult, key: Parameters<VerdictCache<ScanResult>['set']>[0], request: DiffRequest): Promise<ScanResult> {
    const previousVersion = request.previousVersion;
    if (!previousVersion || previousVersion === cached.version || cached.diff?.from === previousVersion || (request.versionDiff ?? this.options.versionDiff) === false) return cached;
    const result: ScanResult = { ...cached, skipped: cached.skipped.filter((s) => !s.startsWith('version diff: ')) };
    delete result.diff;
    await this.attachDiff(result, undefined, request);
    if (result.diff) await this.options.cache?.set(key, result);
    return result;
  }

  private limits(): TarballLimits {
    return { ...DEFAULT_TARBALL_LIMITS, ...this.options.limits };
  }
}

function withSkipped(result: ScanResult, skipped: string[]): ScanResult {
  return { ...result, skipped: [...result.skipped, ...skipped] };
}
