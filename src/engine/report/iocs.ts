// Indicators of compromise for a report: the hosts, addresses and URLs the package talks to, taken
// from the findings' indicators (and URLs quoted in threat evidence), validated and deduplicated.
// A public report must not accuse a private or documentation address, a reserved test domain, or a
// popular benign host the package merely mentions (the registry itself, GitHub).
import { BlockList, isIP } from 'node:net';
import type { Finding } from '../analysis/types';
import type { OsvIocs } from './types';

const MAX_IOCS_PER_KIND = 50;
const MAX_URL_LENGTH = 500;

const NON_PUBLIC = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12],
  ['192.0.0.0', 24], ['192.0.2.0', 24], ['192.88.99.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15],
  ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) NON_PUBLIC.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::', 128], ['::1', 128], ['64:ff9b::', 96], ['100::', 64], ['2001::', 23], ['2001:db8::', 32],
  ['3fff::', 20], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8],
] as const) NON_PUBLIC.addSubnet(net, prefix, 'ipv6');
// IPv4-mapped IPv6 (::ffff:a.b.c.d) is not added to the list: BlockList matches IPv4 addresses
// against mapped IPv6 rules, so such a rule would block every IPv4 address. publicIp refuses it.


/** Reserved for tests, documentation and local use (RFC 2606, 6761, 6762, 8375); never an IOC. */
const RESERVED_SUFFIXES = ['.invalid', '.test', '.example', '.localhost', '.local', '.internal', '.lan', '.home.arpa', '.arpa', '.corp', '.localdomain'];
const RESERVED_DOMAINS = new Set(['localhost', 'example.com', 'example.net', 'example.org', 'invalid', 'test', 'example']);

/** The registry and other hosts every package mentions: neither the domain nor URLs on it are IOCs. */
const BENIGN_HOSTS = ['npmjs.org', 'npmjs.com', 'yarnpkg.com', 'nodejs.org', 'w3.org', 'schema.org', 'json-schema.org', 'unpkg.com', 'jsdelivr.net'];
/**
 * Popular shared services: the domain alone accuses nobody (dropped), but a URL on it names the
 * attacker's own repository, paste, bucket or webhook and stays.
 */
const SHARED_HOSTS = [
  'github.com', 'githubusercontent.com', 'gitlab.com', 'bitbucket.org', 'pastebin.com', 'discord.com', 'discordapp.com',
  'telegram.org', 't.me', 'google.com', 'googleapis.com', 'dropbox.com', 'amazonaws.com', 'cloudfront.net', 'azurewebsites.net',
  'herokuapp.com', 'vercel.app', 'netlify.app', 'workers.dev', 'ngrok.io', 'ngrok-free.app', 'webhook.site', 'pipedream.net',
  'burpcollaborator.net', 'oastify.com', 'interact.sh', 'requestbin.net',
];

function underAny(host: string, suffixes: readonly string[]): boolean {
  return suffixes.some((s) => host === s || host.endsWith(`.${s}`));
}

/** A public unicast IPv4 or IPv6 address, canonical form; undefined for anything else. */
export function publicIp(value: string): string | undefined {
  const v = value.trim().replace(/^\[|\]$/g, '');
  const family = isIP(v);
  if (family === 0) return undefined;
  if (family === 6 && /^(?:0*:)*:?ffff:/i.test(v)) return undefined;
  if (NON_PUBLIC.check(v, family === 4 ? 'ipv4' : 'ipv6')) return undefined;
  return family === 6 ? v.toLowerCase() : v;
}

/** A syntactically valid public host name (not an IP, not reserved), lower-cased; undefined otherwise. */
export function reportableDomain(value: string): string | undefined {
  const host = value.trim().toLowerCase().replace(/\.$/, '');
  if (host.length > 253 || isIP(host) !== 0) return undefined;
  const labels = host.split('.');
  if (labels.length < 2) return undefined;
  if (!labels.every((l) => /^(?!-)[a-z0-9-]{1,63}(?<!-)$/.test(l) || /^xn--[a-z0-9-]{1,59}$/.test(l))) return undefined;
  if (!/^(?:[a-z]{2,63}|xn--[a-z0-9-]{1,59})$/.test(labels[labels.length - 1]!)) return undefined;
  if (RESERVED_DOMAINS.has(host) || RESERVED_SUFFIXES.some((s) => host.endsWith(s))) return undefined;
  if (labels.length >= 2 && RESERVED_DOMAINS.has(labels.slice(-2).join('.'))) return undefined;
  return host;
}

