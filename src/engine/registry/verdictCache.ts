// A disk cache of scan results keyed by (name, version, integrity, engine version).
//
// One JSON file per entry under `<dir>/<2 hex>/<sha256>.json`; the file repeats its key so a hash
// collision or a stray file can never be returned for the wrong package. Writes go to a temp file in
// the same folder and are renamed into place (atomic on POSIX and NTFS). The folder is bounded: once
// it grows past `maxBytes`, the least recently used entries (file mtime; a hit refreshes it) are
// deleted down to 90 % of the bound. Unreadable, corrupt or foreign files are ignored (and removed
// on read). Values must be JSON-serialisable; the scan result type is defined elsewhere.
import { createHash, randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';

export interface VerdictKey {
  name: string;
  version: string;
  /** The tarball integrity the result was computed for; null/absent when unknown. */
  integrity?: string | null;
  /** Engine (rules) version: a new engine never reuses an old engine's result. */
  engineVersion: string;
}

export interface VerdictCacheOptions<T> {
  dir: string;
  /** Bound on the total size of the entry files. Default 64 MiB. */
  maxBytes?: number;
  /** Optional shape check for values read back; a value that fails it is treated as absent. */
  validate?: (value: unknown) => value is T;
}

interface Envelope<T> {
  format: 1;
  key: Required<Omit<VerdictKey, 'integrity'>> & { integrity: string | null };
  storedAt: string;
  value: T;
}

const FORMAT = 1;
const SUFFIX = '.json';

function normalizeKey(k: VerdictKey): Envelope<unknown>['key'] {
  return { name: k.name, version: k.version, integrity: k.integrity ?? null, engineVersion: k.engineVersion };
}

function sameKey(a: Envelope<unknown>['key'], b: Envelope<unknown>['key']): boolean {
  return a.name === b.name && a.version === b.version && a.integrity === b.integrity && a.engineVersion === b.engineVersion;
}

export class VerdictCache<T> {
  readonly dir: string;
  readonly maxBytes: number;
  readonly #validate: ((value: unknown) => value is T) | undefined;
  #total: number | undefined;
  #pruning: Promise<void> | undefined;

  constructor(opts: VerdictCacheOptions<T>) {
    this.dir = path.resolve(opts.dir);
    this.maxBytes = opts.maxBytes ?? 64 * 1024 * 1024;
    this.#validate = opts.validate;
  }

  /** The file an entry lives in (for tests and diagnostics). */
  pathFor(key: VerdictKey): string {
    const k = normalizeKey(key);
    const h = createHash('sha256').update(JSON.stringify([k.name, k.version, k.integrity, k.engineVersion])).digest('hex');
    return path.join(this.dir, h.slice(0, 2), h + SUFFIX);
  }

  async get(key: VerdictKey): Promise<T | undefined> {
    const file = this.pathFor(key);
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch {
      return undefined;
    }
    let env: Envelope<T>;
    try {
      env = JSON.parse(text) as Envelope<T>;
      if (!env || env.format !== FORMAT || !env.key || !sameKey(env.key, normalizeKey(key)) || !('value' in env)) throw new Error('not an entry for this key');
      if (this.#validate && !this.#validate(env.value)) throw new Error('invalid value');
    } catch {
      await this.#unlink(file);
      this.#total = undefined; // recount on next use
      return undefined;
    }
    const now = new Date();
    fs.utimes(file, now, now).catch(() => undefined); // LRU: a hit is recent
    return env.value;
  }

  async set(key: VerdictKey, value: T): Promise<void> {
    const file = this.pathFor(key);
    const env: Envelope<T> = { format: FORMAT, key: normalizeKey(key), storedAt: new Date().toISOString(), value };
    const text = JSON.stringify(env);
    if (text === undefined) throw new TypeError('value is not JSON-serialisable');
    const bytes = Buffer.byteLength(text);
    await fs.mkdir(path.dirname(file), { recursive: true });
    const tmp = path.join(path.dirname(file), `.tmp-${process.pid}-${randomBytes(6).toString('hex')}`);
    const previous = await fs.stat(file).then((s) => s.size, () => 0);
    try {
      await fs.writeFile(tmp, text, { flag: 'wx' });
      await fs.rename(tmp, file);
    } catch (e) {
      await this.#unlink(tmp);
      throw e;
    }
    if (this.#total !== undefined) this.#total += bytes - previous;
    if ((await this.totalBytes()) > this.maxBytes) await this.prune();
  }

  async delete(key: VerdictKey): Promise<void> {
    const file = this.pathFor(key);
    const size = await fs.stat(file).then((s) => s.size, () => 0);
    await this.#unlink(file);
    if (this.#total !== undefined) this.#total -= size;
  }

  async clear(): Promise<void> {
    await fs.rm(this.dir, { recursive: true, force: true });
    this.#total = 0;
  }

  /** Total size of entry files (scanned once, then tracked). */
  async totalBytes(): Promise<number> {
    if (this.#total === undefined) this.#total = (await this.#entries()).reduce((n, e) => n + e.size, 0);
    return this.#total;
  }

  /** Deletes least recently used entries until the folder is at most 90 % of `maxBytes`; also removes stale temp files. */
  prune(): Promise<void> {
    this.#pruning ??= this.#prune().finally(() => {
      this.#pruning = undefined;
    });
    return this.#pruning;
  }

  async #prune(): Promise<void> {
    const entries = await this.#entries(true);
    let total = entries.reduce((n, e) => n + e.size, 0);
    const target = Math.floor(this.maxBytes * 0.9);
    entries.sort((a, b) => a.mtimeMs - b.mtimeMs);
    for (const e of entries) {
      if (total <= target) break;
      await this.#unlink(e.file);
      total -= e.size;
    }
    this.#total = total;
  }

  async #entries(cleanTemp = false): Promise<Array<{ file: string; size: number; mtimeMs: number }>> {
    const out: Array<{ file: string; size: number; mtimeMs: number }> = [];
    let shards: string[];
    try {
      shards = await fs.readdir(this.dir);
    } catch {
      return out;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      let names: string[];
      try {
        names = await fs.readdir(path.join(this.dir, shard));
      } catch {
        continue;
      }
      for (const name of names) {
        const file = path.join(this.dir, shard, name);
        const st = await fs.stat(file).catch(() => undefined);
        if (!st?.isFile()) continue;
        if (name.startsWith('.tmp-')) {
          // a writer that died mid-write; leave fresh ones alone (another process may be writing)
          if (cleanTemp && Date.now() - st.mtimeMs > 60_000) await this.#unlink(file);
          continue;
        }
        if (!name.endsWith(SUFFIX)) continue;
        out.push({ file, size: st.size, mtimeMs: st.mtimeMs });
      }
    }
    return out;
  }

  async #unlink(file: string): Promise<void> {
    await fs.rm(file, { force: true }).catch(() => undefined);
  }
}
