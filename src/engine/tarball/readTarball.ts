import { createGunzip } from 'node:zlib';
import { Parser, type ReadEntry } from 'tar';
import { Collector } from './collector';
import { DEFAULT_TARBALL_LIMITS, RATIO_CHECK_AFTER_BYTES, type EntryKind, type TarballContents, type TarballLimits } from './types';

export { readDirectory } from './readDirectory';
export * from './types';

const FEED_BYTES = 64 * 1024;

const KIND: Record<string, Exclude<EntryKind, 'unsupported'> | undefined> = {
  File: 'file',
  OldFile: 'file',
  ContiguousFile: 'file',
  Directory: 'directory',
  GNUDumpDir: 'directory',
  SymbolicLink: 'symlink',
  Link: 'hardlink',
  CharacterDevice: 'character-device',
  BlockDevice: 'block-device',
  FIFO: 'fifo',
};

/**
 * Reads an untrusted package tarball in memory: gunzip and tar parsing are streamed, nothing is
 * written to disk, no link is followed, nothing is executed. Caps stop the read (recorded in
 * `capsHit`); what was read before a cap is returned, so the package is analysed as far as the
 * caps allow. Memory stays bounded by the caps, whatever the archive declares.
 */
export async function readTarball(tgz: Buffer | Uint8Array, limits?: Partial<TarballLimits>): Promise<TarballContents> {
  const lim: TarballLimits = { ...DEFAULT_TARBALL_LIMITS, ...limits };
  const c = new Collector(lim, true);
  let input = Buffer.from(tgz.buffer, tgz.byteOffset, tgz.byteLength);
  let inputCut = false;
  if (input.length > lim.maxCompressedBytes) {
    c.hitCap('maxCompressedBytes', `${input.length} bytes compressed`);
    input = input.subarray(0, lim.maxCompressedBytes);
    inputCut = true;
  }

  // Raw tar only: our own gunzip measures the ratio; brotli/zstd sniffing is off.
  const parser = new Parser({ strict: false, brotli: false, zstd: false });
  parser.on('warn', (code: string, message: string) => c.warn(`${code}: ${message}`));
  parser.on('entry', (entry: ReadEntry) => onEntry(c, entry));
  parser.on('ignoredEntry', (entry: ReadEntry) => {
    if (entry.meta) c.warn(`an oversized ${entry.type} header (${entry.size} bytes) was ignored`);
    else {
      c.entry(entry.path, 'unsupported', entry.size, entry.mode ?? 0, undefined, String(entry.type));
      c.skipped(entry.size);
    }
  });

  let unpacked = 0;
  let first = true;
  /** Feeds decompressed tar bytes to the parser, within the caps. Returns false to stop. */
  const feed = (chunk: Buffer, compressedSoFar: number | undefined): boolean => {
    if (c.stopped) return false;
    if (first) {
      first = false;
      if (chunk[0] === 0x1f && chunk[1] === 0x8b) {
        c.warn('nested compression: the decompressed data is gzip again, not a tar archive');
        c.stopped = true;
        return false;
      }
    }
    const next = unpacked + chunk.length;
    if (compressedSoFar !== undefined && next > RATIO_CHECK_AFTER_BYTES && next > lim.maxCompressionRatio * Math.max(1, compressedSoFar)) {
      c.stop('maxCompressionRatio', `${next} bytes from ${compressedSoFar} compressed (over ${lim.maxCompressionRatio}:1)`);
      return false;
    }
    if (next > lim.maxUnpackedBytes) {
      const room = lim.maxUnpackedBytes - unpacked;
      if (room > 0) parser.write(chunk.subarray(0, room));
      unpacked = lim.maxUnpackedBytes;
      c.stop('maxUnpackedBytes', `more than ${lim.maxUnpackedBytes} bytes unpacked`);
      return false;
    }
    unpacked = next;
    parser.write(chunk);
    return !c.stopped;
  };

  if (input[0] === 0x1f && input[1] === 0x8b) await gunzipInto(input, feed, c, inputCut);
  else for (let at = 0; at < input.length && feed(input.subarray(at, at + FEED_BYTES), undefined); at += FEED_BYTES);

  // A stopped read leaves the parser mid-entry: the open file is closed as truncated by result().
  if (!c.stopped && !inputCut) parser.end();
  return c.result();
}

function onEntry(c: Collector, entry: ReadEntry): void {
  const kind = KIND[entry.type] ?? 'unsupported';
  if (kind === 'directory') {
    c.directory(entry.path);
    entry.resume();
    return;
  }
  const sink = c.entry(entry.path, kind, entry.size, entry.mode ?? 0, entry.linkpath, kind === 'unsupported' ? String(entry.type) : undefined);
  if (sink) {
    entry.on('data', (d: Buffer) => sink.write(d));
    entry.on('end', () => c.close(sink, true));
  } else {
    entry.on('data', (d: Buffer) => c.skipped(d.length));
  }
  entry.resume();
}

/** Streams `input` through gunzip in small steps so a bomb is caught after a few MB, not after 200. */
function gunzipInto(input: Buffer, feed: (chunk: Buffer, compressedSoFar: number) => boolean, c: Collector, inputCut: boolean): Promise<void> {
  const gunzip = createGunzip({ chunkSize: FEED_BYTES });
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = (): void => {
      if (done) return;
      done = true;
      if (!gunzip.destroyed) gunzip.destroy();
      resolve();
    };
    gunzip.on('data', (out: Buffer) => {
      if (done) return;
      if (!feed(out, gunzip.bytesWritten)) finish();
    });
    gunzip.on('end', finish);
    gunzip.on('close', finish);
    gunzip.on('error', (error: Error) => {
      // A cut input (compressed cap) ends mid-stream by design; anything else is archive damage.
      if (!inputCut) c.warn(`gzip: ${error.message}`);
      finish();
    });
    void (async () => {
      for (let at = 0; at < input.length && !done; at += FEED_BYTES) {
        if (!gunzip.write(input.subarray(at, at + FEED_BYTES))) {
          await new Promise<void>((next) => {
            const go = (): void => {
              gunzip.off('drain', go);
              gunzip.off('close', go);
              next();
            };
            gunzip.on('drain', go);
            gunzip.on('close', go);
          });
        }
      }
      if (!done) gunzip.end();
    })();
  });
}
