// Known-malware lookup against the OSV.dev API.
//
// - One POST /v1/querybatch per 1,000 packages (the API's limit); a query whose hits do not fit
//   one page comes back with `next_page_token` and is sent again with `page_token` until done.
//   querybatch returns only ids, so each hit is then read in full with GET /v1/vulns/{id}.
// - Only malware records count (see isMalwareRecord); withdrawn records never do.
// - Per-attempt timeouts, retries with exponential backoff for transient failures (network errors,
//   timeouts, 408/429/5xx), bounded concurrency, response size caps.
// - A package whose lookup failed is `unknown` with "known-malware lookup unavailable: ...", never
//   `none`. Answers are cached in memory (a hit longer than a "none"); failures are not cached.
import { LRUCache } from 'lru-cache';
import { Semaphore } from '../registry/registryClient';
import { dropAliased, isMalwareRecord, toKnownMalwareRecord, UNAVAILABLE, type RawOsvRecord } from './osvRecord';

export { UNAVAILABLE } from './osvRecord';
import { packageKey, type KnownMalwareLookup, type KnownMalwareRecord, type KnownMalwareSource, type KnownMalwareStatus, type PackageVersion } from './types';

export const DEFAULT_OSV_ENDPOINT = 'https://api.osv.dev';

export interface OsvClientOptions {
  /** API base URL. Default https://api.osv.dev. */
  endpoint?: string;
  /** Per attempt, including the body. Default 15 s. */
  timeoutMs?: number;
  /** Extra attempts for transient failures. Default 2. */
  retries?: number;
  /** First backoff delay; doubles each retry (with jitter), capped at 5 s. Default 300 ms. */
  retryBaseMs?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Queries per querybatch request, at most 1,000. */
  batchSize?: number;
  /** Pages followed per query before giving up on it (`unknown`). Default 20. */
  maxPages?: number;
  /** How long "no malware record" is remembered. Default 1 h. */
  noneTtlMs?: number;
  /** How long a hit (and a fetched record) is remembered. Default 24 h. */
  hitTtlMs?: number;
  /** Largest response body read. Default 32 MiB. */
  maxResponseBytes?: number;
  /**
   * After a request failed all its attempts, further requests fail at once for this long (with the
   * same reason) instead of waiting on a dead service once per package. Default 30 s; 0 turns it off.
   */
  pauseAfterFailureMs?: number;
}

interface Failure {
  message: string;
  retryable: boolean;
}

class HttpFailure extends Error {
  constructor(message: string, readonly retryable: boolean) {
    super(message);
  }
}

type Fetched = { ok: true; record: RawOsvRecord } | { ok: false; message: string };

export class OsvClient implements KnownMalwareSource {
  readonly endpoint: string;
  readonly #opts: Required<Omit<OsvClientOptions, 'endpoint'>>;
  readonly #sem: Semaphore;
  readonly #answers: LRUCache<string, KnownMalwareStatus>;
  readonly #records: LRUCache<string, RawOsvRecord>;
  #pausedUntil = 0;
  #pauseReason = '';

