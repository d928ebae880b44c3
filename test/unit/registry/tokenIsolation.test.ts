// Credentials go only to their own registry, and never into a message. Two recording HTTP servers
// play registry A (has a token) and host B (must never see it).
import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { loadNpmConfig } from '../../../src/engine/registry/npmConfig';
import { RegistryClient, type RegistryResult } from '../../../src/engine/registry/registryClient';
import { packumentDoc, sendJson, startFakeServer, type FakeServer, type Handler, type RecordedRequest } from '../../support/fakeServer';
import { integrityOf, packFiles } from '../../support/verdaccio';

const NO_USER_CONFIG = path.join(os.tmpdir(), 'takedown-no-such-npmrc');
const TOKEN_A = 'tokA-4f9c2e71b8d34a6f';
const TOKEN_B = 'tokB-91d0c3aa5e7f4b28';
const tgz = packFiles({ 'package.json': '{"name":"iso","version":"1.0.0"}', 'index.js': 'module.exports = 0;\n' });
const { integrity } = integrityOf(tgz);

function make(overrides: Record<string, string>) {
  return new RegistryClient({
    config: loadNpmConfig({ trustedWorkspace: true, userConfigPath: NO_USER_CONFIG, env: {}, overrides }),
    retryBaseMs: 10,
    timeoutMs: 5000,
  });
}

const dart = (srv: FakeServer) => `//127.0.0.1:${srv.port}/`;
const headerValues = (reqs: RecordedRequest[]) => reqs.flatMap((r) => Object.values(r.headers).flat().map(String)).join('\n');

function unwrap<T>(r: RegistryResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

function serveTarball(host?: string): Promise<FakeServer> {
  return startFakeServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length });
    res.end(tgz);
  }, host ? { host } : {});
}

test("registry A's token reaches A, and not host B that serves A's tarball", async () => {
  const b = await serveTarball();
  const a = await startFakeServer((_req, res) => sendJson(res, 200, packumentDoc('iso', '1.0.0', `${b.url}iso/-/iso-1.0.0.tgz`, { integrity })));
  const c = make({ registry: a.url, [`${dart(a)}:_authToken`]: TOKEN_A });
  const tb = unwrap(await c.tarball('iso', '1.0.0'));
  assert.ok(tb.data.equals(tgz));
  assert.equal(a.requests.length, 1);
  assert.equal(a.requests[0]!.headers.authorization, `Bearer ${TOKEN_A}`);
  assert.equal(b.requests.length, 1);
  assert.equal(b.requests[0]!.url, '/iso/-/iso-1.0.0.tgz');
  assert.equal(b.requests[0]!.headers.authorization, undefined);
  assert.ok(!headerValues(b.requests).includes(TOKEN_A));
});

test('a redirect from A to another host B drops the Authorization header', async () => {
  // make-fetch-happen strips Authorization on a redirect only when the host *name* changes, so B
  // listens on another loopback address (127.0.0.2), not just another port.
  const b = await serveTarball('127.0.0.2');
  const a = await startFakeServer((req, res) => {
    if (req.url === '/iso') return sendJson(res, 200, packumentDoc('iso', '1.0.0', `${a.url}iso/-/iso-1.0.0.tgz`, { integrity }));
    res.writeHead(302, { location: `${b.url}elsewhere/iso-1.0.0.tgz` });
    res.end();
  });
  const c = make({ registry: a.url, [`${dart(a)}:_authToken`]: TOKEN_A });
  unwrap(await c.tarball('iso', '1.0.0'));
  assert.deepEqual(a.requests.map((r) => [r.url, r.headers.authorization]), [
    ['/iso', `Bearer ${TOKEN_A}`],
    ['/iso/-/iso-1.0.0.tgz', `Bearer ${TOKEN_A}`],
  ]);
  assert.deepEqual(b.requests.map((r) => [r.url, r.headers.authorization]), [['/elsewhere/iso-1.0.0.tgz', undefined]]);
  assert.ok(!headerValues(b.requests).includes(TOKEN_A));
});

