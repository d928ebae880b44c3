/**
 * Hosts and endpoints that malicious packages send data to, as data. Rules match them in
 * JavaScript strings (after the resolver has put split or encoded strings back together) and in
 * the raw text of scripts. Services are matched by their brand label whatever the top-level
 * domain, so `x.oastify.com` and a test replica's `x.oastify.invalid` both match.
 */

import type { Indicator } from '../types';

export type HostKind =
  /** Out-of-band interaction servers of security tools: any request is a callback to a tester. */
  | 'oob'
  /** Request-capture bins: a URL that records whatever is sent to it. */
  | 'request-capture'
  /** Tunnels that expose a laptop to the internet under a random name. */
  | 'tunnel'
  /** Paste and anonymous file-drop sites. */
  | 'paste'
  /** Upload endpoints of paste sites: data leaves through them. */
  | 'paste-upload';

export interface HostService {
  /** Regular-expression source for the host, anchored by the caller to a label boundary. */
  pattern: string;
  service: string;
  kind: HostKind;
}

/** Label boundary before a brand: start of string, `.`, `/`, `@`, a quote or space. */
const B = '(?:^|(?<=[./@\\s\'"`(=:]))';
/** Any top-level domain (real or reserved: `.com`, `.net`, `.invalid`, `.test`). */
const TLD = '\\.[a-z]{2,12}\\b';

