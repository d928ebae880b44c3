// Every message from the host (and every state VS Code hands back) is checked here before the page
// touches it: a wrong type or a missing field drops the whole message. Enum fields must hold known
// values; text fields only need to be strings, because text is only ever shown as text.
import type { ExcerptView, HostMessage, InvestigateModel, PageState, PatchLine } from '../../editor/model/investigate/protocol';

type Check = (value: unknown) => boolean;

/** Must equal PROTOCOL_VERSION: the type checker fails here when the contract's version moves. */
export const PROTOCOL: Extract<HostMessage, { type: 'show' }>['protocol'] = 1;

// Beyond these, a message is refused rather than laid out (a runaway model would freeze the page).
const MAX_ITEMS = 20_000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str: Check = (v) => typeof v === 'string';
const num: Check = (v) => typeof v === 'number' && Number.isFinite(v);
const bool: Check = (v) => typeof v === 'boolean';
const opt = (check: Check): Check => (v) => v === undefined || check(v);
const arr = (check: Check): Check => (v) => Array.isArray(v) && v.length <= MAX_ITEMS && v.every(check);
const oneOf = (...values: string[]): Check => (v) => typeof v === 'string' && values.includes(v);
const obj = (shape: Record<string, Check>): Check => (v) => isRecord(v) && Object.keys(shape).every((key) => shape[key]!(Object.prototype.hasOwnProperty.call(v, key) ? v[key] : undefined));

const severity = oneOf('info', 'low', 'medium', 'high', 'critical');
const verdict = oneOf('malicious', 'suspicious', 'notable', 'clean', 'unknown');
const range = obj({ start: num, end: num });

const excerptLine = obj({ number: num, tokens: arr(obj({ text: str, kind: str })), hit: bool, mark: opt(range), cutBefore: bool, cutAfter: bool });
const excerpt = obj({ lines: arr(excerptLine), note: opt(str) });

const evidenceItem = obj({
  id: str,
  rule: str,
  ruleLink: opt(str),
  severity,
  category: str,
  message: str,
  file: opt(str),
  line: opt(num),
  column: opt(num),
  excerpt: opt(excerpt),
  canOpen: bool,
  indicators: arr(obj({ type: str, value: str })),
});

const files = obj({
  files: arr(obj({ path: str, size: num, flags: arr(str), findingCount: num })),
  total: num,
  totalSize: num,
  cut: opt(str),
  entryPoints: arr(obj({ kind: oneOf('lifecycle', 'binding.gyp', 'main', 'bin'), label: str, detail: str, installTime: bool })),
});

const diff = obj({
  from: str,
  to: str,
  basis: oneOf('baseline', 'semver-previous', 'explicit'),
  added: arr(obj({ path: str, size: num, newRules: arr(str) })),
  removed: arr(obj({ path: str, size: num })),
  changed: arr(obj({ path: str, sizeBefore: num, sizeAfter: num, newRules: arr(str), hasPatch: bool, patchSkipped: opt(str), mode: opt(str) })),
  unchangedCount: num,
  totals: obj({ added: num, removed: num, changed: num }),
  packageNewRules: arr(str),
  truncated: opt(str),
});

const registry = obj({
  publishedAt: opt(str),
  publisher: opt(str),
  maintainers: arr(str),
  previousVersion: opt(str),
  distTags: arr(obj({ tag: str, version: str })),
  versions: arr(obj({ version: str, publishedAt: opt(str), current: bool })),
  versionCount: num,
  repository: opt(obj({ text: str, link: opt(str) })),
  provenance: bool,
  deprecated: opt(str),
});

const banner = obj({
  verdict,
  score: opt(num),
  reason: str,
  records: arr(obj({ id: str, summary: str, link: opt(str), published: opt(str), withdrawn: opt(str) })),
  removedByNpm: opt(str),
  lookupUnavailable: opt(str),
  skipped: arr(str),
  error: opt(str),
  pending: bool,
  integrity: opt(str),
});

const model = obj({
  key: str,
  name: str,
  version: str,
  banner,
  evidence: arr(obj({ severity, items: arr(evidenceItem) })),
  files: opt(files),
  diff: opt(diff),
  registry: opt(registry),
  indicators: obj({ domains: arr(str), ips: arr(str), urls: arr(str), paths: arr(str), json: str }),
  links: arr(obj({ id: str, url: str })),
  npmLink: opt(str),
  actions: obj({ report: bool, allow: bool, openNpm: bool, rescan: bool, copyIndicators: bool }),
});

const patchLine = obj({ kind: oneOf('hunk', 'add', 'del', 'context', 'meta'), text: str });

const hostMessages: Record<string, Check> = {
  show: obj({ protocol: (v) => v === PROTOCOL, model }),
  empty: obj({ message: str }),
  excerpts: obj({ key: str, excerpts: arr(obj({ id: str, excerpt })) }),
  patch: obj({ key: str, path: str, lines: arr(patchLine), truncated: bool, note: opt(str) }),
};

export function parseHostMessage(data: unknown): HostMessage | undefined {
  if (!isRecord(data) || typeof data.type !== 'string') return undefined;
  const check = Object.prototype.hasOwnProperty.call(hostMessages, data.type) ? hostMessages[data.type] : undefined;
  return check?.(data) ? (data as unknown as HostMessage) : undefined;
}

export function isModel(value: unknown): value is InvestigateModel {
  return model(value);
}

export function isExcerpt(value: unknown): value is ExcerptView {
  return excerpt(value);
}

export function isPatchLines(value: unknown): value is PatchLine[] {
  return arr(patchLine)(value);
}

/** What `getState()` gave back, or a fresh state when it is missing or not ours. */
export function restoreState(value: unknown): PageState {
  const fresh: PageState = { collapsed: [], scrollY: 0 };
  if (!isRecord(value)) return fresh;
  return {
    model: isModel(value.model) ? value.model : undefined,
    collapsed: arr(str)(value.collapsed) ? (value.collapsed as string[]) : [],
    scrollY: num(value.scrollY) && (value.scrollY as number) >= 0 ? (value.scrollY as number) : 0,
  };
}
