import { createGzip, gzipSync } from 'node:zlib';

/**
 * Hand-made tar entries for archives the `tar` create API refuses to write (traversal, absolute
 * paths, links to /etc, devices, bombs). Test-only: ustar headers with optional pax path records.
 */

export type RawType = '0' | '1' | '2' | '3' | '4' | '5' | '6' | 'S' | 'x';

export interface RawEntry {
  path: string;
  type?: RawType;
  body?: Uint8Array | string;
  /** Declared size when there is no body (the body is then that many zero bytes, generated lazily). */
  size?: number;
  linkpath?: string;
  mode?: number;
  /** Put the path in a pax header instead of the ustar name field (long paths, odd bytes). */
  pax?: boolean;
}

function octal(buf: Buffer, off: number, len: number, value: number): void {
  buf.write(value.toString(8).padStart(len - 1, '0') + '\0', off, len, 'ascii');
}

export function header(e: { path: string; type: string; size: number; linkpath?: string; mode?: number }): Buffer {
  const h = Buffer.alloc(512);
  const name = Buffer.from(e.path, 'utf8');
  if (name.length > 100) throw new Error(`name too long for ustar, use pax: ${e.path}`);
  name.copy(h, 0);
  octal(h, 100, 8, e.mode ?? 0o644);
  octal(h, 108, 8, 1000);
  octal(h, 116, 8, 1000);
  octal(h, 124, 12, e.size);
  octal(h, 136, 12, 1_700_000_000);
  h.write(e.type, 156, 1, 'ascii');
  if (e.linkpath) Buffer.from(e.linkpath, 'utf8').copy(h, 157, 0, 100);
  h.write('ustar\0', 257, 6, 'ascii');
  h.write('00', 263, 2, 'ascii');
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 8, 'ascii');
  return h;
}

function pad(n: number): Buffer {
  return Buffer.alloc((512 - (n % 512)) % 512);
}

function paxRecords(fields: Record<string, string>): Buffer {
  const parts = Object.entries(fields).map(([k, v]) => {
    const body = ` ${k}=${v}\n`;
    let len = Buffer.byteLength(body) + 1;
    while (String(len).length + Buffer.byteLength(body) !== len) len = String(len).length + Buffer.byteLength(body);
    return `${len}${body}`;
  });
  return Buffer.from(parts.join(''), 'utf8');
}

/** The bytes of one entry (pax header first when asked), zero bodies included. Use only for small sizes. */
export function entryBytes(e: RawEntry): Buffer {
  const body = e.body === undefined ? Buffer.alloc(e.size ?? 0) : Buffer.from(e.body);
  const type = e.type ?? '0';
  const out: Buffer[] = [];
  let name = e.path;
  if (e.pax) {
    const rec = paxRecords({ path: e.path, ...(e.linkpath ? { linkpath: e.linkpath } : {}) });
    out.push(header({ path: 'PaxHeader/x', type: 'x', size: rec.length }), rec, pad(rec.length));
    name = 'placeholder';
  }
  out.push(header({ path: name, type, size: body.length, ...(e.linkpath ? { linkpath: e.linkpath } : {}), ...(e.mode !== undefined ? { mode: e.mode } : {}) }), body, pad(body.length));
  return Buffer.concat(out);
}

export const END = Buffer.alloc(1024);

export function rawTar(entries: RawEntry[]): Buffer {
  return Buffer.concat([...entries.map(entryBytes), END]);
}

export function rawTgz(entries: RawEntry[]): Buffer {
  return gzipSync(rawTar(entries));
}

/**
 * A gzip bomb: `package/package.json`, then `package/bomb.bin` declaring `size` zero bytes, then
 * `package/after.js`. Compressed in a stream (the uncompressed form never exists in memory).
 */
export async function gzipBomb(size: number): Promise<Buffer> {
  const gz = createGzip({ level: 9 });
  const out: Buffer[] = [];
  gz.on('data', (d: Buffer) => out.push(d));
  const done = new Promise((resolve) => gz.on('end', resolve));
  const write = async (b: Buffer): Promise<void> => {
    if (!gz.write(b)) await new Promise((r) => gz.once('drain', r));
  };
  await write(entryBytes({ path: 'package/package.json', body: '{"name":"bomb","version":"1.0.0"}' }));
  await write(header({ path: 'package/bomb.bin', type: '0', size }));
  const zeros = Buffer.alloc(1024 * 1024);
  for (let left = size; left > 0; left -= zeros.length) await write(left >= zeros.length ? zeros : zeros.subarray(0, left));
  await write(pad(size));
  await write(entryBytes({ path: 'package/after.js', body: 'module.exports = 1;\n' }));
  gz.end(END);
  await done;
  return Buffer.concat(out);
}