test('two registries with their own tokens: each sees only its own (default + scoped)', async () => {
  const serve = (name: string, srv: () => FakeServer): Handler => (req, res) => {
    if (req.url?.endsWith('.tgz')) {
      res.writeHead(200, { 'content-length': tgz.length });
      res.end(tgz);
      return;
    }
    sendJson(res, 200, packumentDoc(name, '1.0.0', `${srv().url}x/-/x-1.0.0.tgz`, { integrity }));
  };
  const a: FakeServer = await startFakeServer(serve('iso', () => a));
  const b: FakeServer = await startFakeServer(serve('@b/iso', () => b));
  const c = make({ registry: a.url, '@b:registry': b.url, [`${dart(a)}:_authToken`]: TOKEN_A, [`${dart(b)}:_authToken`]: TOKEN_B });
  unwrap(await c.tarball('iso', '1.0.0'));
  unwrap(await c.tarball('@b/iso', '1.0.0'));
  assert.deepEqual(a.requests.map((r) => r.headers.authorization), [`Bearer ${TOKEN_A}`, `Bearer ${TOKEN_A}`]);
  assert.deepEqual(b.requests.map((r) => r.headers.authorization), [`Bearer ${TOKEN_B}`, `Bearer ${TOKEN_B}`]);
  assert.ok(!headerValues(a.requests).includes(TOKEN_B));
  assert.ok(!headerValues(b.requests).includes(TOKEN_A));
});

test('basic credentials (username + _password) go to their registry only', async () => {
  const b = await serveTarball();
  const a = await startFakeServer((_req, res) => sendJson(res, 200, packumentDoc('iso', '1.0.0', `${b.url}iso-1.0.0.tgz`, { integrity })));
  const password = 'pw-6a1e0c2d9b';
  const c = make({ registry: a.url, [`${dart(a)}:username`]: 'alice', [`${dart(a)}:_password`]: Buffer.from(password).toString('base64') });
  unwrap(await c.tarball('iso', '1.0.0'));
  assert.equal(a.requests[0]!.headers.authorization, `Basic ${Buffer.from(`alice:${password}`).toString('base64')}`);
  assert.equal(b.requests[0]!.headers.authorization, undefined);
});

test('a token echoed back by the registry never appears in the message', async () => {
  const a = await startFakeServer((_req, res, i) =>
    i === 0 ? sendJson(res, 500, { error: `server trouble for Bearer ${TOKEN_A} (${TOKEN_A})` }) : sendJson(res, 401, { error: `token ${TOKEN_A} rejected` }),
  );
  const c = make({ registry: a.url, [`${dart(a)}:_authToken`]: TOKEN_A });
  const r = await c.packument('iso');
  if (r.ok) return assert.fail('expected failure');
  assert.equal(r.code, 'E_AUTH');
  assert.equal(a.requests.length, 2);
  assert.match(r.message, /401/);
  assert.ok(r.message.includes('***'));
  assert.ok(!r.message.includes(TOKEN_A), r.message);
  assert.ok(!JSON.stringify(r).includes(TOKEN_A));
});

test('credentials in a registry URL and in a tarball URL are redacted from messages', async () => {
  // a closed port: the connection error names the URL
  const closedPort = await new Promise<number>((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
  const c1 = make({ registry: `http://alice:hunter2-secret@127.0.0.1:${closedPort}/` });
  const r1 = await c1.packument('iso');
  if (r1.ok) return assert.fail('expected failure');
  assert.equal(r1.code, 'E_FETCH');
  assert.equal(r1.retryable, true);
  assert.ok(!r1.message.includes('hunter2-secret'), r1.message);

  // a packument whose tarball URL carries a token in its query; the tarball host answers 500
  const b = await startFakeServer((_req, res) => sendJson(res, 500, { error: 'nope' }));
  const a = await startFakeServer((_req, res) => sendJson(res, 200, packumentDoc('iso', '1.0.0', `${b.url}iso-1.0.0.tgz?access_token=q-secret-77aa`, { integrity })));
  const r2 = await make({ registry: a.url }).tarball('iso', '1.0.0');
  if (r2.ok) return assert.fail('expected failure');
  assert.equal(r2.code, 'E_FETCH');
  assert.match(r2.message, /500/);
  assert.ok(!r2.message.includes('q-secret-77aa'), r2.message);
});

test('the client redacts its configured secrets', () => {
  const c = make({ registry: 'http://127.0.0.1:9/', '//127.0.0.1:9/:_authToken': TOKEN_A });
  assert.equal(c.redact(`x ${TOKEN_A} y ${encodeURIComponent(TOKEN_A)}`), 'x *** y ***');
});
