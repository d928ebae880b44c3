// A local, offline npm registry for tests: Verdaccio 6.8.0 (a devDependency) in a child process on
// 127.0.0.1, with no uplinks (a name that was not published here is a 404), storage in a temp dir,
// web UI and audit off. One server per test file: `const reg = await startVerdaccio()` at the top
// level of the file; it is stopped by its own pid in a node:test `after` hook, and also when this
// process exits or dies (the child watches its stdin pipe).
//
// Publishing goes through the registry's HTTP API (the document `npm publish` sends), with
// tarballs built here (`makeTarball`), so fixtures can be anything, including shapes npm would not
// produce. Nothing here ever talks to the public registry.
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after } from 'node:test';
import { gzipSync } from 'node:zlib';
import { freePort } from './freePort';

const root = path.join(__dirname, '../..');
const VERDACCIO_BIN = path.join(root, 'node_modules/verdaccio/bin/verdaccio');

// ---------------------------------------------------------------------------------------------
// tarballs

export interface TarEntry {
  /** Path inside the archive, used verbatim (no `package/` prefix is added). */
  path: string;
  type?: 'file' | 'dir' | 'symlink' | 'hardlink';
  content?: string | Buffer;
  /** Target for symlink / hardlink entries. */
  linkname?: string;
  mode?: number;
}

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function tarHeader(e: TarEntry, size: number): Buffer {
  const h = Buffer.alloc(512);
  let name = e.path;
  let prefix = '';
  if (Buffer.byteLength(name) > 100) {
    // ustar: split at a slash into prefix (<= 155 bytes) and name (<= 100 bytes)
    let i = name.indexOf('/');
    while (i > 0 && (Buffer.byteLength(name.slice(i + 1)) > 100 || Buffer.byteLength(name.slice(0, i)) > 155)) i = name.indexOf('/', i + 1);
    if (i <= 0) throw new Error(`tar path too long for ustar: ${name}`);
    prefix = name.slice(0, i);
    name = name.slice(i + 1);
  }
  const type = e.type ?? 'file';
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode ?? (type === 'dir' ? 0o755 : 0o644), 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii');
  h.write(octal(0, 8), 116, 'ascii');
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(499162500, 12), 136, 'ascii'); // npm's fixed mtime (1985-10-26)
  h.write('        ', 148, 'ascii');
  h.write({ file: '0', hardlink: '1', symlink: '2', dir: '5' }[type], 156, 'ascii');
  if (e.linkname) h.write(e.linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(octal(sum, 7) + ' ', 148, 'ascii');
  return h;
}

/** Builds a gzipped ustar archive from the entries, in order. */
export function makeTarball(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const body = e.type === undefined || e.type === 'file' ? Buffer.from(e.content ?? '') : Buffer.alloc(0);
    parts.push(tarHeader(e, body.length), body, Buffer.alloc((512 - (body.length % 512)) % 512));
  }
  parts.push(Buffer.alloc(1024));
  return gzipSync(Buffer.concat(parts));
}

/** The files of a package as a tarball with npm's `package/` prefix. */
export function packFiles(files: Record<string, string | Buffer>): Buffer {
  return makeTarball(Object.entries(files).map(([p, content]) => ({ path: `package/${p}`, content })));
}

export function integrityOf(data: Buffer): { integrity: string; shasum: string } {
  return {
    integrity: `sha512-${createHash('sha512').update(data).digest('base64')}`,
    shasum: createHash('sha1').update(data).digest('hex'),
  };
}

