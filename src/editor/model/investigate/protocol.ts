/**
 * The contract between the extension host and the Investigate page (a webview). Everything here is
 * plain data: the host builds it from a scan result (all of it attacker-controlled text), the page
 * inserts every string with textContent and opens nothing itself. Links travel as ids into
 * `InvestigateModel.links`, which only the host fills, with https URLs it built.
 */
import type { VerdictName } from '../../../engine/analysis/score';
import type { Category, Severity } from '../../../engine/analysis/types';

export const PROTOCOL_VERSION = 1;

/** A link the host built (npm, OSV, GitHub, rule pages); the page asks the host to open it by id. */
export interface LinkView {
  id: string;
  /** Always https; the host checks again before opening. */
  url: string;
}

/** Syntax classes the page colours; anything else is shown as plain text. */
export type TokenKind = 'keyword' | 'string' | 'comment' | 'number' | 'function' | 'operator' | 'punctuation' | 'regex' | 'property' | 'boolean' | 'builtin' | 'plain';

export interface CodeToken {
  text: string;
  kind: TokenKind;
}

export interface ExcerptLine {
  /** 1-based line number in the file. */
  number: number;
  tokens: CodeToken[];
  /** The finding is on this line. */
  hit: boolean;
  /** Within `tokens`' concatenated text, the character range to mark (the hit), when known. */
  mark?: { start: number; end: number };
  /** The line was cut: text before / after what is shown was left out (long or minified lines). */
  cutBefore: boolean;
  cutAfter: boolean;
}

export interface ExcerptView {
  lines: ExcerptLine[];
  /** Why the excerpt is shorter than asked (file not readable, binary, line out of range). */
  note?: string;
}

export interface EvidenceItem {
  /** Stable within one model: `e0`, `e1` ... */
  id: string;
  rule: string;
  /** Link id of the rule's documentation page. */
  ruleLink?: string;
  severity: Severity;
  category: Category;
  message: string;
  file?: string;
  line?: number;
  column?: number;
  /** One line from the scan at first; replaced by a few lines of context when the host has read the file. */
  excerpt?: ExcerptView;
  /** The file can be opened read-only at this line (`openFile`). */
  canOpen: boolean;
  indicators: { type: string; value: string }[];
}

export interface EvidenceGroup {
  severity: Severity;
  items: EvidenceItem[];
}

export type FileFlag = 'binary' | 'minified' | 'unparsable' | 'truncated' | 'new' | 'changed' | 'findings' | 'install-time' | 'entry-point';

export interface FileView {
  path: string;
  size: number;
  flags: FileFlag[];
  /** How many findings point into this file. */
  findingCount: number;
}

/** What runs without the user calling anything: lifecycle scripts, binding.gyp, and what import loads. */
export interface EntryPointView {
  kind: 'lifecycle' | 'binding.gyp' | 'main' | 'bin';
  /** `postinstall`, `binding.gyp`, `main`, the bin name. */
  label: string;
  /** The script's command line, or the file it points to; untrusted text. */
  detail: string;
  /** Runs at install time (lifecycle scripts, binding.gyp). */
  installTime: boolean;
}

export interface FilesView {
  files: FileView[];
  /** Files in the package (may be more than `files` when cut). */
  total: number;
  totalSize: number;
  /** Set when `files` was cut to a maximum. */
  cut?: string;
  entryPoints: EntryPointView[];
}

export interface DiffFileView {
  path: string;
  size: number;
  newRules: string[];
}

export interface DiffChangedView {
  path: string;
  sizeBefore: number;
  sizeAfter: number;
  newRules: string[];
  /** The host holds a patch for it (`requestPatch`). */
  hasPatch: boolean;
  /** Why there is no patch (binary, minified, too large). */
  patchSkipped?: string;
  /** Permission change, e.g. `644 → 755`. */
  mode?: string;
}

export interface DiffView {
  from: string;
  to: string;
  basis: 'baseline' | 'semver-previous' | 'explicit';
  added: DiffFileView[];
  removed: { path: string; size: number }[];
  changed: DiffChangedView[];
  unchangedCount: number;
  totals: { added: number; removed: number; changed: number };
  packageNewRules: string[];
  truncated?: string;
}

export interface PatchLine {
  kind: 'hunk' | 'add' | 'del' | 'context' | 'meta';
  /** The line without its `+`, `-` or space sign (the kind says which); hunk and meta lines whole. */
  text: string;
}

export interface RegistryView {
  publishedAt?: string;
  publisher?: string;
  maintainers: string[];
  previousVersion?: string;
  distTags: { tag: string; version: string }[];
  /** Newest first; `current` marks the version under investigation. */
  versions: { version: string; publishedAt?: string; current: boolean }[];
  versionCount: number;
  repository?: { text: string; link?: string };
  provenance: boolean;
  deprecated?: string;
}

export interface IndicatorsView {
  domains: string[];
  ips: string[];
  urls: string[];
  paths: string[];
  /** What "Copy as JSON" puts on the clipboard (the host copies it; the page only asks). */
  json: string;
}

export interface KnownRecordView {
  id: string;
  summary: string;
  /** Link id of the record's osv.dev page. */
  link?: string;
  published?: string;
  withdrawn?: string;
}

export interface BannerView {
  verdict: VerdictName;
  score?: number;
  reason: string;
  records: KnownRecordView[];
  /** "probably removed by npm" and why. */
  removedByNpm?: string;
  /** The known-malware lookup could not answer. */
  lookupUnavailable?: string;
  /** Parts of the scan that did not run. */
  skipped: string[];
  /** The scan could not complete (the verdict is then unknown). */
  error?: string;
  /** A scan of this package is queued or running. */
  pending: boolean;
  /** Tarball SRI when known. */
  integrity?: string;
}

export type ActionName = 'report' | 'allow' | 'openNpm' | 'rescan' | 'copyIndicators';

export interface InvestigateModel {
  /** `name@version` (or `name@spec` when nothing resolved it). */
  key: string;
  name: string;
  version: string;
  banner: BannerView;
  evidence: EvidenceGroup[];
  files?: FilesView;
  diff?: DiffView;
  registry?: RegistryView;
  indicators: IndicatorsView;
  links: LinkView[];
  /** Link id of the package's npm page. */
  npmLink?: string;
  /** Which actions make sense for this package (e.g. no Report when nothing is malicious). */
  actions: Record<ActionName, boolean>;
}

/** Host → page. */
export type HostMessage =
  | { type: 'show'; protocol: typeof PROTOCOL_VERSION; model: InvestigateModel }
  | { type: 'empty'; message: string }
  | { type: 'excerpts'; key: string; excerpts: { id: string; excerpt: ExcerptView }[] }
  | { type: 'patch'; key: string; path: string; lines: PatchLine[]; truncated: boolean; note?: string };

/** Page → host. Every field is checked by `parsePageMessage` before the host acts on it. */
export type PageMessage =
  | { type: 'ready' }
  | { type: 'openLink'; key: string; id: string }
  | { type: 'openFile'; key: string; path: string; line?: number }
  | { type: 'requestPatch'; key: string; path: string }
  | { type: 'action'; key: string; action: ActionName };

/** What the page keeps with `setState`, so a hidden view comes back as it was. */
export interface PageState {
  model?: InvestigateModel;
  /** Sections the user collapsed, by section id. */
  collapsed: string[];
  scrollY: number;
}
