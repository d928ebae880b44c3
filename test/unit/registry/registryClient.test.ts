// RegistryClient against a real local registry (Verdaccio, no uplinks) and tiny local HTTP servers.
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { before, test } from 'node:test';
import { loadNpmConfig, type LoadNpmConfigOptions } from '../../../src/engine/registry/npmConfig';
import { RegistryClient, type RegistryClientOptions, type RegistryResult } from '../../../src/engine/registry/registryClient';
import { packumentDoc, sendJson, startFakeServer } from '../../support/fakeServer';
import { integrityOf, isAlive, packFiles, startVerdaccio, type Published, type Verdaccio } from '../../support/verdaccio';

const FIXTURES = path.join(__dirname, '../../fixtures/registry');
const tmp = mkdtempSync(path.join(os.tmpdir(), 'takedown-registry-test-'));
const NO_USER_CONFIG = path.join(tmp, 'no-such-npmrc');

const starting = startVerdaccio();
let reg: Verdaccio;
let plain1: Published;
let plain11: Published;
let scoped: Published;
before(async () => {
  reg = await starting;
  plain1 = await reg.publish(path.join(FIXTURES, 'plain-1.0.0'));
  plain11 = await reg.publish(path.join(FIXTURES, 'plain-1.1.0'));
  scoped = await reg.publish(path.join(FIXTURES, 'scoped-1.0.0'));
});

function config(overrides: Record<string, string>, extra: Partial<LoadNpmConfigOptions> = {}) {
  return loadNpmConfig({ trustedWorkspace: true, userConfigPath: NO_USER_CONFIG, env: {}, overrides, ...extra });
}

function client(overrides?: Record<string, string>, opts: Partial<RegistryClientOptions> = {}) {
  return new RegistryClient({ config: config(overrides ?? { registry: reg.url }), timeoutMs: 10_000, retryBaseMs: 20, ...opts });
}

function unwrap<T>(r: RegistryResult<T>): T {
  if (!r.ok) assert.fail(`expected ok, got ${r.code}: ${r.message}`);
  return r.value;
}

const sha512 = (b: Buffer) => `sha512-${createHash('sha512').update(b).digest('base64')}`;

