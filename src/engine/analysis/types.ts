import type { Node } from '@babel/types';

/**
 * The detection model, after eslint (one module per rule, `meta` + `create(context)` returning
 * visitors) and GuardDog (rules say whether they find a capability or a threat; scoring pairs them).
 */

export type Severity = 'info' | 'low' | 'medium' | 'high' | 'critical';

/**
 * - capability: what code can do (network, exec, file access, env read). Rarely evidence alone.
 * - threat: what looks malicious (exfiltration host, secret path, obfuscation, persistence).
 * - metadata: registry facts (typosquat, cool-down, manifest confusion).
 * - intel: known-malware records (OSV MAL-).
 */
export type RuleKind = 'capability' | 'threat' | 'metadata' | 'intel';

/**
 * What a finding is about, used by scoring to pair capabilities with threats in the same file.
 * Keep the list short: a category exists only when scoring treats it differently.
 */
export type Category =
  | 'install' // runs at install time (lifecycle script, binding.gyp command expansion)
  | 'network' // makes requests, opens sockets, DNS lookups
  | 'exec' // starts processes
  | 'fs-read'
  | 'fs-write'
  | 'env' // reads environment variables / process.env wholesale
  | 'os-info' // hostname, username, home dir, network interfaces
  | 'decode' // base64 / hex / char-code decoding
  | 'dynamic-code' // eval, new Function, vm
  | 'exfil' // hard-coded out-of-band host, webhook, raw IP endpoint
  | 'secrets' // credential files, wallets, browser stores, tokens
  | 'download-exec' // fetch then execute
  | 'persistence'
  | 'obfuscation'
  | 'hidden-code'
  | 'wallet'
  | 'reverse-shell'
  | 'worm'
  | 'destructive'
  | 'anti-analysis'
  | 'binary'
  | 'delivery' // remote dependency, phantom dependency, bin shadowing
  | 'package' // facts about the package as a whole (too large, unparsable files)
  | 'metadata'
  | 'impersonation'; // typosquat, dependency confusion, starjacking: borrowed trust, a lure for install-time code

export interface Indicator {
  type: 'domain' | 'ip' | 'url' | 'path' | 'email';
  value: string;
}

export interface Finding {
  rule: string;
  kind: RuleKind;
  category: Category;
  severity: Severity;
  message: string;
  /** Package-relative path (POSIX), absent for package-wide findings. */
  file?: string;
  /** 1-based line and column, as editors and SARIF show them. */
  line?: number;
  column?: number;
  /** The source line around the hit, cut to a readable length; always plain text. */
  excerpt?: string;
  indicators?: Indicator[];
}

export interface RuleMeta {
  id: string;
  kind: RuleKind;
  category: Category;
  severity: Severity;
  description: string;
  /** How unlikely a false positive is; scoring trusts `high` findings more. */
  specificity: 'low' | 'medium' | 'high';
  /** Files the rule skips: type declarations, tests, minified bundles (see FileTraits). */
  skip?: Partial<Record<keyof FileTraits, boolean>>;
  /** At most this many findings per file (the first ones are kept). Default 3. */
  maxPerFile?: number;
  /**
   * JS rules: text one of which every value the rule can fire on contains (case-insensitive
   * regex, no `g`/`y`). A file whose text matches neither this nor the assembly signals of
   * `precheck.ts` (concatenation, escapes, decoders) is not given to the rule at all. Leave it
   * out when the rule can fire on syntax, file names or the manifest alone.
   */
  needs?: RegExp;
}

export interface FileTraits {
  /** `.d.ts`, `.d.mts`, `.d.cts` */
  typeDeclaration: boolean;
  /** Under test/, tests/, __tests__/, spec/, or named *.test.* / *.spec.* */
  test: boolean;
  /** Long lines and little whitespace: a minified or bundled build. */
  minified: boolean;
  /** Under dist/, build/, bundle/ or named *.min.js / *.bundle.js */
  built: boolean;
  /** Reached from package.json main / exports / bin / browser (runs on import or call). */
  entryPoint: boolean;
}

export interface PackageFile {
  path: string;
  size: number;
  text?: string;
  head: Uint8Array;
  binary: boolean;
  truncated: boolean;
}

export interface PackageInput {
  name: string;
  version: string;
  /** package.json from the tarball (untrusted, any shape). */
  manifest: Record<string, unknown>;
  files: PackageFile[];
  /** What reading the archive itself revealed, for the archive rules. Absent for in-memory tests. */
  archive?: ArchiveFacts;
  /** What the registry says about this version and its history, for the metadata rules. Absent for local scans. */
  registry?: RegistryInput;
}

/** A version as the registry lists it: manifest, publisher and provenance (all untrusted, validated). */
export interface RegistryVersionFacts {
  version: string;
  /** The registry's manifest for this version (packument `versions[v]`), any shape. */
  manifest: Record<string, unknown>;
  publishedAt?: string;
  publisher?: string;
  maintainers: string[];
  /** `dist.attestations` present: published with provenance. */
  provenance: boolean;
}

/** Names the typosquat rule protects, and names that are established in their own right. */
export interface PopularPackages {
  names: readonly string[];
  /** Widely used names that sit one edit from a popular one (never flagged). */
  established?: readonly string[];
}

