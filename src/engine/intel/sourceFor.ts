import { OfflineOsvIndex, UnavailableSource } from './offlineIndex';
import { DEFAULT_OSV_ENDPOINT, OsvClient } from './osvClient';
import { UNAVAILABLE } from './osvRecord';
import { packageKey, type KnownMalwareLookup, type KnownMalwareSource, type KnownMalwareStatus, type PackageVersion } from './types';

export interface IntelSettings {
  /** No network: only a local folder of records can answer. */
  offline: boolean;
  osv?: { endpoint?: string; offlineFolder?: string };
  timeoutMs?: number;
}

export const OFFLINE_NO_FOLDER = 'offline: no local OSV folder configured';

/** A folder is indexed once and reused for an hour (a checkout is updated now and then, not per scan). */
const INDEX_TTL_MS = 60 * 60_000;
const indexes = new Map<string, { at: number; index: Promise<OfflineOsvIndex> }>();
const clients = new Map<string, OsvClient>();

/**
 * The known-malware source for these settings: the local folder when one is set (online or not),
 * else OSV.dev (or the configured endpoint), else in offline mode a source that says it was skipped.
 * Clients and indexes are shared between calls so their caches survive.
 */
export function intelSourceFor(settings: IntelSettings): KnownMalwareSource {
  const folder = settings.osv?.offlineFolder;
  if (folder) return new FolderSource(folder);
  if (settings.offline) return new UnavailableSource(OFFLINE_NO_FOLDER);
  const endpoint = settings.osv?.endpoint ?? DEFAULT_OSV_ENDPOINT;
  const key = `${endpoint}|${settings.timeoutMs ?? ''}`;
  let client = clients.get(key);
  if (!client) {
    try {
      client = new OsvClient({ endpoint, ...(settings.timeoutMs ? { timeoutMs: Math.min(settings.timeoutMs, 30_000) } : {}) });
    } catch (e) {
      return new UnavailableSource(`the OSV endpoint is not usable: ${(e as Error).message}`);
    }
    if (clients.size > 8) clients.clear();
    clients.set(key, client);
  }
  return client;
}

/** Indexes the folder on first use; a folder that cannot be read makes every answer `unknown`. */
class FolderSource implements KnownMalwareSource {
  constructor(private readonly folder: string) {}

  async lookup(packages: readonly PackageVersion[]): Promise<KnownMalwareLookup> {
    let entry = indexes.get(this.folder);
    if (!entry || Date.now() - entry.at > INDEX_TTL_MS) {
      entry = { at: Date.now(), index: OfflineOsvIndex.build(this.folder) };
      entry.index.catch(() => indexes.delete(this.folder));
      indexes.set(this.folder, entry);
    }
    try {
      return await (await entry.index).lookup(packages);
    } catch (e) {
      const reason = `${UNAVAILABLE}: the local OSV folder ${this.folder} could not be read (${(e as Error).message})`;
      const results: Record<string, KnownMalwareStatus> = {};
      for (const p of packages) results[packageKey(p)] = { status: 'unknown', reason };
      return { results, source: `local folder ${this.folder}` };
    }
  }
}
