// Known-malware lookup from a local folder of OSV records, for offline use: a checkout of
// ossf/malicious-packages (`osv/malicious/npm/<name>/MAL-*.json`, scoped names two levels deep) or
// an extracted OSV `npm/all.zip` (a flat folder of `<id>.json`). The folder is walked once and
// indexed by package name; lookups then touch only that package's records.
//
// The files are untrusted: each is size-capped, broken or non-JSON files are skipped and counted,
// links are never followed, and the walk is bounded in depth and file count.
import { closeSync, constants, openSync, readdirSync, readSync, type Dirent } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { affectsVersion, dropAliased, isMalwareRecord, npmAffected, recordId, toKnownMalwareRecord, UNAVAILABLE, type AffectedNpm, type RawOsvRecord } from './osvRecord';
import { packageKey, type KnownMalwareLookup, type KnownMalwareRecord, type KnownMalwareSource, type KnownMalwareStatus, type PackageVersion } from './types';

export interface OfflineIndexOptions {
  /** Largest record file read. Default 1 MiB (real records are a few KB). */
  maxFileBytes?: number;
  /** Files read at most. Default 2,000,000. */
  maxFiles?: number;
  /** Folder depth walked at most. Default 12. */
  maxDepth?: number;
  /** Files read between two yields to the event loop. Default 2,000. */
  slice?: number;
}

export interface OfflineIndexStats {
  /** `.json` files found. */
  files: number;
  /** Records that name at least one npm package. */
  records: number;
  /** Withdrawn records (kept out of the index: they make nothing malicious). */
  withdrawn: number;
  /** Records that are not malware (ordinary vulnerabilities in an all.zip) or name no npm package. */
  ignored: number;
  /** Files over the size cap. */
  tooLarge: number;
  /** Files that are not JSON objects. */
  broken: number;
  /** Other files in the folder (README, .git ...). */
  otherFiles: number;
  /** Set when the walk stopped at maxFiles or maxDepth. */
  truncated?: string;
  ms: number;
}

interface Entry {
  record: KnownMalwareRecord;
  affected: AffectedNpm;
}

export class OfflineOsvIndex implements KnownMalwareSource {
  private constructor(
    readonly folder: string,
    private readonly byName: Map<string, Entry[]>,
    readonly stats: OfflineIndexStats,
  ) {}

  /**
   * Walks `folder` and indexes every malware record in it. Rejects when the folder cannot be read.
   * Files are read synchronously in slices, yielding between slices: for 100,000 small files a
   * synchronous read is several times faster than the thread-pool round trips of async fs, and
   * the yields keep the worker answering (cancellation, other requests) meanwhile.
   */
  static async build(folder: string, options: OfflineIndexOptions = {}): Promise<OfflineOsvIndex> {
    const t0 = performance.now();
    const opts = { maxFileBytes: options.maxFileBytes ?? 1024 * 1024, maxFiles: options.maxFiles ?? 2_000_000, maxDepth: options.maxDepth ?? 12, slice: options.slice ?? 2000 };
    const root = path.resolve(folder);
    const info = await stat(root);
    if (!info.isDirectory()) throw new Error(`${root} is not a folder`);
    const stats: OfflineIndexStats = { files: 0, records: 0, withdrawn: 0, ignored: 0, tooLarge: 0, broken: 0, otherFiles: 0, ms: 0 };
    const files = await listJsonFiles(root, opts, stats);
    stats.files = files.length;
    const byName = new Map<string, Entry[]>();
    const buffer = Buffer.allocUnsafe(opts.maxFileBytes + 1);
    for (let i = 0; i < files.length; i++) {
      if (i > 0 && i % opts.slice === 0) await new Promise((r) => setImmediate(r));
      const text = readCappedFile(files[i]!, buffer);
      if (text === 'too-large') {
        stats.tooLarge++;
        continue;
      }
      let record: unknown;
      try {
        if (text === undefined) throw new Error('unreadable');
        record = JSON.parse(text);
      } catch {
        stats.broken++;
        continue;
      }
      if (typeof record !== 'object' || record === null || Array.isArray(record)) {
        stats.broken++;
        continue;
      }
      addRecord(byName, record as RawOsvRecord, path.basename(files[i]!, '.json'), stats);
    }
    stats.ms = Math.round(performance.now() - t0);
    return new OfflineOsvIndex(root, byName, stats);
  }

