import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import npa from 'npm-package-arg';
import { dependencyFileKind, parseDependencyFile } from '../engine/deps/index';
import type { DependencyEntry } from '../engine/deps/model';
import { isRegistryKind } from '../engine/deps/spec';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
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
}

interface Output {
  write(chunk: string): unknown;
}

const SKIPPED_ALWAYS = 'known-malware lookup (OSV) is not available in this version';

/** `takedown scan <target>...`: folders, tarballs, name@version, package.json and lockfiles. */
export async function runScan(targets: string[], options: ScanOptions, out: Output): Promise<number> {
  const scanner = new Scanner({ offline: options.offline, ...(options.offline ? {} : { registry: makeRegistry(options.registry) }) });
  const results: ScanResult[] = [];
  for (const target of targets) results.push(...(await scanTarget(scanner, target)));
  for (const r of results) if (!r.skipped.includes(SKIPPED_ALWAYS)) r.skipped.push(SKIPPED_ALWAYS);

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

async function scanTarget(scanner: Scanner, target: string): Promise<ScanResult[]> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) return [await scanner.scanDirectory(target)];
  if (info?.isFile()) {
    if (/\.(?:tgz|tar\.gz)$/i.test(target)) return [await scanner.scanTarballFile(target)];
    const kind = dependencyFileKind(target);
    if (kind) return scanDependencies(scanner, target, kind);
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

async function scanDependencies(scanner: Scanner, file: string, kind: NonNullable<ReturnType<typeof dependencyFileKind>>): Promise<ScanResult[]> {
  const model = parseDependencyFile(kind, await readFile(file, 'utf8'));
  if (model.fatal) return [unknownResult(file, path.basename(file), '', model.problems[0]?.code ?? 'E_PARSE', `Not scanned: ${model.problems[0]?.message ?? 'the file could not be read'}`)];
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
    work.push(scanner.scanRegistry(entry.name, registrySpec, { target: key, ...(entry.integrity?.startsWith('sha') ? { integrity: entry.integrity } : {}) }));
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