export const HOST_SERVICES: readonly HostService[] = [
  // Out-of-band interaction (dependency-confusion callbacks, SSRF/RCE probes).
  { pattern: `${B}(?:[a-z0-9-]+\\.)*oastify${TLD}`, service: 'Burp Collaborator (oastify)', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*burpcollaborator${TLD}`, service: 'Burp Collaborator', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)+interact\\.sh\\b|(?<=:\\/\\/)interact\\.sh\\b`, service: 'Interactsh', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*interactsh${TLD}`, service: 'Interactsh', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)+oast\\.(?:fun|pro|live|site|online|me|invalid|test)\\b`, service: 'Interactsh (oast)', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*canarytokens${TLD}`, service: 'Canarytokens', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*dnslog(?:-[a-z0-9]+)?${TLD}`, service: 'DNSLog', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)+ceye\\.io\\b`, service: 'CEYE', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*pingb\\.in\\b`, service: 'pingb.in', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*requestrepo${TLD}`, service: 'requestrepo', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*xss\\.ht\\b`, service: 'XSS Hunter', kind: 'oob' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*bxss\\.me\\b`, service: 'bxss.me', kind: 'oob' },
  // Request bins.
  { pattern: `${B}(?:[a-z0-9-]+\\.)*webhook\\.site\\b`, service: 'webhook.site', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)+(?:m|x)\\.pipedream${TLD}`, service: 'Pipedream request bin', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*pipedream\\.net\\b`, service: 'Pipedream request bin', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*requestbin${TLD}`, service: 'RequestBin', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*beeceptor${TLD}`, service: 'Beeceptor', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*hookbin${TLD}`, service: 'Hookbin', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*requestcatcher${TLD}`, service: 'Request Catcher', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*postb\\.in\\b`, service: 'PostBin', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*ptsv[23]${TLD}`, service: 'PTSV', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*webhook\\.cool\\b`, service: 'webhook.cool', kind: 'request-capture' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*webhookinbox${TLD}`, service: 'WebhookInbox', kind: 'request-capture' },
  // Tunnels: a random sub-domain on a tunnel service is somebody's laptop.
  { pattern: `${B}[a-z0-9-]+\\.(?:[a-z0-9-]+\\.)?ngrok(?:-free)?\\.(?:io|app|dev|invalid|test)\\b`, service: 'ngrok tunnel', kind: 'tunnel' },
  { pattern: `${B}[a-z0-9-]+\\.serveo\\.net\\b`, service: 'Serveo tunnel', kind: 'tunnel' },
  { pattern: `${B}[a-z0-9-]+\\.loca\\.lt\\b`, service: 'localtunnel', kind: 'tunnel' },
  { pattern: `${B}[a-z0-9-]+\\.trycloudflare${TLD}`, service: 'Cloudflare quick tunnel', kind: 'tunnel' },
  { pattern: `${B}[a-z0-9-]+\\.lhr\\.life\\b`, service: 'localhost.run tunnel', kind: 'tunnel' },
  { pattern: `${B}[a-z0-9-]+\\.loclx\\.io\\b`, service: 'LocalXpose tunnel', kind: 'tunnel' },
  { pattern: `${B}bore\\.pub\\b`, service: 'bore tunnel', kind: 'tunnel' },
  // Paste and file-drop sites.
  { pattern: `\\/api\\/api_post\\.php\\b`, service: 'the Pastebin upload API', kind: 'paste-upload' },
  { pattern: `${B}pastebin${TLD}`, service: 'Pastebin', kind: 'paste' },
  { pattern: `${B}paste\\.ee\\b`, service: 'paste.ee', kind: 'paste' },
  { pattern: `${B}hastebin${TLD}`, service: 'Hastebin', kind: 'paste' },
  { pattern: `${B}ghostbin${TLD}`, service: 'Ghostbin', kind: 'paste' },
  { pattern: `${B}termbin\\.com\\b`, service: 'termbin', kind: 'paste' },
  { pattern: `${B}rentry\\.(?:co|org)\\b`, service: 'Rentry', kind: 'paste' },
  { pattern: `(?<=:\\/\\/)transfer\\.sh\\b`, service: 'transfer.sh', kind: 'paste' },
  { pattern: `(?<=:\\/\\/)file\\.io\\b`, service: 'file.io', kind: 'paste' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*anonfiles${TLD}`, service: 'AnonFiles', kind: 'paste' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*gofile\\.io/upload`, service: 'GoFile', kind: 'paste' },
  { pattern: `${B}(?:[a-z0-9-]+\\.)*catbox\\.moe\\b`, service: 'catbox.moe', kind: 'paste' },
  { pattern: `(?<=:\\/\\/)temp\\.sh\\b`, service: 'temp.sh', kind: 'paste' },
  { pattern: `${B}bashupload${TLD}`, service: 'bashupload', kind: 'paste' },
  { pattern: `(?<=:\\/\\/)0x0\\.st\\b`, service: '0x0.st', kind: 'paste' },
];

const COMBINED = new RegExp(HOST_SERVICES.map((s) => `(${s.pattern})`).join('|'), 'i');
const COMBINED_GLOBAL = new RegExp(COMBINED.source, 'gi');
/** Every brand label in one cheap pre-check. */
const HOST_QUICK = /oastify|burpcollab|interact|oast\.|canarytoken|dnslog|ceye|pingb|requestrepo|xss\.ht|bxss|webhook|pipedream|requestbin|beeceptor|hookbin|requestcatcher|postb\.in|ptsv|ngrok|serveo|loca\.lt|trycloudflare|lhr\.life|loclx|bore\.pub|paste|hastebin|ghostbin|termbin|rentry|transfer\.sh|file\.io|anonfiles|gofile|catbox|temp\.sh|bashupload|0x0\.st|api_post/i;

export interface HostMatch {
  host: string;
  service: string;
  kind: HostKind;
  index: number;
}

/** The first known out-of-band / capture / tunnel / paste host in a string. */
export function matchHostService(text: string): HostMatch | undefined {
  if (text.length < 6 || text.indexOf('.') < 0 || !HOST_QUICK.test(text)) return undefined;
  const m = COMBINED.exec(text);
  if (!m) return undefined;
  for (let i = 1; i < m.length; i++) {
    if (m[i] !== undefined) {
      const s = HOST_SERVICES[i - 1]!;
      return { host: m[i]!.replace(/\/.*$/, '').toLowerCase(), service: s.service, kind: s.kind, index: m.index };
    }
  }
  return undefined;
}

/** Every known host in a text (for text rules that scan a file once). */
export function* matchHostServices(text: string): Generator<HostMatch> {
  if (!HOST_QUICK.test(text)) return;
  COMBINED_GLOBAL.lastIndex = 0;
  for (let m = COMBINED_GLOBAL.exec(text); m; m = COMBINED_GLOBAL.exec(text)) {
    for (let i = 1; i < m.length; i++) {
      if (m[i] !== undefined) {
        const s = HOST_SERVICES[i - 1]!;
        yield { host: m[i]!.replace(/\/.*$/, '').toLowerCase(), service: s.service, kind: s.kind, index: m.index };
        break;
      }
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Chat webhooks and bot APIs with a credential in them: a drop box that only the author reads.

export interface ChatEndpoint {
  service: string;
  url: string;
  index: number;
}

const CHAT = [
  { re: /\bdiscord(?:app)?\.[a-z]{2,12}\/api\/(?:v\d+\/)?webhooks\/\d{6,}\/[\w-]{8,}/gi, service: 'a Discord webhook' },
  { re: /\bhooks\.slack\.[a-z]{2,12}\/services\/[A-Z0-9]{6,}\/[A-Z0-9]{6,}\/[\w]{8,}/gi, service: 'a Slack webhook' },
  { re: /\bapi\.telegram\.[a-z]{2,12}\/bot\d{6,}:[\w-]{10,}/gi, service: 'the Telegram bot API' },
  { re: /\bapi\.telegram\.[a-z]{2,12}\/bot[^\s'"`]*\/send(?:Message|Document|Photo)/gi, service: 'the Telegram bot API' },
  { re: /\b[a-z0-9-]+\.webhook\.office\.[a-z]{2,12}\/webhookb2\/[\w@-]{20,}/gi, service: 'a Microsoft Teams webhook' },
];
const CHAT_QUICK = /webhooks|hooks\.slack|api\.telegram|webhookb2/i;

