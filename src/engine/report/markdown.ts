// Package text inside a report's Markdown must stay inert wherever the record is rendered
// (osv.dev, GitHub, scanners' UIs): no HTML, no emphasis or link syntax, no autolinks to hosts the
// package controls, no line breaks that could start a heading or list.
import { defang } from './iocs';

const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u2028-\u202e\u2066-\u2069\ufeff]+/g;

/** Control and bidi characters out, whitespace collapsed, cut to `max` characters. */
export function plain(text: string, max = 300): string {
  const t = String(text).replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  return t.length > max ? `${t.slice(0, max - 1)}…` : t;
}

/**
 * URLs, `www.` hosts, e-mail addresses and the given hosts made unclickable. Bare domains with a
 * country-code or common generic last label are defanged too (some renderers' linkifiers link bare
 * `evil.com`); file extensions are left alone so `setup.js` stays readable.
 */
export function defangText(text: string, hosts: readonly string[] = []): string {
  let out = text.replace(/\b[a-z][a-z0-9+.-]*:\/\/[^\s]*/gi, (m) => defang(m));
  for (const h of [...hosts].sort((a, b) => b.length - a.length)) {
    if (h.length >= 4) out = out.split(h).join(defang(h));
  }
  out = out.replace(/\bwww\./gi, (m) => `${m.slice(0, 3)}[.]`);
  out = out.replace(/([A-Za-z0-9._%+-])@([A-Za-z0-9-]+\.)/g, '$1[@]$2');
  out = out.replace(/\b((?:[a-z0-9-]+\.)+)([a-z]{2,24})\b(?!\])/gi, (m, _labels: string, tld: string) => (linkableTld(tld.toLowerCase()) ? defang(m) : m));
  return out;
}

/** Last labels a fuzzy linkifier turns into links (two-letter country codes and the common generic ones). */
const LINKABLE_TLDS = new Set(['com', 'net', 'org', 'info', 'biz', 'edu', 'gov', 'pro', 'web', 'xxx', 'aero', 'asia', 'coop', 'museum', 'name', 'shop', 'xyz', 'top', 'online', 'site', 'app', 'dev', 'live', 'click', 'link', 'club', 'store', 'tech', 'cloud', 'space', 'website', 'icu', 'buzz', 'fun', 'run', 'sbs', 'cfd']);

function linkableTld(tld: string): boolean {
  return !FILE_EXTENSIONS.has(tld) && (tld.length === 2 || LINKABLE_TLDS.has(tld));
}

const FILE_EXTENSIONS = new Set([
  'js', 'mjs', 'cjs', 'jsx', 'ts', 'mts', 'cts', 'tsx', 'json', 'md', 'txt', 'sh', 'bash', 'ps1', 'bat', 'cmd', 'py', 'rb', 'pl',
  'node', 'gyp', 'gypi', 'yml', 'yaml', 'lock', 'map', 'exe', 'dll', 'so', 'dylib', 'bin', 'wasm', 'html', 'htm', 'css', 'zip',
  'gz', 'tgz', 'tar', 'list', 'env', 'npmrc', 'log', 'key', 'pem', 'dat', 'db', 'sqlite', 'plist', 'desktop', 'service', 'vbs',
  'hta', 'jar', 'apk', 'ini', 'cfg', 'conf', 'toml', 'xml', 'csv', 'png', 'jpg', 'jpeg', 'gif', 'svg', 'ico', 'woff', 'ttf', 'c', 'h', 'cc', 'cpp', 'go', 'rs',
]);

/** Backslash-escape what CommonMark / GFM would read as markup or HTML; angle brackets and `&` included. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()<>#+!|~&$]/g, '\\$&');
}

/** Untrusted text as an inert Markdown phrase: cleaned, defanged, escaped. */
export function inertText(text: string, opts: { max?: number; hosts?: readonly string[] } = {}): string {
  // Escape first: the brackets defanging adds (`evil[.]com`) are not link syntax without a `(` or a
  // definition, and neither can come from package text once escaped.
  return defangText(escapeMarkdown(plain(text, opts.max)), opts.hosts);
}

/** Untrusted text as a code span (never a link, never HTML), fenced past any backticks it holds. */
export function inertCode(text: string, opts: { max?: number; hosts?: readonly string[] } = {}): string {
  const t = defangText(plain(text, opts.max ?? 160), opts.hosts);
  const longest = Math.max(0, ...[...t.matchAll(/`+/g)].map((m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = t.startsWith('`') || t.endsWith('`') || t === '' ? ' ' : '';
  return `${fence}${pad}${t}${pad}${fence}`;
}