  constructor(options: OsvClientOptions = {}) {
    this.endpoint = normalizeEndpoint(options.endpoint ?? DEFAULT_OSV_ENDPOINT);
    this.#opts = {
      timeoutMs: options.timeoutMs ?? 15_000,
      retries: Math.max(0, options.retries ?? 2),
      retryBaseMs: options.retryBaseMs ?? 300,
      concurrency: options.concurrency ?? 4,
      batchSize: Math.min(1000, Math.max(1, options.batchSize ?? 1000)),
      maxPages: options.maxPages ?? 20,
      noneTtlMs: options.noneTtlMs ?? 60 * 60_000,
      hitTtlMs: options.hitTtlMs ?? 24 * 60 * 60_000,
      maxResponseBytes: options.maxResponseBytes ?? 32 * 1024 * 1024,
      pauseAfterFailureMs: options.pauseAfterFailureMs ?? 30_000,
    };
    this.#sem = new Semaphore(this.#opts.concurrency);
    this.#answers = new LRUCache({ max: 200_000 });
    this.#records = new LRUCache({ max: 20_000, ttl: this.#opts.hitTtlMs });
  }

  get source(): string {
    return this.endpoint === DEFAULT_OSV_ENDPOINT ? 'osv.dev' : `OSV API at ${this.endpoint}`;
  }

  async lookup(packages: readonly PackageVersion[]): Promise<KnownMalwareLookup> {
    const results: Record<string, KnownMalwareStatus> = {};
    const todo: PackageVersion[] = [];
    for (const p of packages) {
      const key = packageKey(p);
      if (key in results) continue;
      const cached = this.#answers.get(key);
      if (cached) results[key] = cached;
      else {
        results[key] = { status: 'unknown', reason: `${UNAVAILABLE}: not looked up` };
        todo.push(p);
      }
    }
    if (todo.length === 0) return { results, source: this.source };

    const chunks: PackageVersion[][] = [];
    for (let i = 0; i < todo.length; i += this.#opts.batchSize) chunks.push(todo.slice(i, i + this.#opts.batchSize));
    const hitIds = new Map<string, string[]>();
    await Promise.all(
      chunks.map(async (chunk) => {
        const answered = await this.#queryChunk(chunk);
        chunk.forEach((p, i) => {
          const a = answered[i]!;
          if ('error' in a) results[packageKey(p)] = { status: 'unknown', reason: `${UNAVAILABLE}: ${a.error}` };
          else hitIds.set(packageKey(p), a.ids);
        });
      }),
    );

    const ids = [...new Set([...hitIds.values()].flat())];
    const fetched = new Map<string, Fetched>();
    await Promise.all(ids.map(async (id) => fetched.set(id, await this.#record(id))));

    for (const [key, list] of hitIds) {
      const status = judge(list, fetched);
      results[key] = status;
      if (status.status === 'hit') this.#answers.set(key, status, { ttl: this.#opts.hitTtlMs });
      else if (status.status === 'none') this.#answers.set(key, status, { ttl: this.#opts.noneTtlMs });
    }
    return { results, source: this.source };
  }

  /** The vulnerability ids for each package of the chunk, following pages; or why they are not known. */
  async #queryChunk(chunk: PackageVersion[]): Promise<({ ids: string[] } | { error: string })[]> {
    const out: ({ ids: string[] } | { error: string })[] = chunk.map(() => ({ ids: [] }));
    let pending = chunk.map((p, index) => ({ index, p, token: undefined as string | undefined }));
    for (let page = 1; pending.length > 0; page++) {
      if (page > this.#opts.maxPages) {
        for (const q of pending) out[q.index] = { error: `OSV returned more than ${this.#opts.maxPages} pages of results for ${packageKey(q.p)}` };
        break;
      }
      const body = { queries: pending.map((q) => ({ package: { ecosystem: 'npm', name: q.p.name }, version: q.p.version, ...(q.token ? { page_token: q.token } : {}) })) };
      let answer: unknown;
      try {
        answer = await this.#request(`${this.endpoint}/v1/querybatch`, { method: 'POST', body: JSON.stringify(body) }, 'OSV querybatch');
      } catch (e) {
        for (const q of pending) out[q.index] = { error: (e as Error).message };
        break;
      }
      const results = (answer as { results?: unknown } | null)?.results;
      if (!Array.isArray(results) || results.length !== pending.length) {
        for (const q of pending) out[q.index] = { error: 'OSV querybatch: the answer does not have one result per query' };
        break;
      }
      const next: typeof pending = [];
      pending.forEach((q, i) => {
        const r = (results[i] ?? {}) as { vulns?: unknown; next_page_token?: unknown };
        const slot = out[q.index] as { ids: string[] };
        for (const v of Array.isArray(r.vulns) ? r.vulns : []) {
          const id = (v as { id?: unknown } | null)?.id;
          if (typeof id === 'string' && /^[A-Za-z0-9._:-]{1,100}$/.test(id) && !slot.ids.includes(id)) slot.ids.push(id);
        }
        if (typeof r.next_page_token === 'string' && r.next_page_token !== '') next.push({ ...q, token: r.next_page_token });
      });
      pending = next;
    }
    return out;
  }

  async #record(id: string): Promise<Fetched> {
    const cached = this.#records.get(id);
    if (cached) return { ok: true, record: cached };
    try {
      const record = await this.#request(`${this.endpoint}/v1/vulns/${encodeURIComponent(id)}`, { method: 'GET' }, `OSV record ${id}`);
      if (typeof record !== 'object' || record === null || Array.isArray(record)) throw new Error(`OSV record ${id}: not a JSON object`);
      this.#records.set(id, record as RawOsvRecord);
      return { ok: true, record: record as RawOsvRecord };
    } catch (e) {
      return { ok: false, message: (e as Error).message };
    }
  }

  /** One JSON request with timeouts, retries and a size cap; throws an Error whose message says why. */
  async #request(url: string, init: { method: string; body?: string }, what: string): Promise<unknown> {
    if (Date.now() < this.#pausedUntil) throw new Error(`${this.#pauseReason} (not retried for ${Math.ceil((this.#pausedUntil - Date.now()) / 1000)} s)`);
    for (let attempt = 1; ; attempt++) {
      let failure: Failure;
      await this.#sem.acquire();
      const ac = new AbortController();
      const timer = setTimeout(() => ac.abort(), this.#opts.timeoutMs);
      try {
        const res = await fetch(url, {
          ...init,
          headers: { accept: 'application/json', ...(init.body ? { 'content-type': 'application/json' } : {}) },
          signal: ac.signal,
          redirect: 'error',
        });
        if (!res.ok) {
          await res.body?.cancel().catch(() => undefined);
          throw new HttpFailure(`${what}: HTTP ${res.status}${res.statusText ? ` ${res.statusText}` : ''}`, res.status >= 500 || res.status === 408 || res.status === 429);
        }
        const text = await readCapped(res, this.#opts.maxResponseBytes, what);
        try {
          return JSON.parse(text) as unknown;
        } catch {
          throw new HttpFailure(`${what}: the answer is not JSON`, false);
        }
      } catch (e) {
        if (ac.signal.aborted) failure = { message: `${what}: no complete answer within ${this.#opts.timeoutMs} ms`, retryable: true };
        else if (e instanceof HttpFailure) failure = { message: e.message, retryable: e.retryable };
        else failure = { message: `${what}: ${networkMessage(e)}`, retryable: true };
      } finally {
        clearTimeout(timer);
        this.#sem.release();
      }
      if (!failure.retryable || attempt > this.#opts.retries) {
        const message = attempt > 1 ? `${failure.message} (after ${attempt} attempts)` : failure.message;
        // Only a service that is down pauses lookups; a bad answer for one record does not.
        if (failure.retryable && this.#opts.pauseAfterFailureMs > 0) {
          this.#pausedUntil = Date.now() + this.#opts.pauseAfterFailureMs;
          this.#pauseReason = message;
        }
        throw new Error(message);
      }
      const delay = Math.min(5000, this.#opts.retryBaseMs * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

/** A package's status from the ids OSV matched and the records fetched for them. */
function judge(ids: string[], fetched: Map<string, Fetched>): KnownMalwareStatus {
  const records: KnownMalwareRecord[] = [];
  const problems: string[] = [];
  for (const id of ids) {
    const f = fetched.get(id);
    if (f?.ok) {
      if (isMalwareRecord(f.record, id)) records.push(toKnownMalwareRecord(f.record, id));
    } else if (id.toUpperCase().startsWith('MAL-')) {
      // querybatch leaves withdrawn records out, so a MAL- id alone already names malware.
      records.push({ id, summary: `(the record could not be read: ${f?.message ?? 'not fetched'})`, url: `https://osv.dev/vulnerability/${encodeURIComponent(id)}`, aliases: [] });
    } else {
      problems.push(f?.message ?? `OSV record ${id} was not fetched`);
    }
  }
  if (records.length) return { status: 'hit', records: dropAliased(records) };
  if (problems.length) return { status: 'unknown', reason: `${UNAVAILABLE}: ${problems[0]}` };
  return { status: 'none' };
}

function normalizeEndpoint(endpoint: string): string {
  const url = new URL(endpoint);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`OSV endpoint must be an http(s) URL, not ${url.protocol}`);
  if (url.username || url.password) throw new Error('OSV endpoint must not carry credentials');
  return url.href.replace(/\/+$/, '');
}

async function readCapped(res: Response, max: number, what: string): Promise<string> {
  const declared = Number(res.headers.get('content-length'));
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    throw new HttpFailure(`${what}: the answer is larger than ${max} bytes`, false);
  }
  if (!res.body) return '';
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    size += chunk.byteLength;
    if (size > max) {
      await res.body.cancel().catch(() => undefined);
      throw new HttpFailure(`${what}: the answer is larger than ${max} bytes`, false);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function networkMessage(e: unknown): string {
  const cause = (e as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return `${cause.code}${typeof cause.message === 'string' ? ` (${cause.message})` : ''}`;
  return e instanceof Error ? e.message : String(e);
}
