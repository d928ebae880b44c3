/**
 * What the engine knows about the files of one package, read from an untrusted tarball (or an
 * unpacked folder) without extracting anything to disk. Everything here is untrusted text.
 */

export interface TarballLimits {
  /** Compressed tarball size in bytes; only the first this-many bytes are read. */
  maxCompressedBytes: number;
  /** Bytes of the decompressed tar stream (headers and padding included) read before stopping. */
  maxUnpackedBytes: number;
  /** File entries (regular files, links, devices, rejected paths) read before stopping. */
  maxFiles: number;
  /** Files up to this size are read whole (as text when they look like text); bigger ones are truncated. */
  maxFileBytes: number;
  /** Path segments below the package folder; deeper entries are skipped. */
  maxPathDepth: number;
  /**
   * Decompressed bytes per compressed byte consumed so far; reading stops (a gzip bomb) once the
   * stream exceeds this ratio and more than {@link RATIO_CHECK_AFTER_BYTES} have been decompressed.
   */
  maxCompressionRatio: number;
}

export const DEFAULT_TARBALL_LIMITS: Readonly<TarballLimits> = Object.freeze({
  maxCompressedBytes: 50 * 1024 * 1024,
  maxUnpackedBytes: 200 * 1024 * 1024,
  maxFiles: 20_000,
  maxFileBytes: 10 * 1024 * 1024,
  maxPathDepth: 32,
  maxCompressionRatio: 100,
});

/** The compression-ratio cap only applies once this much has been decompressed (small tarballs of padding compress very well). */
export const RATIO_CHECK_AFTER_BYTES = 16 * 1024 * 1024;
/** Bytes kept of a file bigger than `maxFileBytes` (for magic-number checks). */
export const TRUNCATED_PREFIX_BYTES = 64 * 1024;
/** Bytes kept in {@link PackageFile.head}. */
export const HEAD_BYTES = 64;

export type TarballLimitName = keyof TarballLimits;

/** A cap that was reached: the package is "too large to analyse fully", a finding in itself. */
export interface CapHit {
  code: 'E_TOO_LARGE';
  limit: TarballLimitName;
  /** The limit's value. */
  max: number;
  /** What hit it first (untrusted text: may contain a package path). */
  detail: string;
  /** How many times this cap was hit (per-file caps are recorded once, counted here). */
  count: number;
}

export type SuspiciousPathReason =
  | 'absolute' // `/etc/x`, `C:\x`, `\\server\x`
  | 'parent-segment' // a `..` segment anywhere
  | 'backslash-traversal' // `..\` or `\..` (a traversal on Windows)
  | 'nul-byte'
  | 'control-character' // C0/C1 controls, DEL
  | 'too-long' // more than 4096 characters (recorded cut to 1024)
  | 'outside-package-folder' // a file at the top level, not under `package/` (npm drops it)
  | 'empty';

/** An entry whose path was rejected: its content is not read and its path never touches the file system. */
export interface SuspiciousPath {
  /** The raw path from the archive, as text. */
  path: string;
  reason: SuspiciousPathReason;
  entryType: EntryKind;
  size: number;
  linkTarget?: string;
}

export type EntryKind = 'file' | 'directory' | 'symlink' | 'hardlink' | 'character-device' | 'block-device' | 'fifo' | 'socket' | 'unsupported';

/** A link, device, FIFO or unsupported entry: recorded, never followed, never created. */
export interface SpecialEntry {
  /** Normalised path (package folder stripped). */
  path: string;
  type: Exclude<EntryKind, 'file' | 'directory'>;
  /** For links: the target, as text (may point anywhere, e.g. `/etc/passwd`). */
  linkTarget?: string;
  /** For `unsupported`: the tar type name or flag. */
  rawType?: string;
}

export interface PackageFile {
  /** Normalised, `/`-separated, relative to the package root (the `package/` folder stripped). */
  path: string;
  /** Declared size in bytes (the whole file, even when truncated). */
  size: number;
  /** Permission bits (`mode & 0o7777`). */
  mode: number;
  /** The whole content decoded as UTF-8, when the file looks like text and was not truncated. */
  text?: string;
  /** The first 64 bytes (magic numbers). */
  head: Uint8Array;
  /** NUL in the first 8 KB or not (even loosely) valid UTF-8. Unknown for truncated files: judged on the prefix. */
  binary: boolean;
  /** Bigger than `maxFileBytes`, or cut off by another cap / a damaged archive: `text` is absent. */
  truncated: boolean;
  /** For truncated files: the first 64 KB (or less, if less was read). */
  prefix?: Uint8Array;
  /** Hex SHA-256 of the whole content, when every byte was read (kept or not); absent when a cap or damage cut it. */
  sha256?: string;
}

export interface TarballContents {
  /** Readable files in archive order; for duplicate paths, the last entry (as extraction would leave it). */
  files: PackageFile[];
  /** `package.json` at the package root, when present and a valid JSON object. */
  manifest?: Record<string, unknown>;
  /** Why `package.json` is present but unusable (invalid JSON, not an object, truncated, binary). */
  manifestError?: string;
  capsHit: CapHit[];
  suspiciousPaths: SuspiciousPath[];
  specialEntries: SpecialEntry[];
  /** Normalised paths that occurred more than once (each listed once). */
  duplicatePaths: string[];
  /** Bytes of file content read (sum over file entries; what passed through the reader). */
  totalUnpackedBytes: number;
  /** File entries seen (regular files, special entries and rejected paths; directories not counted). */
  fileCount: number;
  /** The distinct first path segments (normally just `package`). */
  topFolders: string[];
  /** Archive damage and oddities (checksum failures, truncated input, unknown format): bounded list. */
  warnings: string[];
}