function readDirFiles(dir: string, base = ''): Record<string, Buffer> {
  const out: Record<string, Buffer> = {};
  for (const d of readdirSync(path.join(dir, base), { withFileTypes: true })) {
    const rel = base ? `${base}/${d.name}` : d.name;
    if (d.isDirectory()) Object.assign(out, readDirFiles(dir, rel));
    else if (d.isFile()) out[rel] = readFileSync(path.join(dir, rel));
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// server

export interface PublishInput {
  packageJson: Record<string, unknown> & { name: string; version: string };
  /** Files besides package.json (package.json is written from `packageJson`). */
  files?: Record<string, string | Buffer>;
  /** A ready tarball to attach instead of packing `files` (its package.json may differ: manifest confusion). */
  tarball?: Buffer;
}

export interface Published {
  name: string;
  version: string;
  integrity: string;
  shasum: string;
  /** The tarball URL the registry serves. */
  tarballUrl: string;
  tarball: Buffer;
}

export interface Verdaccio {
  /** Registry URL with a trailing slash, e.g. http://127.0.0.1:43123/ */
  readonly url: string;
  readonly port: number;
  readonly pid: number;
  readonly storageDir: string;
  /** Milliseconds from spawn to the first answered ping. */
  readonly startupMs: number;
  /** Publishes a package folder (fixture dir with package.json) or an in-memory package. */
  publish(pkg: string | PublishInput, opts?: { tag?: string }): Promise<Published>;
  /** PUTs a hand-made package document (name, versions, dist-tags, _attachments) as npm publish would. */
  putPackument(doc: Record<string, unknown>): Promise<void>;
  /** Where Verdaccio keeps a version's tarball on disk (for tamper tests). */
  tarballPath(name: string, version: string): string;
  /** Reads the package document straight from storage (not through HTTP). */
  readStoredPackument(name: string): Record<string, unknown>;
  stop(): Promise<void>;
}

function configYaml(storage: string, port: number): string {
  return [
    `storage: ${JSON.stringify(storage)}`,
    `listen: 127.0.0.1:${port}`,
    'auth:',
    '  htpasswd:',
    `    file: ${JSON.stringify(path.join(storage, '..', 'htpasswd'))}`,
    '    max_users: -1',
    'uplinks: {}',
    'packages:',
    "  '@*/*': { access: $all, publish: $all, unpublish: $all }",
    "  '**': { access: $all, publish: $all, unpublish: $all }",
    'publish:',
    '  allow_offline: true',
    'middlewares:',
    '  audit:',
    '    enabled: false',
    'web:',
    '  enable: false',
    'max_body_size: 200mb',
    'log: { type: stdout, format: json, level: error }',
    '',
  ].join('\n');
}

// The child runs Verdaccio in-process and exits when our end of its stdin closes, so a test process
// that is killed does not leave a registry behind.
const CHILD = `
process.stdin.on('end', () => process.exit(0));
process.stdin.on('error', () => process.exit(0));
process.stdin.resume();
process.argv = [process.execPath, process.env.TAKEDOWN_VERDACCIO_BIN, '--config', process.env.TAKEDOWN_VERDACCIO_CONFIG];
require(process.env.TAKEDOWN_VERDACCIO_BIN);
`;

async function ping(url: string): Promise<boolean> {
  try {
    const res = await fetch(`${url}-/ping`, { signal: AbortSignal.timeout(500) });
    await res.arrayBuffer();
    return res.ok;
  } catch {
    return false;
  }
}

const live = new Set<ChildProcess>();
let exitHookInstalled = false;
function installExitHook(): void {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', () => {
    for (const c of live) if (c.pid !== undefined && c.exitCode === null) try { process.kill(c.pid, 'SIGKILL'); } catch { /* gone */ }
  });
}

