// Tiny HTTP servers on 127.0.0.1 for network tests: they record every request (method, URL,
// headers) and answer through a handler, so a test can make a server hang, fail, redirect or serve
// a hand-made packument, and then assert exactly what reached it. Closed in a node:test `after`.
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after } from 'node:test';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

export interface FakeServer {
  /** Base URL with a trailing slash. */
  readonly url: string;
  readonly port: number;
  readonly requests: RecordedRequest[];
  /** Connections closed by the client before the response ended. */
  readonly aborted: number;
  close(): Promise<void>;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void | Promise<void>;

/** `host` defaults to 127.0.0.1; any 127.x.y.z works on Linux (a different host name on loopback). */
export async function startFakeServer(handler: Handler, opts: { registerCleanup?: boolean; host?: string } = {}): Promise<FakeServer> {
  const host = opts.host ?? '127.0.0.1';
  const requests: RecordedRequest[] = [];
  let aborted = 0;
  const server = createServer((req, res) => {
    const index = requests.length;
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: { ...req.headers } });
    res.on('close', () => {
      if (!res.writableEnded) aborted++;
    });
    Promise.resolve(handler(req, res, index)).catch((e) => {
      if (!res.headersSent) res.writeHead(599);
      res.end(String(e));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const port = (server.address() as AddressInfo).port;
  let closed: Promise<void> | undefined;
  const fake: FakeServer = {
    url: `http://${host}:${port}/`,
    port,
    requests,
    get aborted() {
      return aborted;
    },
    close() {
      closed ??= new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
      return closed;
    },
  };
  if (opts.registerCleanup !== false) after(() => fake.close());
  return fake;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

/** A one-version packument document whose tarball lives at `tarballUrl`. */
export function packumentDoc(name: string, version: string, tarballUrl: string, dist: { integrity?: string; shasum?: string } = {}): Record<string, unknown> {
  return {
    _id: name,
    name,
    'dist-tags': { latest: version },
    versions: { [version]: { name, version, _id: `${name}@${version}`, dist: { ...dist, tarball: tarballUrl } } },
    time: { created: '2020-01-01T00:00:00.000Z', [version]: '2020-01-01T00:00:00.000Z' },
  };
}
