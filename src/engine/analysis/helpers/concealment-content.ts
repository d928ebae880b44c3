import type { Indicator, Severity } from '../types';

/**
 * What a hidden string turns out to be once decoded: shared by the concealment rules, which
 * only escalate when the hidden text is something worth hiding (a host, a command, code that
 * starts processes, an executable), and stay quiet on fonts, images and wasm.
 */

/** Script-like files the text rules read: JavaScript/TypeScript (parsed or not), shell and batch scripts, manifests. */
const SCRIPTISH = /\.(?:[cm]?[jt]sx?|json|sh|bash|zsh|bat|cmd|ps1|psm1|py|gyp|gypi|vbs|html?)$/i;
const JS = /\.(?:[cm]?[jt]sx?)$/i;
const DECLARATION = /\.d\.[cm]?ts$/i;

export function isScriptish(path: string): boolean {
  return SCRIPTISH.test(path) && !DECLARATION.test(path);
}

export function isJavaScriptPath(path: string): boolean {
  return JS.test(path) && !DECLARATION.test(path);
}

export type ExecutableKind = 'ELF' | 'PE' | 'Mach-O';

/** Executable formats by their magic bytes. */
export function executableMagic(bytes: Uint8Array | undefined): ExecutableKind | undefined {
  if (!bytes || bytes.length < 4) return undefined;
  const [a, b, c, d] = [bytes[0]!, bytes[1]!, bytes[2]!, bytes[3]!];
  if (a === 0x7f && b === 0x45 && c === 0x4c && d === 0x46) return 'ELF';
  // MZ is two bytes only: require the PE header offset to be plausible when it is visible.
  if (a === 0x4d && b === 0x5a) {
    if (bytes.length >= 64) {
      const offset = bytes[60]! | (bytes[61]! << 8) | (bytes[62]! << 16) | (bytes[63]! << 24);
      if (offset <= 0 || offset > 0x10000) return undefined;
    }
    return 'PE';
  }
  const magic = ((a << 24) | (b << 16) | (c << 8) | d) >>> 0;
  if (magic === 0xfeedface || magic === 0xfeedfacf || magic === 0xcefaedfe || magic === 0xcffaedfe) return 'Mach-O';
  // 0xcafebabe is also a Java class file: a fat Mach-O has a small architecture count next.
  if (magic === 0xcafebabe && bytes.length >= 8) {
    const count = ((bytes[4]! << 24) | (bytes[5]! << 16) | (bytes[6]! << 8) | bytes[7]!) >>> 0;
    if (count > 0 && count < 20) return 'Mach-O';
  }
  return undefined;
}

/** Data formats that honest packages embed as base64: never a reason to report. */
export function isBenignMedia(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const head = Buffer.from(bytes.subarray(0, 12)).toString('latin1');
  return (
    head.startsWith('\0asm') || head.startsWith('\x89PNG') || head.startsWith('\xff\xd8\xff') || head.startsWith('GIF8') || head.startsWith('wOFF') ||
    head.startsWith('wOF2') || head.startsWith('OTTO') || head.startsWith('\0\x01\0\0') || head.startsWith('RIFF') || head.startsWith('<svg') ||
    head.startsWith('<?xml') || head.startsWith('%PDF') || head.startsWith('ID3') || head.startsWith('OggS') || head.startsWith('fLaC') || head.startsWith('\x1aE\xdf\xa3')
  );
}

/**
 * Code or commands that matter when they turn up inside a decoded or escaped string: the first
 * one found, as a short label for the message, or undefined.
 */