export function* matchChatEndpoints(text: string): Generator<ChatEndpoint> {
  if (text.length < 20 || text.indexOf('/') < 0 || !CHAT_QUICK.test(text)) return;
  for (const { re, service } of CHAT) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m; m = re.exec(text)) yield { service, url: m[0], index: m.index };
  }
}

/** A bare Telegram bot token (`123456789:AA...`), for code that builds the URL from parts. */
export const TELEGRAM_TOKEN = /^\d{6,12}:[\w-]{20,}$/;

// ---------------------------------------------------------------------------------------------
// IP addresses.

const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

/** Well-known public resolvers and connectivity checks honest code pings. */
const WELL_KNOWN_IPS = new Set([
  '8.8.8.8', '8.8.4.4', '1.1.1.1', '1.0.0.1', '9.9.9.9', '149.112.112.112', '208.67.222.222', '208.67.220.220',
  '114.114.114.114', '223.5.5.5', '223.6.6.6', '180.76.76.76', '119.29.29.29', '4.2.2.2', '4.2.2.1', '94.140.14.14',
  '76.76.2.0', '185.228.168.9', '64.6.64.6',
]);

/**
 * A routable address that names one machine on the internet. TEST-NET ranges count as public on
 * purpose: inert test replicas use them where real malware has a real address.
 */
export function isPublicIPv4(ip: string): boolean {
  const m = IPV4.exec(ip);
  if (!m) return false;
  const o = m.slice(1).map(Number);
  if (o.some((x) => x > 255)) return false;
  const [a, b] = o as [number, number, number, number];
  if (a === 0 || a === 10 || a === 127 || a >= 224) return false;
  if (a === 169 && b === 254) return false;
  if (a === 172 && b >= 16 && b <= 31) return false;
  if (a === 192 && b === 168) return false;
  if (a === 100 && b >= 64 && b <= 127) return false;
  if (WELL_KNOWN_IPS.has(ip)) return false;
  return true;
}

/** `scheme://1.2.3.4[:port]` in a string, public addresses only. */
const IP_URL = /\b(?:https?|wss?|ftp|tcp|udp):\/\/(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})(?::(\d{1,5}))?/gi;

export function* matchIpUrls(text: string): Generator<{ ip: string; url: string; index: number }> {
  if (!text.includes('://')) return;
  IP_URL.lastIndex = 0;
  for (let m = IP_URL.exec(text); m; m = IP_URL.exec(text)) {
    if (isPublicIPv4(m[1]!)) yield { ip: m[1]!, url: m[0], index: m.index };
  }
}

// ---------------------------------------------------------------------------------------------
// Geolocation lookups (protestware decides whom to hit by the victim's country).

export const GEO_HOSTS = /\b(?:api\.)?ipgeolocation\.io\b|\bip-api\.com\b|\bipapi\.co\b|\bipinfo\.io\b|\bfreegeoip\.[a-z]+\b|\bgeolocation-db\.com\b|\bipwho\.is\b|\bipgeolocationapi\b|\bextreme-ip-lookup\.com\b|\bipdata\.co\b|\bipstack\.com\b/i;

// ---------------------------------------------------------------------------------------------

/** The host part of a URL-ish string, or the string itself when it looks like a host name. */
export function hostOf(value: string): string | undefined {
  const m = /^(?:[a-z][a-z0-9+.-]*:)?\/\/(?:[^@/\s]*@)?([^/:?#\s]+)/i.exec(value.trim());
  if (m) return m[1]!.toLowerCase();
  if (/^[a-z0-9-]+(?:\.[a-z0-9-]+)+$/i.test(value.trim())) return value.trim().toLowerCase();
  return undefined;
}

/** IOC indicators for a string that names a URL, host or IP. */
export function indicatorsFor(value: string): Indicator[] {
  const out: Indicator[] = [];
  const v = value.trim().slice(0, 300);
  const host = hostOf(v);
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v)) out.push({ type: 'url', value: v.replace(/\u0000/g, '*') });
  if (host) {
    if (IPV4.test(host)) out.push({ type: 'ip', value: host });
    else if (!host.includes('\u0000')) out.push({ type: 'domain', value: host });
  }
  return out;
}

/** Cut package text to a short, printable quote for a message. */
export function quote(value: string, max = 80): string {
  const clean = value.replace(/\u0000/g, '…').replace(/[\u0001-\u001f\u007f]/g, ' ');
  return JSON.stringify(clean.length > max ? `${clean.slice(0, max)}…` : clean);
}

/** Package text cut to `max` characters for a message, without quotes (names, paths, API names). */
export function clip(value: string, max = 60): string {
  const clean = value.replace(/\u0000/g, '…').replace(/[\u0000-\u001f\u007f]/g, ' ');
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
