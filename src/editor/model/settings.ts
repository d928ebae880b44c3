import type { ScanScope } from '../../engine/deps/select';
import type { TarballLimits } from '../../engine/tarball/types';
import type { ScanSettings } from '../../worker/scanHandlers';
import { parseAllowList, type AllowEntry } from './allowList';

/** How a verdict shows in the Problems view; `none` hides it. */
export type SeverityName = 'error' | 'warning' | 'information' | 'hint' | 'none';
export type ShownVerdict = 'malicious' | 'suspicious' | 'notable' | 'unknown';

export interface EditorSettings {
  scanScope: ScanScope;
  /** Scan when a dependency file changes (off: only the commands scan). */
  scanOnChange: boolean;
  concurrency: number;
  maxDependencyFileBytes: number;
  severity: Record<ShownVerdict, SeverityName>;
  coolDownHours: number;
  offline: boolean;
  timeoutMs: number;
  registry?: string;
  osvEndpoint?: string;
  osvOfflineFolder?: string;
  limits: Partial<TarballLimits>;
  disabledRules: string[];
  /** Scopes (`@acme`) and name globs of the user's own packages: a public package there is dependency confusion. */
  privateScopes: string[];
  internalNamePatterns: string[];
  allow: AllowEntry[];
}

/** What `WorkspaceConfiguration.inspect` answers, reduced to the levels Takedown reads. */
export interface InspectedValue {
  defaultValue?: unknown;
  globalValue?: unknown;
  workspaceValue?: unknown;
  workspaceFolderValue?: unknown;
}

/** Reads one `takedown.*` key (relative, e.g. `scan.scope`) at every level. */
export type InspectSetting = (key: string) => InspectedValue | undefined;

/**
 * Settings a workspace must not set for itself when it is not trusted (package.json
 * `restrictedConfigurations` lists the same keys): where requests go, and what would hide a finding.
 * A cloned repository's .vscode/settings.json could otherwise send lookups to its author's server or
 * allow its own malicious dependency.
 */
export const RESTRICTED_SETTINGS = ['registry.url', 'osv.endpoint', 'osv.offlineFolder', 'allow', 'rules.disabled', 'diagnostics.severity'] as const;

/** Machine-scoped in package.json: never taken from a workspace, trusted or not. */
const USER_ONLY = new Set(['registry.url', 'osv.endpoint']);

export const DEFAULT_SEVERITY: Readonly<Record<ShownVerdict, SeverityName>> = { malicious: 'error', suspicious: 'warning', notable: 'information', unknown: 'information' };

const SCOPES: readonly ScanScope[] = ['added', 'direct', 'all'];
const SEVERITIES: readonly SeverityName[] = ['error', 'warning', 'information', 'hint', 'none'];

/** The value that applies: workspace levels only when the key may come from the workspace. */
export function effectiveValue(inspect: InspectSetting, key: string, trusted: boolean): unknown {
  const v = inspect(key);
  if (!v) return undefined;
  const userOnly = USER_ONLY.has(key) || (!trusted && (RESTRICTED_SETTINGS as readonly string[]).includes(key));
  if (userOnly) return v.globalValue ?? v.defaultValue;
  return v.workspaceFolderValue ?? v.workspaceValue ?? v.globalValue ?? v.defaultValue;
}

function num(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? Math.min(max, Math.max(min, value)) : fallback;
}

function httpUrl(value: unknown): string | undefined {
  if (typeof value !== 'string' || !value.trim()) return undefined;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() ? value.trim() : undefined;
}

/**
 * Effective settings, validated: a hand-edited settings.json with a wrong type falls back to the
 * default, and restricted keys follow the trust rule above. The allow list is the union of the user
 * and (when honoured) workspace lists, since "Allow this version" writes to the workspace.
 */