  get source(): string {
    return `local folder ${this.folder} (${this.stats.records.toLocaleString('en-US')} records)`;
  }

  /** Number of package names with at least one record. */
  get packageCount(): number {
    return this.byName.size;
  }

  async lookup(packages: readonly PackageVersion[]): Promise<KnownMalwareLookup> {
    const results: Record<string, KnownMalwareStatus> = {};
    for (const p of packages) results[packageKey(p)] = this.lookupOne(p);
    return { results, source: this.source };
  }

  lookupOne(p: PackageVersion): KnownMalwareStatus {
    const records = (this.byName.get(p.name) ?? []).filter((e) => affectsVersion(e.affected, p.version)).map((e) => e.record);
    const unique = [...new Map(records.map((r) => [r.id, r])).values()];
    return unique.length ? { status: 'hit', records: dropAliased(unique) } : { status: 'none' };
  }
}

function addRecord(byName: Map<string, Entry[]>, raw: RawOsvRecord, fileId: string, stats: OfflineIndexStats): void {
  // New reports in ossf/malicious-packages carry no id until the pipeline assigns one: the file name stands in.
  const id = recordId(raw, fileId.slice(0, 100));
  const affected = npmAffected(raw);
  if (affected.length === 0) {
    stats.ignored++;
    return;
  }
  if (typeof raw.withdrawn === 'string' && raw.withdrawn !== '') {
    stats.withdrawn++;
    return;
  }
  if (!isMalwareRecord(raw, id)) {
    stats.ignored++;
    return;
  }
  stats.records++;
  const record = toKnownMalwareRecord(raw, id);
  for (const a of affected) {
    const list = byName.get(a.name);
    if (list) list.push({ record, affected: a });
    else byName.set(a.name, [{ record, affected: a }]);
  }
}

async function listJsonFiles(root: string, opts: { maxFiles: number; maxDepth: number; slice: number }, stats: OfflineIndexStats): Promise<string[]> {
  const out: string[] = [];
  const stack: { dir: string; depth: number }[] = [{ dir: root, depth: 0 }];
  let visited = 0;
  while (stack.length) {
    const { dir, depth } = stack.pop()!;
    if (++visited % opts.slice === 0) await new Promise((r) => setImmediate(r));
    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const d of entries) {
      // Links are neither followed nor read: a record folder has no reason to hold any.
      if (d.isDirectory()) {
        if (d.name === '.git' || d.name === 'node_modules') continue;
        if (depth + 1 > opts.maxDepth) stats.truncated ??= `folders deeper than ${opts.maxDepth} levels were not read`;
        else stack.push({ dir: path.join(dir, d.name), depth: depth + 1 });
      } else if (d.isFile()) {
        if (!d.name.toLowerCase().endsWith('.json')) stats.otherFiles++;
        else if (out.length >= opts.maxFiles) stats.truncated ??= `only the first ${opts.maxFiles} files were read`;
        else out.push(path.join(dir, d.name));
      }
    }
  }
  return out.sort();
}

/** The file as text, 'too-large' over the cap (never read past it), undefined when it cannot be read. */
function readCappedFile(file: string, buffer: Buffer): string | 'too-large' | undefined {
  let fd: number | undefined;
  try {
    // NOFOLLOW / NONBLOCK: a file swapped for a link or a FIFO after the walk is neither followed nor waited on.
    fd = openSync(file, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
    let size = 0;
    for (let n; size < buffer.length && (n = readSync(fd, buffer, size, buffer.length - size, size)) > 0; ) size += n;
    // The buffer is one byte over the cap: filling it means the file is larger.
    return size >= buffer.length ? 'too-large' : buffer.toString('utf8', 0, size);
  } catch {
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

/** Stands in for a lookup that cannot run (offline with no folder, a folder that failed to index). */
export class UnavailableSource implements KnownMalwareSource {
  constructor(readonly reason: string) {}
  get source(): string {
    return 'none';
  }
  async lookup(packages: readonly PackageVersion[]): Promise<KnownMalwareLookup> {
    const results: Record<string, KnownMalwareStatus> = {};
    for (const p of packages) results[packageKey(p)] = { status: 'unknown', reason: `${UNAVAILABLE}: ${this.reason}` };
    return { results, source: 'none' };
  }
}
