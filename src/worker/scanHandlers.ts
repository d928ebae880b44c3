import { intelSourceFor } from '../engine/intel/sourceFor';
import type { KnownMalwareLookup, KnownMalwareStatus, PackageVersion } from '../engine/intel/types';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { VerdictCache } from '../engine/registry/verdictCache';
import { RULES } from '../engine/rules/index';
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
  /** Rule ids the user switched off (`takedown.rules.disabled`). */
  disabledRules?: string[];
  /** Settings of the registry-metadata rules: cool-down hours (default 48), private scopes, internal name globs. */
  metadata?: { coolDownHours?: number; privateScopes?: string[]; internalNamePatterns?: string[] };
}

export function isScanSettings(value: unknown): value is ScanSettings {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  const optionalString = (k: string) => v[k] === undefined || typeof v[k] === 'string';
  return typeof v.trustedWorkspace === 'boolean' && typeof v.offline === 'boolean' && optionalString('workspaceFolder') && optionalString('registry') && optionalString('userConfigPath') && optionalString('cacheDir') && (v.timeoutMs === undefined || typeof v.timeoutMs === 'number') && (v.limits === undefined || (typeof v.limits === 'object' && v.limits !== null)) && (v.disabledRules === undefined || (Array.isArray(v.disabledRules) && v.disabledRules.every((r) => typeof r === 'string'))) && isOsvSettings(v.osv) && isMetadataSettings(v.metadata);
}

function isMetadataSettings(metadata: unknown): boolean {
  if (metadata === undefined) return true;
  if (typeof metadata !== 'object' || metadata === null) return false;
  const m = metadata as Record<string, unknown>;
  const strings = (x: unknown) => x === undefined || (Array.isArray(x) && x.length <= 100 && x.every((s) => typeof s === 'string' && s.length <= 214));
  return (m.coolDownHours === undefined || (typeof m.coolDownHours === 'number' && m.coolDownHours >= 0)) && strings(m.privateScopes) && strings(m.internalNamePatterns);
}

function isOsvSettings(osv: unknown): boolean {
  if (osv === undefined) return true;
  if (typeof osv !== 'object' || osv === null) return false;
  const o = osv as Record<string, unknown>;
  return (o.endpoint === undefined || typeof o.endpoint === 'string') && (o.offlineFolder === undefined || typeof o.offlineFolder === 'string');
}

/** Every package looked up as known malware in one batch: the local folder when set, else OSV; offline with no folder says so. */
export function lookupKnownMalware(packages: PackageVersion[], settings: ScanSettings): Promise<KnownMalwareLookup> {
  return intelSourceFor(settings).lookup(packages);
}

/** A lookup answer the host may hand to a scan: `none`, or `hit` with records (an `unknown` is asked again). */
export function isSettledStatus(value: unknown): value is KnownMalwareStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as { status?: unknown; records?: unknown };
  if (v.status === 'none') return true;
  return v.status === 'hit' && Array.isArray(v.records) && v.records.length > 0 && v.records.every((r) => typeof r === 'object' && r !== null && typeof (r as { id?: unknown }).id === 'string' && typeof (r as { summary?: unknown }).summary === 'string' && typeof (r as { url?: unknown }).url === 'string');
}

export function isPackageList(value: unknown): value is PackageVersion[] {
  return Array.isArray(value) && value.length <= 200_000 && value.every((p) => typeof p === 'object' && p !== null && typeof p.name === 'string' && p.name.length <= 214 && typeof p.version === 'string' && p.version.length <= 256);
}

const scanners = new Map<string, Scanner>();

/** Drops every scanner (and with it its registry client's memory cache): Clear Cache. */
export function forgetScanners(): void {
  scanners.clear();
}

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
      // The disk cache is keyed without the rule set: a scan with rules switched off neither reads nor writes it.
      ...(settings.cacheDir && !settings.disabledRules?.length ? { cache: new VerdictCache<ScanResult>({ dir: settings.cacheDir }) } : {}),
      ...(settings.limits ? { limits: settings.limits } : {}),
      intel: intelSourceFor(settings),
      ...(settings.disabledRules?.length ? { rules: RULES.filter((r) => !settings.disabledRules!.includes(r.meta.id)) } : {}),
      ...(settings.metadata ?? {}),
    });
    scanners.set(key, scanner);
  }
  return scanner;
}
