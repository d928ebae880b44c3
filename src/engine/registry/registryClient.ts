// The scan engine's registry client: packuments, manifests and tarballs through pacote, fetch only.
//
// - Nothing is ever extracted or run here: tarballs come back as a Buffer, size-capped while
//   streaming. Only registry specs (version / range / tag) are accepted, and only http(s) tarball
//   URLs are fetched, so no git clone (which could run `prepare`) or file: read can happen.
// - Every failure is a value `{ ok: false, code, message, retryable }` with a redacted message; an
//   integrity mismatch is `E_INTEGRITY` with both values. Nothing here returns anything that could
//   be read as "clean"; the caller turns failures into verdict `unknown` with the reason.
// - Per-attempt timeouts (AbortSignal + a hard race), retries with exponential backoff for
//   transient failures (network resets, 5xx, 408/429, timeouts; never 404/401/403/integrity),
//   a concurrency limit, and a size-bounded in-memory LRU for packuments (with TTL) and manifests.
// - Credentials come from NpmConfig as nerf-darted keys; npm-registry-fetch sends each only to the
//   registry it belongs to (and drops Authorization on a cross-host redirect).
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import npa from 'npm-package-arg';
import pacote from 'pacote';
import type { NpmConfig } from './npmConfig';

export type RegistryErrorCode = 'E_FETCH' | 'E_NOT_FOUND' | 'E_TIMEOUT' | 'E_TOO_LARGE' | 'E_INTEGRITY' | 'E_AUTH';

export interface RegistryFailure {
  ok: false;
  code: Exclude<RegistryErrorCode, 'E_INTEGRITY'>;
  /** Redacted, human-readable. */
  message: string;
  /** True when trying again later might succeed (it was already retried `attempts - 1` times). */
  retryable: boolean;
  /** HTTP status when the registry answered with one. */
  status?: number;
  attempts: number;
}

export interface IntegrityFailure {
  ok: false;
  code: 'E_INTEGRITY';
  message: string;
  retryable: false;
  /** What the tarball should hash to (lockfile integrity, else the registry's dist.integrity). */
  expected: string;
  /** What it did hash to (tarball), or what the registry's metadata says (metadata). */
  actual: string;
  /**
   * `tarball`: the downloaded bytes do not match. `metadata`: the registry's dist.integrity for this
   * version differs from the integrity the caller (lockfile) expects — the published tarball changed.
   */
  where: 'tarball' | 'metadata';
  attempts: number;
}

export type RegistryError = RegistryFailure | IntegrityFailure;
export type RegistryResult<T> = { ok: true; value: T } | RegistryError;

/** Loose packument shape: everything in it is untrusted registry data. */
export interface Packument {
  name: string;
  'dist-tags'?: Record<string, string>;
  versions: Record<string, PackumentVersion>;
  time?: Record<string, string>;
  [key: string]: unknown;
}

export interface PackumentVersion {
  name: string;
  version: string;
  dist?: { tarball?: string; integrity?: string; shasum?: string; [key: string]: unknown };
  [key: string]: unknown;
}

/** A version manifest as pacote returns it (normalized), with `_resolved` and `_integrity`. */
export interface Manifest extends PackumentVersion {
  _resolved?: string;
  _integrity?: string;
}

export interface Tarball {
  data: Buffer;
  /** sha512 of `data`, computed here. */
  integrity: string;
  /** The URL the bytes came from. */
  resolved: string;
  /** The integrity the bytes were verified against, or null when neither lockfile nor registry gave one. */
  verifiedAgainst: string | null;
}

export interface RegistryClientOptions {
  config: NpmConfig;
  /** Per attempt, including the body download. Default 60 s. */
  timeoutMs?: number;
  /** Extra attempts for transient failures. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry (with jitter), capped at 5 s. Default 300 ms. */
  retryBaseMs?: number;
  /** Requests in flight at once. Default 8. */
  concurrency?: number;
  /** Compressed tarball cap, enforced while streaming. Default 50 MiB. */
  maxTarballBytes?: number;
  /** Memory bound for the packument + manifest LRU. Default 64 MiB. */
  cacheMaxBytes?: number;
  /** How long a packument (and a manifest resolved from a range or tag) stays fresh. Default 5 min. */
  packumentTtlMs?: number;
  /**
   * pacote's HTTP cache folder (cacache). Default: none — nothing is written to disk and npm's own
   * cache (~/.npm/_cacache) is not read. Give a folder in the extension's storage to reuse downloads.
   */
  pacoteCacheDir?: string;
  userAgent?: string;
}