type HostKind = { kind: 'ip'; value: string } | { kind: 'domain'; value: string; shared: boolean; benign: boolean };

function classifyHost(raw: string): HostKind | undefined {
  const ip = publicIp(raw);
  if (ip) return { kind: 'ip', value: ip };
  if (isIP(raw.replace(/^\[|\]$/g, '')) !== 0) return undefined;
  const domain = reportableDomain(raw);
  if (!domain) return undefined;
  return { kind: 'domain', value: domain, shared: underAny(domain, SHARED_HOSTS), benign: underAny(domain, BENIGN_HOSTS) };
}

/** A URL worth reporting: http(s)/ws(s)/ftp, public host, not on a benign host; normalised. */
export function reportableUrl(value: string): string | undefined {
  const v = value.trim();
  if (v.length > MAX_URL_LENGTH || /[\s<>"'`\\]/.test(v)) return undefined;
  let url: URL;
  try {
    url = new URL(v);
  } catch {
    return undefined;
  }
  if (!['http:', 'https:', 'ws:', 'wss:', 'ftp:'].includes(url.protocol)) return undefined;
  const host = classifyHost(url.hostname);
  if (!host || (host.kind === 'domain' && host.benign)) return undefined;
  // A shared host's bare root names nobody.
  if (host.kind === 'domain' && host.shared && (url.pathname === '/' || url.pathname === '') && !url.search) return undefined;
  return url.href;
}

const URL_IN_TEXT = /\b(?:https?|wss?|ftp):\/\/[^\s"'`<>\\)\]}]+/gi;

/** Categories whose evidence names where data goes or where code comes from. */
const DESTINATION_CATEGORIES = new Set(['exfil', 'network', 'download-exec', 'reverse-shell', 'secrets', 'worm', 'env', 'os-info', 'wallet', 'persistence', 'delivery', 'install']);

/**
 * IOCs from findings: every `domain` / `ip` / `url` indicator, plus the hosts of those URLs and URLs
 * quoted in the excerpts of threat findings. Invalid, private, reserved and benign values are left out.
 */
export function extractIocs(findings: readonly Finding[]): OsvIocs {
  const domains = new Set<string>();
  const ips = new Set<string>();
  const urls = new Set<string>();
  const addHost = (raw: string) => {
    const host = classifyHost(raw);
    if (!host) return;
    if (host.kind === 'ip') ips.add(host.value);
    else if (!host.benign && !host.shared) domains.add(host.value);
  };
  const addUrl = (raw: string) => {
    const url = reportableUrl(raw.replace(/[.,;:]+$/, ''));
    if (!url) return;
    urls.add(url);
    addHost(new URL(url).hostname);
  };
  for (const f of findings) {
    for (const ind of f.indicators ?? []) {
      if (typeof ind.value !== 'string') continue;
      if (ind.type === 'url') addUrl(ind.value);
      else if (ind.type === 'ip' || ind.type === 'domain') addHost(ind.value);
    }
    if (f.kind === 'threat' && DESTINATION_CATEGORIES.has(f.category) && f.excerpt) {
      for (const m of f.excerpt.matchAll(URL_IN_TEXT)) addUrl(m[0]);
    }
  }
  const out: OsvIocs = {};
  const cap = (s: Set<string>) => [...s].sort().slice(0, MAX_IOCS_PER_KIND);
  if (domains.size) out.domains = cap(domains);
  if (ips.size) out.ips = cap(ips);
  if (urls.size) out.urls = cap(urls);
  return out;
}

/** Whether `value` is an IP address or a CIDR block (the repository's `iocs.ips`). */
export function isIpOrCidr(value: string): boolean {
  const [addr, prefix, ...rest] = value.split('/');
  if (rest.length || !addr) return false;
  const family = isIP(addr);
  if (family === 0) return false;
  if (prefix === undefined) return true;
  if (!/^\d{1,3}$/.test(prefix)) return false;
  return Number(prefix) <= (family === 4 ? 32 : 128);
}

/** `evil.com` -> `evil[.]com`, `https://x` -> `hxxps[://]x`: shown, never clickable. */
export function defang(value: string): string {
  return value
    .replace(/^(?:h|H)(?:tt|TT)(p|P)/, 'hxx$1')
    .replace(/:\/\//g, '[://]')
    .replace(/\./g, '[.]');
}