test('the harness: Verdaccio runs on loopback from its own pid, with fixtures published', (t) => {
  t.diagnostic(`verdaccio startup ${reg.startupMs} ms`);
  assert.match(reg.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.ok(isAlive(reg.pid));
  assert.ok(reg.startupMs < 15_000);
  assert.equal(plain1.integrity, sha512(plain1.tarball));
});

test('packument: both published versions, dist-tags and times', async () => {
  const p = unwrap(await client().packument('fixture-plain'));
  assert.deepEqual(Object.keys(p.versions).sort(), ['1.0.0', '1.1.0']);
  assert.equal(p['dist-tags']?.latest, '1.1.0');
  assert.equal(p.versions['1.0.0']!.dist?.integrity, plain1.integrity);
  assert.equal(p.versions['1.1.0']!.dist?.integrity, plain11.integrity);
  assert.equal(typeof p.time?.['1.0.0'], 'string');
});

test('manifest: exact version, range and tag', async () => {
  const c = client();
  const exact = unwrap(await c.manifest('fixture-plain', '1.0.0'));
  assert.equal(exact.version, '1.0.0');
  assert.equal(exact._integrity, plain1.integrity);
  assert.equal(exact._resolved, plain1.tarballUrl);
  assert.equal(unwrap(await c.manifest('fixture-plain', '^1.0.0')).version, '1.1.0');
  assert.equal(unwrap(await c.manifest('fixture-plain', 'latest')).version, '1.1.0');
  assert.equal(unwrap(await c.manifest('fixture-plain')).version, '1.1.0');
});

test('manifest refuses non-registry specs (git, file, URL) without fetching anything', async () => {
  const c = client();
  for (const spec of ['github:someone/repo', 'file:../x', 'https://example.invalid/x.tgz', 'git+https://example.invalid/x.git']) {
    const r = await c.manifest('fixture-plain', spec);
    assert.equal(r.ok, false, spec);
    assert.equal(!r.ok && r.code, 'E_FETCH', spec);
    assert.equal(!r.ok && r.retryable, false, spec);
  }
});

test('tarball: the published bytes, verified against the registry integrity', async () => {
  const tb = unwrap(await client().tarball('fixture-plain', '1.0.0'));
  assert.ok(tb.data.equals(plain1.tarball));
  assert.equal(tb.integrity, plain1.integrity);
  assert.equal(tb.resolved, plain1.tarballUrl);
  assert.equal(tb.verifiedAgainst, plain1.integrity);
});

test('tarball with the lockfile integrity (sha512 and legacy sha1) succeeds', async () => {
  const c = client();
  const a = unwrap(await c.tarball('fixture-plain', '1.1.0', { integrity: plain11.integrity }));
  assert.ok(a.data.equals(plain11.tarball));
  const sha1 = `sha1-${Buffer.from(plain11.shasum, 'hex').toString('base64')}`;
  const b = unwrap(await c.tarball('fixture-plain', '1.1.0', { integrity: sha1 }));
  assert.ok(b.data.equals(plain11.tarball));
  assert.equal(b.verifiedAgainst, `${sha1} ${plain11.integrity}`);
});

test('a wrong lockfile integrity is E_INTEGRITY with both values', async () => {
  const wrong = sha512(Buffer.from('not the tarball'));
  const r = await client().tarball('fixture-plain', '1.0.0', { integrity: wrong });
  assert.equal(r.ok, false);
  if (r.ok || r.code !== 'E_INTEGRITY') return assert.fail(`expected E_INTEGRITY, got ${JSON.stringify(r)}`);
  assert.equal(r.expected, wrong);
  assert.equal(r.actual, plain1.integrity);
  assert.equal(r.where, 'metadata');
  assert.equal(r.retryable, false);
});

test('a wrong legacy sha1 lockfile integrity is caught although the registry also has sha512', async () => {
  const wrongSha1 = `sha1-${createHash('sha1').update('other').digest('base64')}`;
  const r = await client().tarball('fixture-plain', '1.0.0', { integrity: wrongSha1 });
  if (r.ok || r.code !== 'E_INTEGRITY') return assert.fail(`expected E_INTEGRITY, got ${JSON.stringify(r)}`);
  assert.equal(r.where, 'tarball');
  assert.equal(r.expected, wrongSha1);
  assert.equal(r.actual, `sha1-${Buffer.from(plain1.shasum, 'hex').toString('base64')}`);
});

test("a tarball tampered on the registry's disk is E_INTEGRITY (tarball) with both values", async () => {
  const pub = await reg.publish({ packageJson: { name: 'fixture-tamper', version: '1.0.0' }, files: { 'index.js': 'module.exports = 1;\n' } });
  const file = reg.tarballPath('fixture-tamper', '1.0.0');
  const orig = readFileSync(file);
  assert.ok(orig.equals(pub.tarball));
  const bad = Buffer.from(orig);
  bad[bad.length - 10]! ^= 0xff;
  writeFileSync(file, bad);
  try {
    const r = await client().tarball('fixture-tamper', '1.0.0');
    if (r.ok || r.code !== 'E_INTEGRITY') return assert.fail(`expected E_INTEGRITY, got ${JSON.stringify(r)}`);
    assert.equal(r.where, 'tarball');
    assert.equal(r.expected, pub.integrity);
    assert.equal(r.actual, sha512(bad));
    assert.ok(r.message.includes(pub.integrity));
  } finally {
    writeFileSync(file, orig);
  }
});

test('putPackument: a hand-made document whose manifest differs from its tarball (manifest confusion)', async () => {
  const realPkg = { name: 'fixture-confused', version: '1.0.0', scripts: { install: 'node install.js' }, dependencies: { 'fixture-plain': '1.0.0' } };
  const tgz = packFiles({ 'package.json': JSON.stringify(realPkg), 'install.js': '// inert fixture\n' });
  const { integrity, shasum } = integrityOf(tgz);
  await reg.putPackument({
    _id: 'fixture-confused',
    name: 'fixture-confused',
    'dist-tags': { latest: '1.0.0' },
    versions: { '1.0.0': { name: 'fixture-confused', version: '1.0.0', _id: 'fixture-confused@1.0.0', dependencies: {}, dist: { integrity, shasum, tarball: `${reg.url}fixture-confused/-/fixture-confused-1.0.0.tgz` } } },
    _attachments: { 'fixture-confused-1.0.0.tgz': { content_type: 'application/octet-stream', data: tgz.toString('base64'), length: tgz.length } },
  });
  const c = client();
  const m = unwrap(await c.manifest('fixture-confused', '1.0.0'));
  assert.deepEqual(m.dependencies, {});
  assert.equal(m.scripts, undefined);
  const tb = unwrap(await c.tarball('fixture-confused', '1.0.0'));
  assert.ok(tb.data.equals(tgz), 'the tarball carries the real package.json, with the install script');
});

test('a dist.tarball that is not http(s) is refused without fetching', async () => {
  for (const tarball of ['file:///etc/passwd', 'git+ssh://git@example.invalid/x.git', 'ftp://example.invalid/x.tgz']) {
    const srv = await startFakeServer((_req, res) => sendJson(res, 200, packumentDoc('odd', '1.0.0', tarball)));
    const r = await client({ registry: srv.url }).tarball('odd', '1.0.0');
    if (r.ok) return assert.fail(`${tarball} was fetched`);
    assert.equal(r.code, 'E_FETCH', tarball);
    assert.equal(r.retryable, false);
    assert.match(r.message, /not an http\(s\) URL/);
    assert.deepEqual(srv.requests.map((x) => x.url), ['/odd']);
    await srv.close();
  }
});

test('unknown package, version and tarball are E_NOT_FOUND, not retried', async () => {
  const c = client();
  const p = await c.packument('fixture-never-published');
  if (p.ok || p.code !== 'E_NOT_FOUND') return assert.fail(`expected E_NOT_FOUND, got ${JSON.stringify(p)}`);
  assert.deepEqual({ retryable: p.retryable, attempts: p.attempts, status: p.status }, { retryable: false, attempts: 1, status: 404 });
  const m = await c.manifest('fixture-plain', '9.9.9');
  assert.equal(!m.ok && m.code, 'E_NOT_FOUND');
  const t = await c.tarball('fixture-never-published', '1.0.0');
  assert.equal(!t.ok && t.code, 'E_NOT_FOUND');
});

test('a 404 from a server is asked once only', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 404, { error: 'not found' }));
  const r = await client({ registry: srv.url }, { retries: 3 }).packument('anything');
  assert.equal(!r.ok && r.code, 'E_NOT_FOUND');
  assert.equal(srv.requests.length, 1);
});