const DANGEROUS_CONTENT: [RegExp, string][] = [
  [/child_process/, 'child_process'],
  [/\b(?:execSync|spawnSync|execFileSync)\s*\(/, 'process execution'],
  [/\b(?:exec|spawn|execFile|fork)\s*\(\s*['"`]/, 'process execution'],
  [/\beval\s*\(/, 'eval'],
  [/\bnew\s+Function\s*\(|\bFunction\s*\(\s*['"`]/, 'new Function'],
  [/\brequire\s*\(\s*['"`](?:node:)?(?:https?|net|dns|tls|dgram|fs|os|vm)['"`]\s*\)/, 'require of a system module'],
  [/\bpowershell(?:\.exe)?\b|-EncodedCommand\b|\bInvoke-(?:Expression|WebRequest|RestMethod)\b|\bIEX\b/i, 'PowerShell'],
  [/\bcmd(?:\.exe)?\s+\/[ck]\b/i, 'cmd.exe'],
  [/\/bin\/(?:ba|z|da)?sh\b/, 'a Unix shell'],
  [/\b(?:curl|wget)\s+[^\n]{0,200}(?:https?:\/\/|\|\s*(?:ba)?sh)/, 'curl/wget download'],
  [/\bprocess\.env\b/, 'process.env'],
  [/\bdocument\.(?:write|createElement)\s*\(\s*['"`]?(?:<?script)/i, 'script injection'],
  [/\bXMLHttpRequest\b|\bfetch\s*\(\s*['"`]https?:/, 'a network request'],
  [/\b(?:https?|net)\.(?:request|get|connect|createConnection)\s*\(/, 'a network request'],
  [/\.ssh\/|\.npmrc\b|\.aws\/credentials|Local Storage\/leveldb/, 'a credential path'],
  [/\bos\.(?:hostname|userInfo|homedir|networkInterfaces)\s*\(/, 'host information'],
];

export function dangerousContent(text: string): string | undefined {
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const [pattern, label] of DANGEROUS_CONTENT) if (pattern.test(sample)) return label;
  return undefined;
}

const URL_PATTERN = /\b(?:https?|wss?|ftp):\/\/[^\s'"`<>()\\]{3,300}/gi;
const IPV4_PATTERN = /(?<![\d.])(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}(?![\d.])/g;
const HOST_ONLY = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+([a-z]{2,24})\.?(?::\d{1,5})?$/i;
/** Generic top-level domains seen in malware and in honest code; two-letter country codes are accepted too. */
const GENERIC_TLDS = new Set([
  'com', 'net', 'org', 'io', 'info', 'biz', 'xyz', 'top', 'site', 'online', 'app', 'dev', 'cloud', 'shop', 'tech', 'website', 'click', 'icu',
  'vip', 'pro', 'win', 'sbs', 'cfd', 'lol', 'live', 'pw', 'ws', 'me', 'co', 'cc', 'tv', 'su', 'onion', 'invalid', 'test', 'example', 'gov', 'edu',
  'mobi', 'asia', 'xin', 'buzz', 'monster', 'rest', 'bar', 'cyou', 'quest',
]);
/** Two-letter file extensions and names that would otherwise pass for country codes. */
const NOT_TLDS = new Set(['js', 'ts', 'md', 'py', 'rs', 'go', 'db', 'gz', 'so', 'cs', 'rb', 'pl', 'hs', 'el', 'ex', 'ml', 'fs', 'os', 'vm', 'id', 'ui', 'at', 'do', 'is', 'it', 'on', 'to', 'by', 'in', 'as', 'or', 'no', 'be', 'am', 'us', 'me', 'my']);

function isTld(label: string): boolean {
  const tld = label.toLowerCase();
  if (tld !== label) return false;
  if (GENERIC_TLDS.has(tld)) return true;
  return tld.length === 2 && !NOT_TLDS.has(tld);
}

/** A string that is itself a host name or IP (not a sentence that contains one). */
export function bareHost(text: string): string | undefined {
  const s = text.trim();
  if (s.length < 4 || s.length > 253) return undefined;
  if (/^(?:\d{1,3}\.){3}\d{1,3}(?::\d{1,5})?$/.test(s)) return s;
  const m = HOST_ONLY.exec(s);
  if (!m || !isTld(m[1]!)) return undefined;
  // `module.exports`, `console.log`: code, not hosts; real host names are lower case.
  if (s !== s.toLowerCase() || s.split('.').length < 2) return undefined;
  return s;
}

/** Hosts, IPs and URLs named in a decoded string, for the "Report to OSV" indicators. */
export function indicatorsIn(text: string, limit = 5): Indicator[] {
  const out: Indicator[] = [];
  const seen = new Set<string>();
  const add = (type: Indicator['type'], value: string) => {
    const key = `${type}:${value}`;
    if (seen.has(key) || out.length >= limit) return;
    seen.add(key);
    out.push({ type, value });
  };
  const sample = text.length > 200_000 ? text.slice(0, 200_000) : text;
  for (const m of sample.matchAll(URL_PATTERN)) {
    const url = m[0].replace(/[.,;:]+$/, '');
    add('url', url);
    try {
      const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
      if (host) add(/^[\d.]+$/.test(host) ? 'ip' : 'domain', host);
    } catch {
      /* not a URL after all */
    }
    if (out.length >= limit) return out;
  }
  for (const m of sample.matchAll(IPV4_PATTERN)) {
    const ip = m[0];
    if (ip.startsWith('0.') || ip.startsWith('127.') || ip === '255.255.255.255') continue;
    add('ip', ip);
  }
  const host = bareHost(sample);
  if (host) add(/^[\d.:]+$/.test(host) ? 'ip' : 'domain', host.replace(/:\d+$/, ''));
  return out;
}

/** Quote a decoded value for a message, never more than `max` characters of package text. */
export function quote(value: string, max = 80): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return JSON.stringify(flat.length > max ? `${flat.slice(0, max)}…` : flat);
}

/** Printable text, as opposed to binary data (more than 90% printable ASCII or common whitespace). */
export function isMostlyPrintable(text: string): boolean {
  if (!text.length) return false;
  const sample = text.length > 4096 ? text.slice(0, 4096) : text;
  let printable = 0;
  for (let i = 0; i < sample.length; i++) {
    const c = sample.charCodeAt(i);
    if ((c >= 0x20 && c < 0x7f) || c === 0x0a || c === 0x0d || c === 0x09) printable++;
  }
  return printable / sample.length > 0.9;
}

/** Names that are worth hiding: if a hidden string is one of these, the hiding is the point. */
const SENSITIVE_NAMES = new Set([
  'eval', 'Function', 'require', 'child_process', 'exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'fork', 'vm', 'runInThisContext',
  'runInNewContext', 'process', 'env', 'mainModule', 'binding', 'dlopen', 'constructor', 'http', 'https', 'net', 'dns', 'fs', 'os', 'hostname',
  'userInfo', 'homedir', 'networkInterfaces', 'writeFileSync', 'readFileSync', 'createWriteStream', 'request', 'XMLHttpRequest', 'fetch',
  'WebSocket', 'atob', 'btoa', 'fromCharCode', 'document', 'cookie', 'localStorage', 'createElement', 'appendChild', 'ethereum',
]);

/** A name worth hiding: eval, require, child_process, document, fetch, localStorage … */
export function isSensitiveName(value: string): boolean {
  return SENSITIVE_NAMES.has(value);
}

/** How bad a hidden (escaped, picked, encoded) string is: a host, code or a sensitive API name makes it `high`. */
export function judgeHidden(value: string): { severity: Severity; indicators: Indicator[]; why?: string } {
  const indicators = indicatorsIn(value);
  const danger = dangerousContent(value);
  if (danger) return { severity: 'high', indicators, why: `it contains ${danger}` };
  if (indicators.length) return { severity: 'high', indicators, why: `it names ${indicators[0]!.value.slice(0, 80)}` };
  if (SENSITIVE_NAMES.has(value.trim())) return { severity: 'high', indicators, why: `it is the API name ${value.trim()}` };
  return { severity: 'medium', indicators };
}

const NETWORK_USE = /\bfetch\s*\(|\bXMLHttpRequest\b|\bWebSocket\b|\bsendBeacon\b|\b(?:https?|http2|net|tls|dgram)\b[\w$.]*\.(?:request|get|connect|createConnection|Socket|send)\b|\bdns\b[\w$.]*\.(?:lookup|resolve\w*)\b|require\(\s*['"](?:node:)?(?:https?|net|dns|tls|dgram)['"]\s*\)|\b(?:axios|got|superagent|needle)\b|\bcreateElement\s*\(\s*['"](?:script|img|link|iframe)['"]|\.(?:src|href|action)\s*=/;

/** Whether a file's text makes requests in any common way (a cheap, file-level test). */
export function usesNetwork(text: string): boolean {
  return NETWORK_USE.test(text);
}
