import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import npa from 'npm-package-arg';
import semver from 'semver';
import { dependencyFileKind, parseDependencyFile } from '../engine/deps/index';
import type { DependencyEntry } from '../engine/deps/model';
import { isRegistryKind } from '../engine/deps/spec';
import { intelSourceFor } from '../engine/intel/sourceFor';
import { packageKey, type KnownMalwareSource, type KnownMalwareStatus } from '../engine/intel/types';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { withPublisherBursts } from '../engine/scan/publisherBurst';
import { withRepositoryClaims } from '../engine/scan/repositoryClaims';
import { unknownResult, type ScanResult } from '../engine/scan/result';
import { Scanner } from '../engine/scan/scanner';
import { toHuman, toJson, toSarif } from './formatResults';

export interface ScanOptions {
  json: boolean;
  sarif: boolean;
  offline: boolean;
  registry?: string;
  failOn?: 'suspicious' | 'malicious';
  version: string;
  /** OSV API base URL for the known-malware lookup (default https://api.osv.dev). */
  osvUrl?: string;
  /** A local folder of OSV records (ossf/malicious-packages checkout or extracted all.zip); the only source offline. */
  osvDir?: string;
  /** Registry versions younger than this are reported (default 48). */
  coolDownHours?: number;
  /** Scopes of the user's own packages, for the dependency-confusion check. */
  privateScopes?: string[];
}

interface Output {
  write(chunk: string): unknown;
}

/** `takedown scan <target>...`: folders, tarballs, name@version, package.json and lockfiles. */
export async function runScan(targets: string[], options: ScanOptions, out: Output): Promise<number> {
  const intel = intelSourceFor({ offline: options.offline, osv: { ...(options.osvUrl ? { endpoint: options.osvUrl } : {}), ...(options.osvDir ? { offlineFolder: options.osvDir } : {}) } });
  const scanner = new Scanner({
    offline: options.offline, intel, ...(options.offline ? {} : { registry: makeRegistry(options.registry) }),
    ...(options.coolDownHours !== undefined ? { coolDownHours: options.coolDownHours } : {}), ...(options.privateScopes ? { privateScopes: options.privateScopes } : {}),
  });
  const scanned: ScanResult[] = [];
  for (const target of targets) scanned.push(...(await scanTarget(scanner, intel, target)));
  // Across packages (a lockfile, several name@version targets): one account publishing many at once,
  // and one repository claimed by many unrelated packages.
  const results = withRepositoryClaims(withPublisherBursts(scanned));

  if (options.sarif) out.write(`${JSON.stringify(toSarif(results, options.version), null, 2)}\n`);
  else if (options.json) out.write(`${JSON.stringify(toJson(results), null, 2)}\n`);
  else out.write(toHuman(results));

  const failing = options.failOn === 'malicious' ? ['malicious'] : options.failOn === 'suspicious' ? ['malicious', 'suspicious'] : [];
  return results.some((r) => failing.includes(r.verdict)) ? 1 : 0;
}

function makeRegistry(registry: string | undefined): RegistryClient {
  const config = loadNpmConfig({ workspaceFolder: process.cwd(), trustedWorkspace: true, ...(registry ? { overrides: { registry } } : {}) });
  return new RegistryClient({ config });
}

async function scanTarget(scanner: Scanner, intel: KnownMalwareSource, target: string): Promise<ScanResult[]> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) return [await scanner.scanDirectory(target)];
  if (info?.isFile()) {
    if (/\.(?:tgz|tar\.gz)$/i.test(target)) return [await scanner.scanTarballFile(target)];
    const kind = dependencyFileKind(target);
    if (kind) return scanDependencies(scanner, intel, target, kind);
    return [unknownResult(target, path.basename(target), '', 'E_TARGET', 'Not scanned: not a folder, a .tgz, a package.json or a lockfile.')];
  }
  try {
    const spec = npa(target);
    if (spec.registry && spec.name) return [await scanner.scanRegistry(spec.name, spec.fetchSpec ?? 'latest', { target })];
  } catch {
    /* falls through to the message below */
  }
  return [unknownResult(target, target, '', 'E_TARGET', 'Not scanned: no such file or folder, and not a registry package spec (name@version).')];
}

async function scanDependencies(scanner: Scanner, intel: KnownMalwareSource, file: string, kind: NonNullable<ReturnType<typeof dependencyFileKind>>): Promise<ScanResult[]> {
  const model = parseDependencyFile(kind, await readFile(file, 'utf8'));
  if (model.fatal) return [unknownResult(file, path.basename(file), '', model.problems[0]?.code ?? 'E_PARSE', `Not scanned: ${model.problems[0]?.message ?? 'the file could not be read'}`)];
  // Every locked version in one known-malware batch first: a hit is reported without any download.
  const locked = model.entries.filter((e) => isRegistryKind(e.specKind) || e.specKind === 'version').flatMap((e) => (e.version && semver.valid(e.version) ? [{ name: e.name, version: e.version }] : []));
  const known: Record<string, KnownMalwareStatus> = locked.length ? (await intel.lookup(locked)).results : {};
  const seen = new Set<string>();
  const work: Promise<ScanResult>[] = [];
  for (const entry of model.entries) {
    const requested = entry.version ?? entry.spec ?? 'latest';
    const key = `${entry.name}@${requested}`;
    if (seen.has(key)) continue;
    seen.add(key);
    if (!isRegistryKind(entry.specKind) && entry.specKind !== 'version') {
      work.push(Promise.resolve(notFromRegistry(file, entry)));
      continue;
    }
    const registrySpec = entry.version ?? registryRange(entry);
    // A whole lockfile would download every package twice for diffs nobody asked for: `takedown diff` gives one.
    const status = entry.version ? known[packageKey({ name: entry.name, version: entry.version })] : undefined;
    work.push(scanner.scanRegistry(entry.name, registrySpec, { target: key, versionDiff: false, ...(entry.integrity?.startsWith('sha') ? { integrity: entry.integrity } : {}), ...(status ? { knownMalware: status } : {}) }));
  }
  return Promise.all(work);
}

/** For an alias `npm:pkg@^1` the range is after the last `@`. */
function registryRange(entry: DependencyEntry): string {
  const spec = entry.spec ?? 'latest';
  if (entry.specKind !== 'alias') return spec;
  const at = spec.lastIndexOf('@');
  return at > 4 ? spec.slice(at + 1) : 'latest';
}

function notFromRegistry(file: string, entry: DependencyEntry): ScanResult {
  const where = entry.resolved ?? entry.spec ?? '';
  return unknownResult(`${entry.name}@${where}`, entry.name, entry.version ?? '', 'E_NOT_REGISTRY', `Not scanned: a ${entry.specKind} dependency (${where.slice(0, 120)}) in ${path.basename(file)} is not fetched from the registry; review it by hand.`);
}