async function spawnOnce(dir: string, storage: string): Promise<{ child: ChildProcess; port: number; url: string; startupMs: number; log: () => string }> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}/`;
  const config = path.join(dir, 'config.yaml');
  writeFileSync(config, configYaml(storage, port));
  const t0 = Date.now();
  const child = spawn(process.execPath, ['-e', CHILD], {
    cwd: dir,
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, TAKEDOWN_VERDACCIO_BIN: VERDACCIO_BIN, TAKEDOWN_VERDACCIO_CONFIG: config, NODE_OPTIONS: '', NODE_ENV: 'production' },
  });
  live.add(child);
  child.on('exit', () => live.delete(child));
  let output = '';
  child.stdout!.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-20000); });
  child.stderr!.on('data', (d: Buffer) => { output = (output + d.toString()).slice(-20000); });
  // do not keep the test process alive because of these pipes
  (child.stdout as unknown as { unref?: () => void }).unref?.();
  (child.stderr as unknown as { unref?: () => void }).unref?.();
  const deadline = Date.now() + 15000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    if (await ping(url)) return { child, port, url, startupMs: Date.now() - t0, log: () => output };
    await new Promise((r) => setTimeout(r, 25));
  }
  await killChild(child);
  throw new Error(`verdaccio did not start on ${url} (exit ${child.exitCode}):\n${output}`);
}

function killChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  return new Promise((resolve) => {
    const t = setTimeout(() => { try { process.kill(child.pid!, 'SIGKILL'); } catch { /* gone */ } }, 2000);
    child.once('exit', () => { clearTimeout(t); resolve(); });
    try { process.kill(child.pid!, 'SIGTERM'); } catch { clearTimeout(t); resolve(); }
  });
}

/**
 * Starts a fresh Verdaccio. Call it synchronously at the top level of a test file
 * (`const ready = startVerdaccio();` then `await ready` in tests or a `before` hook): the `after`
 * hook that stops the server is registered before the first await, unless `registerCleanup: false`.
 * The process is also killed when the test process exits.
 */
export function startVerdaccio(opts: { registerCleanup?: boolean } = {}): Promise<Verdaccio> {
  installExitHook();
  const starting = launch();
  starting.catch(() => undefined);
  if (opts.registerCleanup !== false) after(async () => (await starting.catch(() => undefined))?.stop());
  return starting;
}

async function launch(): Promise<Verdaccio> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'takedown-verdaccio-'));
  const storage = path.join(dir, 'storage');
  let started: Awaited<ReturnType<typeof spawnOnce>> | undefined;
  let lastError: unknown;
  for (let i = 0; i < 3 && !started; i++) {
    try { started = await spawnOnce(dir, storage); } catch (e) { lastError = e; } // port taken between probe and listen: retry
  }
  if (!started) throw lastError;
  const { child, port, url, startupMs } = started;
  let stopped: Promise<void> | undefined;

  const put = async (name: string, doc: Record<string, unknown>): Promise<void> => {
    const res = await fetch(`${url}${name.replace('/', '%2f')}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: 'Bearer dummy-test-token' },
      body: JSON.stringify(doc),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`PUT ${name}: HTTP ${res.status} ${text}`);
  };

  const server: Verdaccio = {
    url,
    port,
    pid: child.pid!,
    storageDir: storage,
    startupMs,
    async publish(pkg, { tag = 'latest' } = {}) {
      let input: PublishInput;
      if (typeof pkg === 'string') {
        const files = readDirFiles(pkg);
        const pj = JSON.parse(files['package.json']!.toString('utf8')) as PublishInput['packageJson'];
        delete files['package.json'];
        input = { packageJson: pj, files };
      } else {
        input = pkg;
      }
      const { name, version } = input.packageJson;
      const tarball = input.tarball ?? packFiles({ 'package.json': JSON.stringify(input.packageJson, null, 2) + '\n', ...input.files });
      const { integrity, shasum } = integrityOf(tarball);
      const base = name.startsWith('@') ? name.split('/')[1]! : name;
      const tarballUrl = `${url}${name}/-/${base}-${version}.tgz`;
      await put(name, {
        _id: name,
        name,
        'dist-tags': { [tag]: version },
        versions: {
          [version]: { ...input.packageJson, _id: `${name}@${version}`, dist: { integrity, shasum, tarball: tarballUrl } },
        },
        access: null,
        _attachments: { [`${name}-${version}.tgz`]: { content_type: 'application/octet-stream', data: tarball.toString('base64'), length: tarball.length } },
      });
      return { name, version, integrity, shasum, tarballUrl, tarball };
    },
    async putPackument(doc) {
      if (typeof doc.name !== 'string') throw new Error('putPackument: doc.name must be a string');
      await put(doc.name, doc);
    },
    tarballPath(name, version) {
      const base = name.startsWith('@') ? name.split('/')[1]! : name;
      return path.join(storage, name, `${base}-${version}.tgz`);
    },
    readStoredPackument(name) {
      return JSON.parse(readFileSync(path.join(storage, name, 'package.json'), 'utf8')) as Record<string, unknown>;
    },
    stop() {
      stopped ??= killChild(child).then(() => rmSync(dir, { recursive: true, force: true }));
      return stopped;
    },
  };
  return server;
}

/** True when `pid` is a live process (for tests that check stop()). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

export function fileSize(p: string): number {
  return statSync(p).size;
}
