import { createHash, type Hash } from 'node:crypto';
import {
  HEAD_BYTES,
  TRUNCATED_PREFIX_BYTES,
  type CapHit,
  type EntryKind,
  type PackageFile,
  type SpecialEntry,
  type SuspiciousPath,
  type SuspiciousPathReason,
  type TarballContents,
  type TarballLimitName,
  type TarballLimits,
} from './types';

/** Shared by the tarball and the folder reader: path checks, caps, per-file buffering, the result. */

const MAX_WARNINGS = 100;
const MAX_PATH_CHARS = 4096;
const RECORDED_PATH_CHARS = 1024;
const SNIFF_BYTES = 8192;
// C0 controls, DEL, C1 controls. Bidi overrides are legal in names; the UI escapes them.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

export type PathCheck = { ok: true; path: string; top: string; depth: number } | { ok: false; reason: SuspiciousPathReason; top?: string };

/**
 * Normalises an archive path the way npm reads a package: backslashes are separators too (as on
 * Windows), `.` and empty segments vanish, and the first segment (normally `package`) is stripped.
 * Anything that could name a place outside the package root is rejected, never resolved.
 */
export function checkArchivePath(raw: string, stripFirst: boolean): PathCheck {
  if (raw.includes('\0')) return { ok: false, reason: 'nul-byte' };
  if (raw.length > MAX_PATH_CHARS) return { ok: false, reason: 'too-long' };
  if (CONTROL.test(raw)) return { ok: false, reason: 'control-character' };
  if (/^[\\/]/.test(raw) || /^[a-zA-Z]:/.test(raw)) return { ok: false, reason: 'absolute' };
  const segments = raw.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  // `..`, and names Windows trims towards it (`.. `, `...`): no legitimate package has them.
  if (segments.some((s) => /^[.\s]+$/.test(s))) return { ok: false, reason: raw.includes('\\') ? 'backslash-traversal' : 'parent-segment' };
  // A drive prefix on any segment becomes absolute once the top folder is stripped (`package/C:x`).
  if (segments.some((s) => /^[a-zA-Z]:/.test(s))) return { ok: false, reason: 'absolute' };
  if (segments.length === 0) return { ok: false, reason: 'empty' };
  if (!stripFirst) return { ok: true, path: segments.join('/'), top: '', depth: segments.length };
  const [top, ...rest] = segments as [string, ...string[]];
  if (rest.length === 0) return { ok: false, reason: 'outside-package-folder', top };
  return { ok: true, path: rest.join('/'), top, depth: rest.length };
}

function recordable(raw: string): string {
  return raw.length > RECORDED_PATH_CHARS ? `${raw.slice(0, RECORDED_PATH_CHARS)}…` : raw;
}

/** Text if there is no NUL in the first 8 KB and the bytes are (loosely) valid UTF-8. */
export function decodeText(bytes: Uint8Array): { text?: string; binary: boolean } {
  if (bytes.subarray(0, SNIFF_BYTES).includes(0)) return { binary: true };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), binary: false };
  } catch {
    // Latin-1 READMEs, a stray byte, a cut multi-byte sequence: still text if replacements are rare.
    const loose = new TextDecoder('utf-8').decode(bytes);
    let bad = 0;
    for (let i = loose.indexOf('\uFFFD'); i !== -1; i = loose.indexOf('\uFFFD', i + 1)) bad++;
    return bad <= Math.max(4, loose.length / 100) ? { text: loose, binary: false } : { binary: true };
  }
}

/** Collects the content of one file, keeping at most what the caps allow. */
export class FileSink {
  private readonly chunks: Uint8Array[] = [];
  private kept = 0;
  /** Bytes seen, kept or not. */
  received = 0;
  private readonly keep: number;
  // Over every byte, kept or not: the version diff tells changed binaries and oversized files apart by it.
  private readonly hash: Hash = createHash('sha256');

  constructor(
    readonly path: string,
    readonly size: number,
    readonly mode: number,
    readonly oversized: boolean,
  ) {
    this.keep = oversized ? Math.min(size, TRUNCATED_PREFIX_BYTES) : size;
  }

  write(chunk: Uint8Array): void {
    this.received += chunk.length;
    this.hash.update(chunk);
    const room = this.keep - this.kept;
    if (room <= 0) return;
    const part = chunk.length > room ? chunk.subarray(0, room) : chunk;
    // Copy: a subarray would pin the whole decompressed chunk it came from.
    this.chunks.push(Uint8Array.prototype.slice.call(part));
    this.kept += part.length;
  }