const DEFAULTS = {
  timeoutMs: 60_000,
  retries: 2,
  retryBaseMs: 300,
  concurrency: 8,
  maxTarballBytes: 50 * 1024 * 1024,
  cacheMaxBytes: 64 * 1024 * 1024,
  packumentTtlMs: 5 * 60_000,
};

class TooLargeError extends Error {
  readonly code = 'E_TOO_LARGE';
}

class TimeoutError extends Error {
  readonly code = 'E_TIMEOUT';
}

class SpecError extends Error {
  readonly code = 'E_SPEC';
}

/** A counting semaphore. */
export class Semaphore {
  #free: number;
  readonly #waiting: Array<() => void> = [];
  constructor(readonly size: number) {
    if (!(size >= 1)) throw new RangeError('semaphore size must be >= 1');
    this.#free = Math.floor(size);
  }
  acquire(): Promise<void> {
    if (this.#free > 0) {
      this.#free--;
      return Promise.resolve();
    }
    return new Promise((resolve) => this.#waiting.push(resolve));
  }
  release(): void {
    const next = this.#waiting.shift();
    if (next) next();
    else this.#free++;
  }
  get inUse(): number {
    return this.size - this.#free;
  }
}

const ALGO_STRENGTH = ['sha512', 'sha384', 'sha256', 'sha1'];

function parseSri(s: string): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const tok of s.trim().split(/\s+/)) {
    const m = /^(sha1|sha256|sha384|sha512)-([A-Za-z0-9+/=]+)(\?.*)?$/.exec(tok);
    if (!m) continue;
    const set = out.get(m[1]!) ?? new Set<string>();
    set.add(m[2]!);
    out.set(m[1]!, set);
  }
  return out;
}

/** Like pacote: a mismatch only when both sides have the strongest shared algorithm and no digest agrees. */
export function integrityConflict(expected: string, actual: string): boolean {
  const a = parseSri(expected);
  const b = parseSri(actual);
  const algo = ALGO_STRENGTH.find((x) => a.has(x) && b.has(x));
  if (!algo) return false;
  for (const d of a.get(algo)!) if (b.get(algo)!.has(d)) return false;
  return true;
}

/** When `data` does not hash to `sri` (strongest algorithm in it): the expected and actual values. */
export function integrityMismatch(data: Buffer, sri: string): { expected: string; actual: string } | undefined {
  const parsed = parseSri(sri);
  const algo = ALGO_STRENGTH.find((a) => parsed.has(a));
  if (!algo) return undefined;
  const actual = createHash(algo).update(data).digest('base64');
  if (parsed.get(algo)!.has(actual)) return undefined;
  return { expected: [...parsed.get(algo)!].map((d) => `${algo}-${d}`).join(' '), actual: `${algo}-${actual}` };
}

const TRANSIENT_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EADDRINUSE', 'EPIPE', 'EAI_AGAIN', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETRESET', 'UND_ERR_SOCKET', 'ERR_STREAM_PREMATURE_CLOSE']);
const TIMEOUT_CODES = new Set(['ETIMEDOUT', 'ESOCKETTIMEDOUT', 'ERR_SOCKET_TIMEOUT', 'ECONNECTIONTIMEOUT', 'EIDLETIMEOUT', 'ERESPONSETIMEOUT', 'ETRANSFERTIMEOUT']);

interface ErrorLike {
  code?: unknown;
  type?: unknown;
  statusCode?: unknown;
  message?: unknown;
  expected?: unknown;
  found?: unknown;
}

function errorMessage(e: unknown): string {
  if (e && typeof e === 'object' && 'message' in e) return String((e as ErrorLike).message);
  return String(e);
}

interface Attempt<T> {
  what: string;
  run: (signal: AbortSignal) => Promise<T>;
}

export class RegistryClient {
  readonly #config: NpmConfig;
  readonly #opts: Required<Omit<RegistryClientOptions, 'config' | 'pacoteCacheDir' | 'userAgent'>>;
  readonly #base: Record<string, unknown>;
  readonly #sem: Semaphore;
  readonly #cache: LRUCache<string, { value: Packument | Manifest; size: number }>;
  readonly #inflight = new Map<string, Promise<RegistryResult<Packument>>>();