test('a server that never answers is E_TIMEOUT within the configured timeout, retried once', async () => {
  const srv = await startFakeServer(() => undefined); // never responds
  const c = client({ registry: srv.url }, { timeoutMs: 300, retries: 1, retryBaseMs: 50 });
  const t0 = Date.now();
  const r = await c.packument('hangs');
  const elapsed = Date.now() - t0;
  assert.equal(!r.ok && r.code, 'E_TIMEOUT');
  assert.equal(!r.ok && r.retryable, true);
  assert.equal(!r.ok && r.attempts, 2);
  assert.equal(srv.requests.length, 2);
  assert.ok(elapsed >= 600 && elapsed < 2500, `elapsed ${elapsed} ms`);
});

test('a tarball whose body stalls half way is E_TIMEOUT', async () => {
  const tgz = packFiles({ 'package.json': '{"name":"stall","version":"1.0.0"}' });
  const srv = await startFakeServer((req, res) => {
    if (req.url === '/stall') return sendJson(res, 200, packumentDoc('stall', '1.0.0', `${srvUrl()}stall/-/stall-1.0.0.tgz`, integrityOf(tgz)));
    res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': tgz.length });
    res.write(tgz.subarray(0, 10)); // ... and nothing more
  });
  const srvUrl = () => srv.url;
  const t0 = Date.now();
  const r = await client({ registry: srv.url }, { timeoutMs: 400, retries: 0 }).tarball('stall', '1.0.0');
  assert.equal(!r.ok && r.code, 'E_TIMEOUT');
  assert.ok(Date.now() - t0 < 2000);
});