  /** `complete` is false when the stream stopped (a cap, a damaged archive) before the file ended. */
  finish(complete: boolean): PackageFile {
    const bytes = concat(this.chunks, this.kept);
    this.chunks.length = 0;
    const whole = complete && !this.oversized && this.kept >= this.size;
    const head = bytes.slice(0, HEAD_BYTES);
    const sha256 = complete && this.received === this.size ? { sha256: this.hash.digest('hex') } : {};
    if (whole) {
      const { text, binary } = decodeText(bytes);
      return { path: this.path, size: this.size, mode: this.mode, ...(text !== undefined ? { text } : {}), head, binary, truncated: false, ...sha256 };
    }
    return { path: this.path, size: this.size, mode: this.mode, head, binary: decodeText(bytes).binary, truncated: true, prefix: bytes.slice(0, TRUNCATED_PREFIX_BYTES), ...sha256 };
  }
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1 && chunks[0]!.length === length) return chunks[0]!;
  const out = new Uint8Array(length);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export class Collector {
  readonly capsHit: CapHit[] = [];
  readonly suspiciousPaths: SuspiciousPath[] = [];
  readonly specialEntries: SpecialEntry[] = [];
  private readonly files = new Map<string, PackageFile>();
  private readonly seen = new Set<string>();
  private readonly duplicates = new Set<string>();
  private readonly tops = new Set<string>();
  private readonly warnings: string[] = [];
  private open: FileSink | undefined;
  /** Set when a cap stops the whole read. */
  stopped = false;
  fileCount = 0;
  totalUnpackedBytes = 0;

  constructor(
    readonly limits: TarballLimits,
    private readonly stripFirst: boolean,
  ) {}

  hitCap(limit: TarballLimitName, detail: string): void {
    const existing = this.capsHit.find((c) => c.limit === limit);
    if (existing) existing.count++;
    else this.capsHit.push({ code: 'E_TOO_LARGE', limit, max: this.limits[limit], detail: recordable(detail), count: 1 });
  }

  /** Stops the whole read because of a cap. */
  stop(limit: TarballLimitName, detail: string): void {
    this.hitCap(limit, detail);
    this.stopped = true;
  }

  warn(message: string): void {
    if (this.warnings.length < MAX_WARNINGS) this.warnings.push(message.length > 300 ? `${message.slice(0, 300)}…` : message);
  }

  /** A directory entry: only its path is checked. */
  directory(raw: string): void {
    const check = checkArchivePath(raw, this.stripFirst);
    if (check.top) this.tops.add(check.top);
    // The package folder itself (`package/`) is the one legitimate single-segment entry.
    if (!check.ok && check.reason !== 'outside-package-folder') this.reject(raw, check.reason, 'directory', 0);
  }

  /**
   * A non-directory entry. Returns a sink for a regular file whose content should be read, or
   * undefined (special entry, rejected path, cap) when the content is to be skipped.
   */
  entry(raw: string, kind: Exclude<EntryKind, 'directory'>, size: number, mode: number, linkTarget?: string, rawType?: string): FileSink | undefined {
    if (this.stopped) return undefined;
    if (this.fileCount >= this.limits.maxFiles) {
      this.stop('maxFiles', `more than ${this.limits.maxFiles} entries`);
      return undefined;
    }
    this.fileCount++;
    const check = checkArchivePath(raw, this.stripFirst);
    if (check.top) this.tops.add(check.top);
    if (!check.ok) {
      this.reject(raw, check.reason, kind, size, linkTarget);
      return undefined;
    }
    if (check.depth > this.limits.maxPathDepth) {
      this.hitCap('maxPathDepth', check.path);
      return undefined;
    }
    if (this.seen.has(check.path)) this.duplicates.add(check.path);
    this.seen.add(check.path);
    if (kind !== 'file') {
      this.specialEntries.push({
        path: check.path,
        type: kind,
        ...(linkTarget !== undefined ? { linkTarget: recordable(linkTarget) } : {}),
        ...(rawType !== undefined ? { rawType } : {}),
      });
      return undefined;
    }
    const oversized = size > this.limits.maxFileBytes;
    if (oversized) this.hitCap('maxFileBytes', `${check.path} (${size} bytes)`);
    this.open = new FileSink(check.path, size, mode & 0o7777, oversized);
    return this.open;
  }

  /** The open file ended (complete, or cut off by a damaged archive). */
  close(sink: FileSink, complete = true): void {
    if (this.open === sink) this.open = undefined;
    this.totalUnpackedBytes += sink.received;
    const file = sink.finish(complete && sink.received >= sink.size);
    this.files.delete(file.path); // a duplicate moves to where the last copy is
    this.files.set(file.path, file);
  }

  /** Content of a skipped entry that streamed past (counted, not kept). */
  skipped(bytes: number): void {
    this.totalUnpackedBytes += bytes;
  }

  result(): TarballContents {
    if (this.open) this.close(this.open, false);
    const files = [...this.files.values()];
    const out: TarballContents = {
      files,
      capsHit: this.capsHit,
      suspiciousPaths: this.suspiciousPaths,
      specialEntries: this.specialEntries,
      duplicatePaths: [...this.duplicates],
      totalUnpackedBytes: this.totalUnpackedBytes,
      fileCount: this.fileCount,
      topFolders: [...this.tops],
      warnings: this.warnings,
    };
    const pkg = this.files.get('package.json');
    if (pkg) {
      const manifest = parseManifest(pkg);
      if ('manifest' in manifest) out.manifest = manifest.manifest;
      else out.manifestError = manifest.error;
    }
    return out;
  }

  private reject(raw: string, reason: SuspiciousPathReason, entryType: EntryKind, size: number, linkTarget?: string): void {
    this.suspiciousPaths.push({ path: recordable(raw), reason, entryType, size, ...(linkTarget !== undefined ? { linkTarget: recordable(linkTarget) } : {}) });
  }
}

function parseManifest(file: PackageFile): { manifest: Record<string, unknown> } | { error: string } {
  if (file.truncated) return { error: `package.json is too large to read (${file.size} bytes)` };
  if (file.text === undefined) return { error: 'package.json is not text' };
  let value: unknown;
  try {
    value = JSON.parse(file.text);
  } catch (error) {
    return { error: `package.json is not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { error: 'package.json is not a JSON object' };
  return { manifest: value as Record<string, unknown> };
}