  constructor(options: RegistryClientOptions) {
    this.#config = options.config;
    this.#opts = {
      timeoutMs: options.timeoutMs ?? DEFAULTS.timeoutMs,
      retries: Math.max(0, options.retries ?? DEFAULTS.retries),
      retryBaseMs: options.retryBaseMs ?? DEFAULTS.retryBaseMs,
      concurrency: options.concurrency ?? DEFAULTS.concurrency,
      maxTarballBytes: options.maxTarballBytes ?? DEFAULTS.maxTarballBytes,
      cacheMaxBytes: options.cacheMaxBytes ?? DEFAULTS.cacheMaxBytes,
      packumentTtlMs: options.packumentTtlMs ?? DEFAULTS.packumentTtlMs,
    };
    this.#sem = new Semaphore(this.#opts.concurrency);
    this.#cache = new LRUCache({
      maxSize: this.#opts.cacheMaxBytes,
      maxEntrySize: Math.max(1, Math.floor(this.#opts.cacheMaxBytes / 4)),
      sizeCalculation: (v) => Math.max(1, v.size),
    });
    this.#base = {
      ...this.#config.pacoteOptions(),
      fullMetadata: true,
      // never read npm's own cache; revalidate anything pacoteCacheDir holds
      preferOnline: true,
      // retries are ours (counted, classified); make-fetch-happen's are off
      retry: { retries: 0 },
      timeout: this.#opts.timeoutMs,
      userAgent: options.userAgent ?? `takedown pacote node/${process.version}`,
      ...(options.pacoteCacheDir ? { cache: options.pacoteCacheDir } : {}),
    };
    if (!options.pacoteCacheDir) delete this.#base.cache;
  }

  /** The registry a package name resolves to (its scope's registry when one is configured). */
  registryFor(name: string): string {
    return this.#config.registryFor(name);
  }

  /** Redacts configured secrets and credential shapes from text. */
  redact(text: string): string {
    return this.#config.redact(text);
  }

  /** The full packument (all versions, times, maintainers). Shared, cached object: treat as read-only. */
  async packument(name: string): Promise<RegistryResult<Packument>> {
    const checked = this.#checkName(name);
    if (checked) return checked;
    const key = this.#packumentKey(name);
    const hit = this.#cache.get(key);
    if (hit) return { ok: true, value: hit.value as Packument };
    const pending = this.#inflight.get(key);
    if (pending) return pending;
    const p = this.#withRetries<Packument>({
      what: `packument ${name}`,
      run: async (signal) => {
        const doc = (await pacote.packument(name, { ...this.#base, signal } as pacote.Options)) as unknown as Packument;
        if (!doc || typeof doc !== 'object' || typeof doc.versions !== 'object' || doc.versions === null) {
          throw Object.assign(new Error('registry answered with something that is not a packument'), { code: 'E_BAD_PACKUMENT' });
        }
        return doc;
      },
    }).then((r) => {
      if (r.ok) {
        const size = Number((r.value as { _contentLength?: unknown })._contentLength) || approxSize(r.value);
        this.#cache.set(key, { value: r.value, size }, { ttl: this.#opts.packumentTtlMs });
      }
      return r;
    });
    this.#inflight.set(key, p);
    try {
      return await p;
    } finally {
      this.#inflight.delete(key);
    }
  }

  /** The manifest `spec` (exact version, range or dist-tag; default `latest`) resolves to. */
  async manifest(name: string, spec = 'latest'): Promise<RegistryResult<Manifest>> {
    let parsed: npa.Result;
    try {
      parsed = npa.resolve(name, spec);
      if (parsed.type !== 'version' && parsed.type !== 'range' && parsed.type !== 'tag') {
        throw new SpecError(`${name}@${spec} is a ${parsed.type} spec, not a registry version, range or tag`);
      }
    } catch (e) {
      return this.#fail('E_FETCH', `manifest ${name}@${spec}: ${errorMessage(e)}`, false, 1);
    }
    const key = `m:${this.#config.registryFor(name)}|${name}|${spec}`;
    const hit = this.#cache.get(key);
    if (hit) return { ok: true, value: hit.value as Manifest };
    const pack = await this.packument(name);
    if (!pack.ok) return pack;
    try {
      // pacote picks + normalizes from our packument (a copy: normalizing mutates what it picked)
      const packumentCache = {
        has: () => true,
        get: () => structuredClone(pack.value),
        set: () => undefined,
        delete: () => undefined,
      };
      const mani = (await pacote.manifest(`${name}@${spec}`, { ...this.#base, packumentCache } as unknown as pacote.Options)) as unknown as Manifest;
      const exact = parsed.type === 'version';
      this.#cache.set(key, { value: mani, size: approxSize(mani) }, exact ? {} : { ttl: this.#opts.packumentTtlMs });
      return { ok: true, value: mani };
    } catch (e) {
      return this.#classify(e, `manifest ${name}@${spec}`, false, 1);
    }
  }

  /**
   * Downloads a version's tarball (never extracts it). `integrity` is the lockfile's: a registry whose
   * dist.integrity disagrees gives E_INTEGRITY (`metadata`), bytes that hash differently give
   * E_INTEGRITY (`tarball`). Over `maxTarballBytes` gives E_TOO_LARGE without reading further.
   */
  async tarball(name: string, version: string, opts: { integrity?: string | null } = {}): Promise<RegistryResult<Tarball>> {
    const mani = await this.manifest(name, version);
    if (!mani.ok) return mani;
    const resolved = mani.value._resolved ?? mani.value.dist?.tarball;
    let url: URL;
    try {
      if (typeof resolved !== 'string') throw new Error('no dist.tarball in the registry metadata');
      url = new URL(resolved);
      if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`dist.tarball is not an http(s) URL (${url.protocol})`);
    } catch (e) {
      return this.#fail('E_FETCH', `tarball ${name}@${version}: ${errorMessage(e)}`, false, 1);
    }
    const dist = mani.value._integrity ?? mani.value.dist?.integrity ?? (mani.value.dist?.shasum ? `sha1-${Buffer.from(mani.value.dist.shasum, 'hex').toString('base64')}` : undefined);
    const wanted = opts.integrity?.trim() || undefined;
    if (wanted && dist && integrityConflict(wanted, dist)) {
      return {
        ok: false,
        code: 'E_INTEGRITY',
        where: 'metadata',
        expected: wanted,
        actual: dist,
        retryable: false,
        attempts: 1,
        message: this.redact(`tarball ${name}@${version}: the registry's integrity for this version (${dist}) differs from the expected ${wanted}`),
      };
    }
    // pacote verifies the strongest algorithm of what it is given; the bytes are then checked here
    // against the lockfile's and the registry's integrity separately (an old sha1 lockfile entry is
    // not skipped just because the registry also has a sha512).
    const verifyAgainst = wanted ?? dist ?? null;
    const max = this.#opts.maxTarballBytes;
    const RemoteFetcher = (pacote as unknown as { RemoteFetcher: RemoteFetcherCtor }).RemoteFetcher;
    return this.#withRetries<Tarball>({
      what: `tarball ${name}@${version}`,
      run: async (signal) => {
        const fetcher = new RemoteFetcher(url.href, {
          ...this.#base,
          // the package's registry decides auth fallback and npmjs host replacement, as in npm
          registry: this.#config.registryFor(name),
          ...(verifyAgainst ? { integrity: verifyAgainst } : {}),
          pkgid: `registry:${name}@${version}`,
          signal,
        });
        const data = await fetcher.tarballStream((stream) => collect(stream, max, signal));
        for (const sri of [wanted, dist]) {
          const bad = sri ? integrityMismatch(data, sri) : undefined;
          if (bad) throw Object.assign(new Error(`integrity mismatch`), { code: 'EINTEGRITY', expected: bad.expected, found: bad.actual });
        }
        return {
          data,
          integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
          resolved: url.href,
          verifiedAgainst: [wanted, dist].filter((x): x is string => !!x).join(' ') || null,
        };
      },
    });
  }

  #packumentKey(name: string): string {
    return `p:${this.#config.registryFor(name)}|${name}`;
  }

  #checkName(name: string): RegistryFailure | undefined {
    try {
      const p = npa(name);
      if (!p.registry || !p.name || p.name !== name) throw new SpecError(`"${name}" is not a package name`);
      return undefined;
    } catch (e) {
      return this.#fail('E_FETCH', errorMessage(e), false, 1);
    }
  }

  #fail(code: RegistryFailure['code'], message: string, retryable: boolean, attempts: number, status?: number): RegistryFailure {
    return { ok: false, code, message: this.redact(message), retryable, attempts, ...(status !== undefined ? { status } : {}) };
  }

  #classify(e: unknown, what: string, timedOut: boolean, attempts: number): RegistryError {
    const err = (e && typeof e === 'object' ? e : {}) as ErrorLike;
    const code = typeof err.code === 'string' ? err.code : '';
    const type = typeof err.type === 'string' ? err.type : '';
    const status = typeof err.statusCode === 'number' ? err.statusCode : /^E\d{3}$/.test(code) ? Number(code.slice(1)) : undefined;
    const msg = `${what}: ${errorMessage(e)}`;
    if (e instanceof TooLargeError) return this.#fail('E_TOO_LARGE', `${what}: ${e.message}`, false, attempts);
    if (timedOut || e instanceof TimeoutError || TIMEOUT_CODES.has(code) || type === 'request-timeout' || type === 'body-timeout') {
      return this.#fail('E_TIMEOUT', timedOut || e instanceof TimeoutError ? `${what}: no complete answer within ${this.#opts.timeoutMs} ms` : msg, true, attempts);
    }
    if (code === 'EINTEGRITY') {
      const expected = err.expected !== undefined ? String(err.expected) : '';
      const actual = err.found !== undefined ? String(err.found) : '';
      return { ok: false, code: 'E_INTEGRITY', where: 'tarball', expected, actual, retryable: false, attempts, message: this.redact(`${what}: integrity mismatch: expected ${expected}, got ${actual}`) };
    }
    if (code === 'E404' || code === 'ETARGET' || code === 'ENOVERSIONS' || status === 404 || status === 410) {
      return this.#fail('E_NOT_FOUND', msg, false, attempts, status);
    }
    if (code === 'E401' || code === 'E403' || code === 'EOTP' || code === 'EAUTHIP' || status === 401 || status === 403) {
      return this.#fail('E_AUTH', msg, false, attempts, status);
    }
    if (status !== undefined) return this.#fail('E_FETCH', msg, status >= 500 || status === 408 || status === 429, attempts, status);
    if (TRANSIENT_CODES.has(code) || type === 'system') return this.#fail('E_FETCH', msg, TRANSIENT_CODES.has(code), attempts);
    return this.#fail('E_FETCH', msg, false, attempts);
  }

  async #withRetries<T>(attempt: Attempt<T>): Promise<RegistryResult<T>> {
    for (let n = 1; ; n++) {
      await this.#sem.acquire();
      const ac = new AbortController();
      let timedOut = false;
      let timer: NodeJS.Timeout | undefined;
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          timedOut = true;
          ac.abort(new TimeoutError('timeout'));
          reject(new TimeoutError('timeout'));
        }, this.#opts.timeoutMs);
      });
      let failure: RegistryError;
      try {
        const running = attempt.run(ac.signal);
        running.catch(() => undefined); // settled after a timeout: nobody listens any more
        return { ok: true, value: await Promise.race([running, deadline]) };
      } catch (e) {
        failure = this.#classify(e, attempt.what, timedOut, n);
        if (!ac.signal.aborted) ac.abort();
      } finally {
        clearTimeout(timer);
        this.#sem.release();
      }
      if (!failure.retryable || n > this.#opts.retries) return failure;
      const delay = Math.min(5000, this.#opts.retryBaseMs * 2 ** (n - 1)) * (0.75 + Math.random() * 0.5);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

type RemoteFetcherCtor = new (
  spec: string,
  opts: Record<string, unknown>,
) => { tarballStream<T>(handler: (stream: NodeJS.ReadableStream) => Promise<T>): Promise<T> };

function approxSize(v: unknown): number {
  try {
    return JSON.stringify(v).length;
  } catch {
    return 1024 * 1024;
  }
}

/** Reads a stream into one Buffer, failing as soon as more than `max` bytes arrived. */
function collect(stream: NodeJS.ReadableStream, max: number, signal: AbortSignal): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (e?: unknown): void => {
      if (done) return;
      done = true;
      signal.removeEventListener('abort', onAbort);
      if (e) reject(e);
      else resolve(Buffer.concat(chunks, size));
    };
    const onAbort = (): void => finish(signal.reason ?? new Error('aborted'));
    signal.addEventListener('abort', onAbort);
    stream.on('data', (chunk: Buffer | string) => {
      if (done) return;
      const b = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += b.length;
      if (size > max) {
        chunks.length = 0;
        finish(new TooLargeError(`compressed tarball is larger than the ${max}-byte cap`));
        // stop the download: the abort tears down the request and socket
        const s = stream as unknown as { destroy?: (e?: Error) => void };
        try {
          s.destroy?.();
        } catch {
          /* already gone */
        }
        return;
      }
      chunks.push(b);
    });
    stream.on('error', (e) => finish(e));
    stream.on('end', () => finish());
  });
}
