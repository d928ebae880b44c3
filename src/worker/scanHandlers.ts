import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { VerdictCache } from '../engine/registry/verdictCache';
import type { ScanResult } from '../engine/scan/result';
import { Scanner } from '../engine/scan/scanner';
import type { TarballLimits } from '../engine/tarball/types';

/** What the host tells the worker about where and how to scan; the worker builds the clients. */
export interface ScanSettings {
  /** Folder whose .npmrc is the project configuration. */
  workspaceFolder?: string;
  trustedWorkspace: boolean;
  /** A registry URL from user settings, overriding .npmrc. */
  registry?: string;
  userConfigPath?: string;
  offline: boolean;
  /** Disk cache of verdicts (the extension's global storage). */
  cacheDir?: string;
  limits?: Partial<TarballLimits>;
  timeoutMs?: number;
  /** Known-malware lookup: the OSV API base URL (user-level setting only) or a local folder of OSV records. */
  osv?: { endpoint?: string; offlineFolder?: string };
}

export function isScanSettings(value: unknown): value is ScanSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const optionalString = (k: string) => v[k] === undefined || typeof v[k] === 'string';
  return typeof v.trustedWorkspace === 'boolean' && typeof v.offline === 'boolean' && optionalString('workspaceFolder') && optionalString('registry') && optionalString('userConfigPath') && optionalString('cacheDir') && (v.timeoutMs === undefined || typeof v.timeoutMs === 'number') && (v.limits === undefined || (typeof v.limits === 'object' && v.limits !== null));
}

const scanners = new Map<string, Scanner>();

/** One scanner per distinct settings, so caches survive between requests of the same workspace. */
export function scannerFor(settings: ScanSettings): Scanner {
  const key = JSON.stringify(settings);
  let scanner = scanners.get(key);
  if (!scanner) {
    if (scanners.size > 8) scanners.clear();
    const config = loadNpmConfig({
      trustedWorkspace: settings.trustedWorkspace,
      ...(settings.workspaceFolder ? { workspaceFolder: settings.workspaceFolder } : {}),
      ...(settings.userConfigPath ? { userConfigPath: settings.userConfigPath } : {}),
      ...(settings.registry ? { overrides: { registry: settings.registry } } : {}),
    });
    scanner = new Scanner({
      offline: settings.offline,
      ...(settings.offline ? {} : { registry: new RegistryClient({ config, ...(settings.timeoutMs ? { timeoutMs: settings.timeoutMs } : {}) }) }),
      ...(settings.cacheDir ? { cache: new VerdictCache<ScanResult>({ dir: settings.cacheDir }) } : {}),
      ...(settings.limits ? { limits: settings.limits } : {}),
    });
    scanners.set(key, scanner);
  }
  return scanner;
}