test('500, 500, then 200: success after two retries (three requests)', async () => {
  const doc = packumentDoc('flaky', '1.0.0', 'http://127.0.0.1:9/flaky-1.0.0.tgz');
  const srv = await startFakeServer((_req, res, i) => (i < 2 ? sendJson(res, 500, { error: 'boom' }) : sendJson(res, 200, doc)));
  const r = await client({ registry: srv.url }, { retries: 2 }).packument('flaky');
  assert.equal(unwrap(r).name, 'flaky');
  assert.equal(srv.requests.length, 3);
});

test('500 on every try: E_FETCH, retryable, after 1 + retries attempts', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 503, { error: 'down' }));
  const r = await client({ registry: srv.url }, { retries: 2 }).packument('down');
  if (r.ok) return assert.fail('expected failure');
  assert.deepEqual({ code: r.code, retryable: r.retryable, attempts: r.attempts }, { code: 'E_FETCH', retryable: true, attempts: 3 });
  assert.equal(srv.requests.length, 3);
});

test('401 is E_AUTH, not retried', async () => {
  const srv = await startFakeServer((_req, res) => sendJson(res, 401, { error: 'unauthorized' }));
  const r = await client({ registry: srv.url }, { retries: 2 }).packument('private');
  assert.equal(!r.ok && r.code, 'E_AUTH');
  assert.equal(srv.requests.length, 1);
});

test('an oversize tarball on Verdaccio is E_TOO_LARGE', async () => {
  await reg.publish({ packageJson: { name: 'fixture-big', version: '1.0.0' }, files: { 'blob.bin': randomBytes(300 * 1024) } });
  const r = await client(undefined, { maxTarballBytes: 64 * 1024 }).tarball('fixture-big', '1.0.0');
  assert.equal(!r.ok && r.code, 'E_TOO_LARGE');
  assert.equal(!r.ok && r.retryable, false);
});

test('an endless tarball stream is cut off at the cap, not buffered', async () => {
  let sent = 0;
  const srv = await startFakeServer((req, res) => {
    if (req.url === '/endless') return sendJson(res, 200, packumentDoc('endless', '1.0.0', `${srv.url}endless/-/endless-1.0.0.tgz`));
    res.writeHead(200, { 'content-type': 'application/octet-stream' });
    const chunk = randomBytes(16 * 1024);
    const pump = () => {
      while (!res.destroyed && sent < 512 * 1024 * 1024) {
        sent += chunk.length;
        if (!res.write(chunk)) return void res.once('drain', pump);
      }
    };
    res.on('close', () => undefined);
    pump();
  });
  const r = await client({ registry: srv.url }, { maxTarballBytes: 256 * 1024, retries: 0 }).tarball('endless', '1.0.0');
  assert.equal(!r.ok && r.code, 'E_TOO_LARGE');
  await new Promise((res) => setTimeout(res, 100));
  assert.equal(srv.aborted, 1, 'the download connection was closed by the client');
  assert.ok(sent < 32 * 1024 * 1024, `server pushed ${sent} bytes before the client hung up`);
});

