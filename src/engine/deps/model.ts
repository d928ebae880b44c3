/**
 * The dependency model: one shape for package.json and every lockfile format, so that diffing,
 * scanning and diagnostics never care which package manager wrote the file.
 *
 * Positions are zero-based line and column (UTF-16 code units), the same convention as VS Code,
 * so the editor side can turn a range into a `vscode.Range` without arithmetic.
 */

export type DependencyFileKind =
  | 'package-json'
  | 'npm-lock'
  | 'npm-shrinkwrap'
  | 'yarn-classic'
  | 'yarn-berry'
  | 'pnpm'
  | 'bun';

export interface SourcePosition {
  line: number;
  column: number;
}

export interface SourceRange {
  start: SourcePosition;
  end: SourcePosition;
}

/**
 * How a requested spec resolves, following npm-package-arg's types, plus the protocols npa does not
 * know (`workspace:`, `link:`, `portal:`, `patch:`). `invalid` keeps the raw spec for display.
 */
export type SpecKind =
  | 'version'
  | 'range'
  | 'tag'
  | 'alias'
  | 'git'
  | 'remote'
  | 'file'
  | 'directory'
  | 'link'
  | 'workspace'
  | 'patch'
  | 'invalid';

/** Where in a package.json an entry was declared. Lockfile entries carry no group. */
export type DependencyGroup =
  | 'dependencies'
  | 'devDependencies'
  | 'optionalDependencies'
  | 'peerDependencies'
  | 'bundleDependencies'
  | 'overrides'
  | 'resolutions';

export interface DependencyEntry {
  /** The registry package this entry fetches: for an alias (`foo: npm:bar@1`) this is `bar`. */
  name: string;
  /** The name it is installed under (the node_modules folder / the package.json key) when it differs from `name`. */
  alias?: string;
  /** The requested spec as written (package.json value, yarn descriptor range), when the file has one. */
  spec?: string;
  specKind: SpecKind;
  /** The exact version a lockfile resolved to. package.json entries have none. */
  version?: string;
  /** The tarball URL or other resolved location the lockfile recorded. */
  resolved?: string;
  /** Subresource-integrity string (`sha512-...`) or yarn berry checksum, as recorded. */
  integrity?: string;
  dev: boolean;
  optional: boolean;
  peer: boolean;
  /** True when a workspace package.json asks for it by name; false for transitive entries. */
  direct: boolean;
  /**
   * Workspace packages (paths relative to the lockfile or manifest folder, '' for the root) that
   * depend on this entry directly. Empty for a purely transitive entry.
   */
  workspaces: string[];
  group?: DependencyGroup;
  /** npm lockfiles only: the install path (`node_modules/a/node_modules/b`). */
  installPath?: string;
  /** The span of the entry's key in the file, where a diagnostic belongs. */
  range: SourceRange;
}

export type ProblemCode =
  | 'E_PARSE'
  | 'E_TOO_LARGE'
  | 'E_CONFLICT'
  | 'E_SCHEMA'
  | 'E_DUPLICATE_KEY'
  | 'E_UNSUPPORTED';

export interface ParseProblem {
  code: ProblemCode;
  message: string;
  /** `error`: the file or this entry could not be understood; `warning`: understood, but odd. */
  severity: 'error' | 'warning';
  range: SourceRange;
}

export interface WorkspaceInfo {
  /** Path relative to the file's folder, '' for the root package. */
  path: string;
  name?: string;
  version?: string;
}

export interface DependencyFile {
  kind: DependencyFileKind;
  /** Format version as the file states it (`lockfileVersion`, `__metadata.version`, ...). */
  formatVersion?: string;
  /** The root package's name and version, when the file says. */
  name?: string;
  version?: string;
  /** Workspace packages the file knows of (package.json `workspaces` globs are in `workspaceGlobs`). */
  workspaces: WorkspaceInfo[];
  workspaceGlobs?: string[];
  entries: DependencyEntry[];
  problems: ParseProblem[];
  /**
   * True when the file could not be read as a whole (syntax error, conflict markers, too large):
   * `entries` is then empty and a diff against it is meaningless.
   */
  fatal: boolean;
}

/** A root manifest's direct requests, for lockfile formats that do not record them (yarn classic, npm v1). */
export interface ManifestDeclarations {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

export interface ParseOptions {
  /** Refuse files larger than this many bytes (UTF-8) with E_TOO_LARGE. */
  maxBytes?: number;
  /** package.json contents per workspace path ('' = root), when the caller has them. */
  manifests?: Map<string, ManifestDeclarations>;
}

export const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;