export interface RegistryInput {
  current: RegistryVersionFacts;
  /** The version before this one in semver order among published versions. */
  previous?: RegistryVersionFacts;
  /** Versions before this one in semver order (releases only, unless this is a prerelease), newest first (capped), with publisher and provenance. */
  earlier: { version: string; provenance: boolean; publishedAt?: string; publisher?: string }[];
  /** Publish time of every version (capped), oldest first. */
  publishTimes: { version: string; publishedAt: string }[];
  /** Repository URL the registry lists for this version, when it is a string or `{url}`. */
  repository?: string;
  /** The package's scope is mapped to its own registry in the npm configuration (so it never resolves publicly). */
  scopeRegistry?: boolean;
  settings: MetadataSettings;
}

export interface MetadataSettings {
  /** Scopes (`@acme`) the user's packages live in: a public package there is dependency confusion. */
  privateScopes: readonly string[];
  /** Glob patterns (minimatch) of internal package names, e.g. `acme-*`. */
  internalNamePatterns: readonly string[];
  /** Versions younger than this are reported. */
  coolDownHours: number;
  /** ISO time the scan considers "now" (injectable for tests). */
  now: string;
  popular: PopularPackages;
}

export interface ArchiveFacts {
  /** Caps that stopped reading: the package was analysed only as far as they allowed. */
  capsHit: { limit: string; max: number; detail: string; count: number }[];
  /** Entries whose path was rejected (traversal, absolute, NUL ...): never written anywhere. */
  suspiciousPaths: { path: string; reason: string; entryType: string; linkTarget?: string }[];
  /** Links, devices, FIFOs: recorded, never followed. */
  specialEntries: { path: string; type: string; linkTarget?: string }[];
  /** The lockfile's integrity did not match what the registry served. */
  integrityMismatch?: { expected: string; actual: string };
  /** package.json present but unusable. */
  manifestError?: string;
}

export interface ReportDescriptor {
  message: string;
  /** Where: a node, or an explicit 0-based offset into the file text. */
  node?: Node;
  offset?: number;
  /** Override the rule's severity for this hit (e.g. a stronger variant). */
  severity?: Severity;
  indicators?: Indicator[];
}

/** A constant value the resolver could compute from source, or undefined when it could not. */
export type StaticValue = string | number | boolean | null | undefined;

export interface JsRuleContext {
  readonly file: PackageFile;
  readonly traits: FileTraits;
  readonly pkg: PackageInput;
  readonly text: string;
  report(descriptor: ReportDescriptor): void;
  /**
   * The constant value of an expression when it can be computed cheaply: literals, template
   * literals, `+` concatenation, identifiers bound once to such values, `Buffer.from(x,
   * 'base64'|'hex').toString()`, `atob(x)`, `String.fromCharCode(...)`, `[...].join(sep)`,
   * `s.split('').reverse().join('')`.
   */
  evaluate(node: Node): StaticValue;
  /**
   * The canonical dotted name of what an expression refers to, seeing through require/import
   * aliases, computed members with constant keys, and global objects:
   * `cp.exec` with `const cp = require('node:child_process')` -> `child_process.exec`;
   * `global['ev' + 'al']` -> `eval`; `require('os').hostname` -> `os.hostname`;
   * `process['env']` -> `process.env`. Undefined when it cannot be named.
   */
  nameOf(node: Node): string | undefined;
  /** nameOf(call.callee), seeing through `.call`/`.apply`/`.bind` and `(0, fn)(...)`. */
  calleeName(node: Node): string | undefined;
  /** Ancestors of the node being visited, nearest last. */
  ancestors(): readonly Node[];
  /**
   * The initialiser of `const|let|var name = init` when the file has declared `name` exactly once
   * so far (in source order, up to the node being visited); one table per file, kept by the analyser.
   */
  initOf(name: string): Node | undefined;
}

export type Visitor = (node: Node) => void;
export type Visitors = Partial<Record<Node['type'], Visitor>>;

/** A rule over JavaScript/TypeScript source: one Babel parse per file, all rules in one traversal. */
export interface JsRule {
  meta: RuleMeta;
  create(context: JsRuleContext): Visitors;
}

export interface TextRuleContext {
  readonly file: PackageFile;
  readonly traits: FileTraits;
  readonly pkg: PackageInput;
  readonly text: string;
  /** Whether this text file is JavaScript that parsed (text rules still run when it did not). */
  readonly parsed: boolean;
  report(descriptor: Omit<ReportDescriptor, 'node'>): void;
}

/** A rule over a file's raw text: any text file (shell scripts, binding.gyp, unparsable JS ...). */
export interface TextRule {
  meta: RuleMeta;
  /** Which files the rule reads; default every text file. */
  appliesTo?(file: PackageFile, traits: FileTraits): boolean;
  check(context: TextRuleContext): void;
}

export interface PackageRuleContext {
  readonly pkg: PackageInput;
  report(descriptor: { message: string; file?: string; line?: number; column?: number; excerpt?: string; severity?: Severity; indicators?: Indicator[] }): void;
}

/** A rule over the package as a whole: package.json fields, file list, binaries by magic bytes. */
export interface PackageRule {
  meta: RuleMeta;
  check(context: PackageRuleContext): void;
}

export type Rule = ({ type: 'js' } & JsRule) | ({ type: 'text' } & TextRule) | ({ type: 'package' } & PackageRule);