test('scoped registry routing through a trusted project .npmrc; ignored when untrusted', async () => {
  const fallback = await startFakeServer((_req, res) => sendJson(res, 404, { error: 'not here' }));
  const ws = mkdtempSync(path.join(tmp, 'ws-'));
  writeFileSync(path.join(ws, '.npmrc'), `@fixture:registry=${reg.url}\n`);
  const opts = { trustedWorkspace: true, userConfigPath: NO_USER_CONFIG, env: {}, overrides: { registry: fallback.url }, workspaceFolder: ws };

  const trusted = loadNpmConfig(opts);
  assert.equal(trusted.registryFor('@fixture/scoped'), reg.url);
  const c = new RegistryClient({ config: trusted, retryBaseMs: 20 });
  const m = unwrap(await c.manifest('@fixture/scoped', '1.0.0'));
  assert.equal(m._integrity, scoped.integrity);
  assert.ok(unwrap(await c.tarball('@fixture/scoped', '1.0.0')).data.equals(scoped.tarball));
  assert.equal(fallback.requests.length, 0);
  // unscoped names still go to the default registry
  assert.equal(!(await c.packument('fixture-plain')).ok, true);
  assert.deepEqual(fallback.requests.map((r) => r.url), ['/fixture-plain']);

  const untrusted = loadNpmConfig({ ...opts, trustedWorkspace: false });
  assert.equal(untrusted.registryFor('@fixture/scoped'), fallback.url);
  assert.equal(untrusted.ignored.length, 1);
  assert.match(untrusted.ignored[0]!, /@fixture:registry.*untrusted workspace/);
  const r = await new RegistryClient({ config: untrusted, retryBaseMs: 20 }).manifest('@fixture/scoped', '1.0.0');
  assert.equal(!r.ok && r.code, 'E_NOT_FOUND');
  assert.deepEqual(fallback.requests.map((x) => x.url), ['/fixture-plain', '/@fixture%2fscoped']);
});

test('packuments are cached with a TTL; manifests and packuments are shared across calls', async () => {
  let served = 0;
  const tgzUrl = 'http://127.0.0.1:9/ttl-1.0.0.tgz';
  const srv = await startFakeServer((_req, res) => {
    served++;
    sendJson(res, 200, packumentDoc('ttl', `1.0.${served - 1}`, tgzUrl));
  });
  const c = client({ registry: srv.url }, { packumentTtlMs: 200 });
  const [a, b] = await Promise.all([c.packument('ttl'), c.packument('ttl')]);
  assert.equal(unwrap(a), unwrap(b));
  assert.equal(unwrap(await c.manifest('ttl', 'latest')).version, '1.0.0');
  assert.equal(srv.requests.length, 1, 'concurrent and repeated calls share one request');
  await new Promise((res) => setTimeout(res, 300));
  assert.deepEqual(Object.keys(unwrap(await c.packument('ttl')).versions), ['1.0.1']);
  assert.equal(unwrap(await c.manifest('ttl', 'latest')).version, '1.0.1', 'a tag resolves again after the TTL');
  assert.equal(srv.requests.length, 2);
});

test('concurrency is bounded', async () => {
  let inFlight = 0;
  let peak = 0;
  const srv = await startFakeServer(async (req, res) => {
    inFlight++;
    peak = Math.max(peak, inFlight);
    await new Promise((r) => setTimeout(r, 60));
    inFlight--;
    const name = decodeURIComponent(req.url!.slice(1));
    sendJson(res, 200, packumentDoc(name, '1.0.0', 'http://127.0.0.1:9/x.tgz'));
  });
  const c = client({ registry: srv.url }, { concurrency: 3 });
  const results = await Promise.all(Array.from({ length: 12 }, (_, i) => c.packument(`pkg-${i}`)));
  assert.ok(results.every((r) => r.ok));
  assert.equal(srv.requests.length, 12);
  assert.equal(peak, 3);
});

test('stop() ends Verdaccio by its pid (runs last; the after hook then has nothing to do)', async () => {
  const pid = reg.pid;
  assert.ok(isAlive(pid));
  await reg.stop();
  assert.equal(isAlive(pid), false);
  const r = await client(undefined, { retries: 0 }).packument('fixture-plain');
  assert.equal(!r.ok && r.code, 'E_FETCH');
});
