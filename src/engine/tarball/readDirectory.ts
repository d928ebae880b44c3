import { constants } from 'node:fs';
import { lstat, open, opendir, readlink, stat } from 'node:fs/promises';
import path from 'node:path';
import { Collector } from './collector';
import { DEFAULT_TARBALL_LIMITS, TRUNCATED_PREFIX_BYTES, type EntryKind, type TarballContents, type TarballLimits } from './types';

// Never follow a symlink swapped in after lstat, never block on a FIFO (both 0 where unsupported).
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0);
const READ_BYTES = 1024 * 1024;

/**
 * Reads an unpacked package folder with the same caps and the same output as {@link readTarball}:
 * lstat only, no symlink inside the folder is followed (links are recorded with their target as
 * text), devices and FIFOs are never opened. Paths are relative to `dir`, `/`-separated. The folder
 * itself may be a symlink (pnpm's `node_modules/<name>`): that one is the caller's choice and is
 * resolved.
 */
export async function readDirectory(dir: string, limits?: Partial<TarballLimits>): Promise<TarballContents> {
  const lim: TarballLimits = { ...DEFAULT_TARBALL_LIMITS, ...limits };
  const c = new Collector(lim, false);
  const root = path.resolve(dir);
  if (!(await stat(root)).isDirectory()) throw new Error(`not a folder: ${dir}`);
  let unpacked = 0;
  let directories = 0;

  const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
    const names: string[] = [];
    const handle = await opendir(abs);
    try {
      for await (const d of handle) {
        names.push(d.name);
        if (names.length > lim.maxFiles) break;
      }
    } finally {
      await handle.close().catch(() => undefined);
    }
    names.sort();
    for (const name of names) {
      if (c.stopped) return;
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let st;
      try {
        st = await lstat(childAbs);
      } catch (error) {
        c.warn(`${childRel}: ${(error as Error).message}`);
        continue;
      }
      if (st.isDirectory()) {
        if (++directories > lim.maxFiles) {
          c.stop('maxFiles', `more than ${lim.maxFiles} folders`);
          return;
        }
        if (depth + 1 >= lim.maxPathDepth) {
          c.hitCap('maxPathDepth', `${childRel}/`);
          continue;
        }
        await walk(childAbs, childRel, depth + 1);
        continue;
      }
      const kind: Exclude<EntryKind, 'directory'> = st.isFile()
        ? 'file'
        : st.isSymbolicLink()
          ? 'symlink'
          : st.isCharacterDevice()
            ? 'character-device'
            : st.isBlockDevice()
              ? 'block-device'
              : st.isFIFO()
                ? 'fifo'
                : st.isSocket()
                  ? 'socket'
                  : 'unsupported';
      const linkTarget = kind === 'symlink' ? await readlink(childAbs).catch(() => '') : undefined;
      if (kind === 'file' && unpacked + st.size > lim.maxUnpackedBytes) {
        c.stop('maxUnpackedBytes', `more than ${lim.maxUnpackedBytes} bytes in files`);
        return;
      }
      const sink = c.entry(childRel, kind, kind === 'file' ? st.size : 0, st.mode, linkTarget);
      if (!sink) continue;
      unpacked += st.size;
      const complete = await readInto(childAbs, sink, lim.maxFileBytes).catch((error: Error) => {
        c.warn(`${childRel}: ${error.message}`);
        return false;
      });
      c.close(sink, complete);
    }
  };

  await walk(root, '', 0);
  return c.result();
}

/** Reads at most what the sink keeps (the whole file up to the cap, else the 64 KB prefix). */
async function readInto(abs: string, sink: { size: number; oversized: boolean; write(chunk: Uint8Array): void }, maxFileBytes: number): Promise<boolean> {
  const fh = await open(abs, OPEN_FLAGS);
  try {
    const st = await fh.stat();
    if (!st.isFile()) throw new Error('changed while reading (no longer a regular file)');
    const want = sink.oversized ? Math.min(sink.size, TRUNCATED_PREFIX_BYTES) : Math.min(sink.size, maxFileBytes);
    const buf = Buffer.alloc(Math.min(Math.max(want, 1), READ_BYTES));
    let got = 0;
    while (got < want) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, want - got), null);
      if (bytesRead === 0) break;
      sink.write(buf.subarray(0, bytesRead));
      got += bytesRead;
    }
    return !sink.oversized && got >= sink.size;
  } finally {
    await fh.close();
  }
}