export function resolveSettings(inspect: InspectSetting, trusted: boolean): EditorSettings {
  const get = (key: string) => effectiveValue(inspect, key, trusted);
  const scope = get('scan.scope');
  const severityValue = get('diagnostics.severity');
  const severity = { ...DEFAULT_SEVERITY };
  if (typeof severityValue === 'object' && severityValue !== null) {
    for (const key of Object.keys(severity) as ShownVerdict[]) {
      const wanted = (severityValue as Record<string, unknown>)[key];
      if (typeof wanted === 'string' && (SEVERITIES as readonly string[]).includes(wanted)) severity[key] = wanted as SeverityName;
    }
  }
  const allowLevels = inspect('allow');
  const allowSources = trusted ? [allowLevels?.globalValue, allowLevels?.workspaceValue, allowLevels?.workspaceFolderValue] : [allowLevels?.globalValue];
  const disabled = get('rules.disabled');
  const strings = (value: unknown, pattern: RegExp) => (Array.isArray(value) ? [...new Set(value.filter((r): r is string => typeof r === 'string' && pattern.test(r)))] : []);
  const settings: EditorSettings = {
    scanScope: typeof scope === 'string' && (SCOPES as readonly string[]).includes(scope) ? (scope as ScanScope) : 'direct',
    scanOnChange: get('scan.onChange') !== false,
    concurrency: Math.round(num(get('scan.concurrency'), 2, 1, 8)),
    maxDependencyFileBytes: num(get('limits.maxDependencyFileMB'), 32, 1, 512) * 1024 * 1024,
    severity,
    coolDownHours: num(get('scan.coolDownHours'), 48, 0, 24 * 365),
    offline: get('scan.offline') === true,
    timeoutMs: num(get('scan.timeoutSeconds'), 60, 5, 600) * 1000,
    limits: {
      maxCompressedBytes: num(get('limits.maxTarballMB'), 50, 1, 1024) * 1024 * 1024,
      maxUnpackedBytes: num(get('limits.maxUnpackedMB'), 200, 1, 4096) * 1024 * 1024,
      maxFiles: Math.round(num(get('limits.maxFiles'), 20_000, 10, 1_000_000)),
    },
    disabledRules: strings(disabled, /^[a-z0-9-]{1,64}$/),
    privateScopes: strings(get('metadata.privateScopes'), /^@[a-z0-9][a-z0-9._~-]*$/i),
    internalNamePatterns: strings(get('metadata.internalNamePatterns'), /^.{1,214}$/),
    allow: allowSources.flatMap((list) => parseAllowList(list)),
  };
  const registry = httpUrl(get('registry.url'));
  if (registry) settings.registry = registry;
  const osvEndpoint = httpUrl(get('osv.endpoint'));
  if (osvEndpoint) settings.osvEndpoint = osvEndpoint;
  const folder = text(get('osv.offlineFolder'));
  if (folder) settings.osvOfflineFolder = folder;
  return settings;
}

export interface ScanContext {
  trusted: boolean;
  /** The workspace folder whose .npmrc applies. */
  workspaceFolder?: string;
  /** Disk verdict cache (the extension's global storage). */
  cacheDir?: string;
}

/** What the worker needs to scan: the engine's own settings shape, built from the editor's. */
export function toScanSettings(settings: EditorSettings, context: ScanContext): ScanSettings {
  const scan: ScanSettings = { trustedWorkspace: context.trusted, offline: settings.offline, timeoutMs: settings.timeoutMs, limits: settings.limits };
  if (context.workspaceFolder) scan.workspaceFolder = context.workspaceFolder;
  if (context.cacheDir) scan.cacheDir = context.cacheDir;
  if (settings.registry) scan.registry = settings.registry;
  const osv: NonNullable<ScanSettings['osv']> = {};
  if (settings.osvEndpoint) osv.endpoint = settings.osvEndpoint;
  if (settings.osvOfflineFolder) osv.offlineFolder = settings.osvOfflineFolder;
  if (osv.endpoint || osv.offlineFolder) scan.osv = osv;
  if (settings.disabledRules.length) scan.disabledRules = settings.disabledRules;
  scan.metadata = { coolDownHours: settings.coolDownHours, privateScopes: settings.privateScopes, internalNamePatterns: settings.internalNamePatterns };
  return scan;
}

/** The settings line the log shows: what drives scanning, the allow list as a count. */
export function describeSettings(settings: EditorSettings): string {
  const { allow, ...rest } = settings;
  // A registry URL may carry credentials (https://user:token@host/): they never reach the log.
  return JSON.stringify({ ...rest, allow: allow.length }).replace(/(\/\/)[^/@"\s]*@/g, '$1***@');
}
