import { readFile } from 'node:fs/promises';
import { LRUCache } from 'lru-cache';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { VerdictCache } from '../engine/registry/verdictCache';
import { readDirectory, readTarball } from '../engine/tarball/readTarball';
import { DEFAULT_TARBALL_LIMITS, type TarballContents } from '../engine/tarball/types';
import type { ScanSettings } from './scanHandlers';

/** One file of a package as the read-only editor document shows it. */
export interface PackageFileText {
  path: string;
  /** The file as text, cut at `maxChars`; absent for binaries and files over the read caps. */
  text?: string;
  truncated: boolean;
  binary: boolean;
  size: number;
  /** Why there is no (whole) text. */
  note?: string;
}

export interface ReadPackageFileParams {
  name: string;
  version: string;
  path: string;
  settings: ScanSettings;
  /** A local folder or .tgz that was scanned instead of a registry package. */
  source?: string;
  maxChars?: number;
}

const DEFAULT_MAX_CHARS = 2 * 1024 * 1024;

// Read packages stay in memory a while: opening three findings of one package downloads it once.
const contentsCache = new LRUCache<string, TarballContents>({
  maxSize: 128 * 1024 * 1024,
  sizeCalculation: (c) => Math.max(1, c.totalUnpackedBytes),
  ttl: 10 * 60_000,
});
const registries = new Map<string, RegistryClient>();

function registryFor(settings: ScanSettings): RegistryClient {
  const key = JSON.stringify([settings.workspaceFolder, settings.trustedWorkspace, settings.registry, settings.userConfigPath, settings.timeoutMs]);
  let client = registries.get(key);
  if (!client) {
    if (registries.size > 8) registries.clear();
    const config = loadNpmConfig({
      trustedWorkspace: settings.trustedWorkspace,
      ...(settings.workspaceFolder ? { workspaceFolder: settings.workspaceFolder } : {}),
      ...(settings.userConfigPath ? { userConfigPath: settings.userConfigPath } : {}),
      ...(settings.registry ? { overrides: { registry: settings.registry } } : {}),
    });
    client = new RegistryClient({ config, ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) });
    registries.set(key, client);
  }
  return client;
}

async function contentsOf(params: ReadPackageFileParams): Promise<TarballContents> {
  const limits = { ...DEFAULT_TARBALL_LIMITS, ...params.settings.limits };
  const key = params.source ? `local\0${params.source}` : `${params.settings.registry ?? ''}\0${params.settings.workspaceFolder ?? ''}\0${params.name}@${params.version}`;
  const cached = contentsCache.get(key);
  if (cached) return cached;
  let contents: TarballContents;
  if (params.source) {
    contents = /\.(?:tgz|tar\.gz)$/i.test(params.source) ? await readTarball(await readFile(params.source), limits) : await readDirectory(params.source, limits);
  } else {
    if (params.settings.offline) throw Object.assign(new Error('offline mode: the package is not downloaded'), { code: 'E_OFFLINE' });
    const tarball = await registryFor(params.settings).tarball(params.name, params.version);
    if (!tarball.ok) throw Object.assign(new Error(tarball.message), { code: tarball.code });
    contents = await readTarball(tarball.value.data, limits);
  }
  contentsCache.set(key, contents);
  return contents;
}

/**
 * A file of a package, read from its tarball (never extracted to disk, never run) for the
 * editor's read-only document. A local folder's file is read through the same capped reader, so a
 * link inside it is not followed.
 */
export async function readPackageFile(params: ReadPackageFileParams): Promise<PackageFileText> {
  const contents = await contentsOf(params);
  const wanted = params.path.replace(/^\/+/, '');
  const file = contents.files.find((f) => f.path === wanted);
  if (!file) throw Object.assign(new Error(`${wanted} is not in ${params.name}@${params.version}`), { code: 'E_NOT_FOUND' });
  const max = Math.max(1, Math.min(params.maxChars ?? DEFAULT_MAX_CHARS, 16 * 1024 * 1024));
  const out: PackageFileText = { path: file.path, truncated: file.truncated, binary: file.binary, size: file.size };
  if (file.binary) out.note = 'binary file: not shown';
  else if (file.text === undefined) out.note = `file over the read limit (${file.size} bytes): not shown`;
  else if (file.text.length > max) {
    out.text = file.text.slice(0, max);
    out.truncated = true;
    out.note = `cut at ${max} characters of ${file.text.length}`;
  } else out.text = file.text;
  return out;
}

/** Forgets everything cached in this worker and on disk (Clear Cache). Returns what was removed, for the log. */
export async function clearCaches(settings: ScanSettings, forgetScanners: () => void): Promise<{ cleared: string[] }> {
  const cleared: string[] = [];
  contentsCache.clear();
  registries.clear();
  forgetScanners();
  cleared.push('worker memory');
  if (settings.cacheDir) {
    await new VerdictCache({ dir: settings.cacheDir }).clear();
    cleared.push('verdict cache on disk');
  }
  return { cleared };
}
