// A local stand-in for the OSV.dev API (POST /v1/querybatch, POST /v1/query, GET /v1/vulns/{id}) on fakeServer:
// it serves given records (by default the three real ones in ../shared/osv/examples), leaves
// withdrawn records out of query answers as OSV does, pages a query's hits when there are more than
// `pageSize` (next_page_token / page_token), and can be told to fail or hang to prove `unknown`.
import { readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import path from 'node:path';
import semver from 'semver';
import { sendJson, startFakeServer, type FakeServer } from './fakeServer';

const repoRoot = path.join(__dirname, '../..');
/** The real records (read in place; CI has shared/ beside the clone). */
export const OSV_EXAMPLES = path.resolve(repoRoot, '..', 'shared', 'osv', 'examples');

export type OsvRecord = Record<string, unknown> & { id?: string };

/** The example records with an id each (the new report has none: its file name gives one). */
export function exampleRecords(): OsvRecord[] {
  return readdirSync(OSV_EXAMPLES)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const record = JSON.parse(readFileSync(path.join(OSV_EXAMPLES, f), 'utf8')) as OsvRecord;
      return record.id ? record : { ...record, id: /MAL-[A-Za-z0-9-]+/.exec(f)![0] };
    });
}

export interface Misbehaviour {
  /** Answer with this HTTP status instead of the real answer. */
  status?: number;
  /** Never answer (until the server closes). */
  hang?: boolean;
  /** Only for requests to this endpoint. */
  only?: 'querybatch' | 'query' | 'vulns';
  /** For this many matching requests; default: until changed. */
  times?: number;
}

export interface FakeOsv {
  /** Base URL without a trailing slash, as an OSV endpoint setting. */
  readonly url: string;
  readonly server: FakeServer;
  /** Every querybatch request body, in order. */
  readonly batches: { queries: { package: { name: string; ecosystem: string }; version: string; page_token?: string }[] }[];
  /** Ids fetched with GET /v1/vulns/{id}, in order. */
  readonly fetched: string[];
  /** Every POST /v1/query body (by package), in order. */
  readonly queries: { package?: { name?: string; ecosystem?: string }; version?: string; page_token?: string }[];
  misbehave(m: Misbehaviour | undefined): void;
  add(record: OsvRecord): void;
}

export async function startFakeOsv(opts: { records?: OsvRecord[]; pageSize?: number; serveWithdrawn?: boolean } = {}): Promise<FakeOsv> {
  const records = new Map<string, OsvRecord>();
  for (const r of opts.records ?? exampleRecords()) records.set(r.id!, r);
  const pageSize = opts.pageSize ?? 1000;
  const batches: FakeOsv['batches'] = [];
  const fetched: string[] = [];
  const queries: FakeOsv['queries'] = [];
  let trouble: Misbehaviour | undefined;

  const server = await startFakeServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const endpoint = url.pathname === '/v1/querybatch' ? 'querybatch' : url.pathname === '/v1/query' ? 'query' : url.pathname.startsWith('/v1/vulns/') ? 'vulns' : 'other';
    const body = req.method === 'POST' ? await readBody(req) : '';
    if (trouble && (!trouble.only || trouble.only === endpoint)) {
      const t = trouble;
      if (t.times !== undefined && --t.times <= 0) trouble = undefined;
      if (t.hang) return; // the client's timeout must end this
      sendJson(res, t.status ?? 500, { code: 13, message: 'internal error' });
      return;
    }
    if (endpoint === 'querybatch' && req.method === 'POST') {
      const parsed = JSON.parse(body) as FakeOsv['batches'][number];
      batches.push(parsed);
      if (parsed.queries.length > 1000) return sendJson(res, 400, { code: 3, message: 'Too many queries.' });
      const results = parsed.queries.map((q) => {
        const hits = [...records.values()].filter((r) => (opts.serveWithdrawn || !r.withdrawn) && matches(r, q.package.name, q.version));
        const offset = q.page_token ? Number(q.page_token.slice(2)) : 0;
        const page = hits.slice(offset, offset + pageSize).map((r) => ({ id: r.id, modified: r.modified }));
        if (page.length === 0) return {};
        return offset + pageSize < hits.length ? { vulns: page, next_page_token: `p:${offset + pageSize}` } : { vulns: page };
      });
      return sendJson(res, 200, { results });
    }
    if (endpoint === 'query' && req.method === 'POST') {
      // By package, all versions (what the existing-record check asks): full records, paged.
      const parsed = JSON.parse(body) as { package?: { name?: string; ecosystem?: string }; version?: string; page_token?: string };
      queries.push(parsed);
      const name = parsed.package?.name ?? '';
      const hits = [...records.values()].filter((r) => (opts.serveWithdrawn || !r.withdrawn) && (parsed.version ? matches(r, name, parsed.version) : names(r).includes(name)));
      const offset = parsed.page_token ? Number(parsed.page_token.slice(2)) : 0;
      const page = hits.slice(offset, offset + pageSize);
      if (!page.length) return sendJson(res, 200, {});
      return sendJson(res, 200, offset + pageSize < hits.length ? { vulns: page, next_page_token: `p:${offset + pageSize}` } : { vulns: page });
    }
    if (endpoint === 'vulns' && req.method === 'GET') {
      const id = decodeURIComponent(url.pathname.slice('/v1/vulns/'.length));
      fetched.push(id);
      const record = records.get(id);
      return record ? sendJson(res, 200, record) : sendJson(res, 404, { code: 5, message: 'Bug not found.' });
    }
    sendJson(res, 404, { code: 5, message: 'not found' });
  });

  return {
    url: server.url.replace(/\/$/, ''),
    server,
    batches,
    fetched,
    queries,
    misbehave(m) {
      trouble = m ? { ...m } : undefined;
    },
    add(record) {
      records.set(record.id!, record);
    },
  };
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function names(record: OsvRecord): string[] {
  return ((record.affected as { package?: { ecosystem?: string; name?: string } }[] | undefined) ?? []).filter((a) => a.package?.ecosystem === 'npm').map((a) => a.package?.name ?? '');
}

/** OSV's matching, simply: listed versions, or SEMVER ranges read as introduced..fixed / last_affected pairs. */
function matches(record: OsvRecord, name: string, version: string): boolean {
  for (const a of (record.affected as { package?: { ecosystem?: string; name?: string }; versions?: string[]; ranges?: { type: string; events: Record<string, string>[] }[] }[]) ?? []) {
    if (a.package?.ecosystem !== 'npm' || a.package.name !== name) continue;
    if (a.versions?.includes(version)) return true;
    for (const range of a.ranges ?? []) {
      let lower: string | undefined;
      for (const e of range.events) {
        if (e.introduced !== undefined) lower = e.introduced === '0' ? '0.0.0-0' : e.introduced;
        const upper = e.fixed !== undefined ? `<${e.fixed}` : e.last_affected !== undefined ? `<=${e.last_affected}` : undefined;
        if (upper && lower !== undefined) {
          if (semver.satisfies(version, `>=${lower} ${upper}`, { includePrerelease: true })) return true;
          lower = undefined;
        }
      }
      if (lower !== undefined && semver.satisfies(version, `>=${lower}`, { includePrerelease: true })) return true;
    }
  }
  return false;
}
