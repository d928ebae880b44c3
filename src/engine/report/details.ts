// The `details` Markdown of a report, written from the scan's evidence for a human reviewer: a few
// sentences (what the package does, how it is triggered, what it takes or runs, where data goes),
// then the evidence as `file:line` items. Everything that came from the package is inert text
// (markdown.ts); rule ids, scores and other scanner vocabulary never appear; local paths, user
// names and tokens are scrubbed as a last line of defence.
import type { Category, Finding, Severity } from '../analysis/types';
import { redact } from '../registry/redact';
import type { ScanResult } from '../scan/result';
import { defang } from './iocs';
import { inertCode, inertText } from './markdown';
import type { OsvIocs } from './types';

const MAX_EVIDENCE = 12;

/** What each kind of evidence means, in the order a reader wants it: what is taken, then sent, then run. */
const ACTIONS: [Category, string][] = [
  ['worm', 'uses the victim\u2019s npm credentials to publish infected versions of other packages'],
  ['secrets', 'collects secrets (tokens, keys, credential files)'],
  ['wallet', 'targets cryptocurrency wallets'],
  ['env', 'reads all environment variables (where tokens and keys often live)'],
  ['os-info', 'collects information about the machine (host name, user name, network details)'],
  ['exfil', 'sends what it collects to a hard-coded remote host'],
  ['reverse-shell', 'opens a reverse shell that gives a remote operator control of the machine'],
  ['download-exec', 'downloads and runs a second-stage payload'],
  ['persistence', 'installs itself to run again later (startup entries, shell profiles or scheduled tasks)'],
  ['destructive', 'deletes or overwrites files'],
  ['exec', 'runs shell commands'],
  ['dynamic-code', 'runs code that it decodes or builds at run time'],
  ['obfuscation', 'hides what it does behind obfuscated or encoded code'],
  ['hidden-code', 'hides code where a reviewer would not look'],
  ['decode', 'decodes hidden data'],
  ['anti-analysis', 'checks whether it is being analysed before acting'],
  ['binary', 'ships an executable binary'],
  ['delivery', 'pulls code from outside the npm registry'],
];

/** Supporting capabilities that say what is sent, worth naming only next to a threat. */
const SUPPORTING: ReadonlySet<Category> = new Set(['env', 'os-info', 'exec']);

const SEVERITY_ORDER: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3, info: 4 };

export interface DetailsInput {
  name: string;
  /** The versions the record names, or `all` for the introduced-0 range. */
  versions: string[] | 'all';
  /** Scans of those versions; evidence comes from the most damning one. */
  scans: readonly ScanResult[];
  iocs: OsvIocs;
  /** Strings that must never appear (local paths, user name, tokens): replaced wherever they occur. */
  privateStrings?: readonly string[];
}

/** Findings that carry the case: threats, plus strong or supporting capabilities and the trigger. */
export function evidenceFindings(findings: readonly Finding[]): Finding[] {
  const hasThreat = findings.some((f) => f.kind === 'threat' || f.kind === 'intel');
  return findings.filter((f) => f.kind === 'threat' || f.kind === 'intel' || f.severity === 'high' || f.severity === 'critical' || (hasThreat && (SUPPORTING.has(f.category) || isTrigger(f))));
}

function isTrigger(f: Finding): boolean {
  return f.category === 'install' && (f.rule === 'install-script' || f.rule === 'gyp-command' || f.rule === 'entry-point-side-effect' || f.rule === 'bin-shadowing-trigger');
}

/** The scan the record's evidence comes from: highest score, then most threat findings. */
export function primaryScan(scans: readonly ScanResult[]): ScanResult | undefined {
  return [...scans].sort((a, b) => b.score - a.score || threats(b) - threats(a))[0];
}

function threats(s: ScanResult): number {
  return s.findings.filter((f) => f.kind === 'threat').length;
}

export function versionsPhrase(versions: string[] | 'all'): string {
  if (versions === 'all') return 'all versions';
  const clean = versions.map((v) => inertText(v, { max: 60 }));
  if (clean.length === 1) return `version ${clean[0]}`;
  if (clean.length <= 6) return `versions ${clean.slice(0, -1).join(', ')} and ${clean[clean.length - 1]}`;
  return `${clean.length} versions (${clean.slice(0, 3).join(', ')} \u2026 ${clean[clean.length - 1]})`;
}

function actionsSentence(findings: readonly Finding[]): string {
  const categories = new Set(evidenceFindings(findings).map((f) => f.category));
  const phrases = ACTIONS.filter(([c]) => categories.has(c)).map(([, p]) => p).slice(0, 4);
  if (phrases.length === 0) return 'contains code that behaves maliciously (see the evidence below)';
  if (phrases.length === 1) return `contains code that ${phrases[0]}`;
  return `contains code that ${phrases.slice(0, -1).join(', ')} and ${phrases[phrases.length - 1]}`;
}

function triggerSentence(findings: readonly Finding[]): string {
  const install = findings.find((f) => f.category === 'install' && (f.rule === 'install-script' || f.rule === 'gyp-command'));
  if (install) {
    const hook = /\b(preinstall|install|postinstall|prepare|preprepare|postprepare)\b/.exec(install.message)?.[1];
    if (install.rule === 'gyp-command') return 'It runs automatically when the package is installed, through a command in its binding.gyp that the native build expands.';
    return `It runs automatically when the package is installed${hook ? ` (its \`${hook}\` script)` : ''}, before any of its code is imported.`;
  }
  const onLoad = findings.find((f) => f.rule === 'entry-point-side-effect');
  if (onLoad) return `It runs as soon as the package is loaded with \`require\` or \`import\`${onLoad.file ? ` (top-level code in ${inertCode(onLoad.file, { max: 120 })})` : ''}.`;
  const bin = findings.find((f) => f.rule === 'bin-shadowing-trigger' || f.rule === 'bin-shadowing');
  if (bin) return 'It runs when a command the package installs is invoked, shadowing a common command name.';
  return 'It runs when the package\u2019s code is called.';
}

function destinationSentence(iocs: OsvIocs, findings: readonly Finding[]): string | undefined {
  const hosts = [...(iocs.domains ?? []), ...(iocs.ips ?? [])];
  const urls = iocs.urls ?? [];
  const categories = new Set(evidenceFindings(findings).map((f) => f.category));
  const sends = categories.has('exfil') || categories.has('secrets') || categories.has('env') || categories.has('worm') || categories.has('wallet');
  if (hosts.length === 0 && urls.length === 0) {
    return sends ? 'The destination could not be read statically from the code; see the evidence below.' : undefined;
  }
  const named = (urls.length ? urls : hosts).slice(0, 4).map((v) => inertCode(defang(v), { max: 200 }));
  const more = (urls.length || hosts.length) > 4 ? ' and others listed below' : '';
  const verb = sends ? 'Data is sent to' : categories.has('download-exec') ? 'The payload comes from' : 'It contacts';
  return `${verb} ${named.join(', ')}${more}.`;
}

function evidenceLine(f: Finding, hosts: readonly string[], privateStrings: readonly string[]): string {
  // Scrubbed before escaping: escaping would hide a token's shape from the redaction patterns.
  const clean = (text: string) => scrubPrivate(text, privateStrings);
  const where = f.file ? `${inertCode(clean(f.file), { max: 160 })}${f.line ? `, line ${f.line}` : ''}` : 'package';
  const what = inertText(clean(f.message), { max: 300, hosts });
  const code = f.excerpt ? inertCode(clean(f.excerpt), { max: 160, hosts }) : '';
  const excerpt = !code ? '' : f.file !== 'package.json' ? ` Code: ${code}` : ` (${code})`;
  return `- ${where}: ${what}${excerpt}`;
}

/** Findings for the list: strongest first, one per file:line:message, capped. */
export function evidenceList(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const out: Finding[] = [];
  const sorted = [...evidenceFindings(findings)].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || (a.kind === 'threat' ? 0 : 1) - (b.kind === 'threat' ? 0 : 1) || (a.file ?? '').localeCompare(b.file ?? '') || (a.line ?? 0) - (b.line ?? 0));
  for (const f of sorted) {
    const key = `${f.file ?? ''}:${f.line ?? ''}:${f.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(f);
    if (out.length >= MAX_EVIDENCE) break;
  }
  return out;
}

/** The Markdown `details` of a new report. */
export function writeDetails(input: DetailsInput): string {
  const primary = primaryScan(input.scans);
  const findings = primary?.findings ?? [];
  const hosts = [...(input.iocs.domains ?? []), ...(input.iocs.ips ?? [])];
  const name = inertCode(input.name, { max: 214 });
  const sentences = [
    `The npm package ${name} (${versionsPhrase(input.versions)}) ${actionsSentence(findings)}.`,
    triggerSentence(findings),
    destinationSentence(input.iocs, findings),
    'This was found by static analysis of the published package; its code was not run.',
  ].filter((s): s is string => !!s);

  const lines = [sentences.join(' ')];
  const evidence = evidenceList(findings);
  if (evidence.length && primary) {
    lines.push('', `Evidence in version ${inertText(primary.version, { max: 60 })}:`, '', ...evidence.map((f) => evidenceLine(f, hosts, input.privateStrings ?? [])));
  }
  const iocLines = [
    ...(input.iocs.domains ?? []).map((d) => `- domain ${inertCode(defang(d))}`),
    ...(input.iocs.ips ?? []).map((ip) => `- IP address ${inertCode(defang(ip))}`),
    ...(input.iocs.urls ?? []).map((u) => `- URL ${inertCode(defang(u), { max: 300 })}`),
  ];
  if (iocLines.length) lines.push('', 'Indicators (defanged):', '', ...iocLines);
  return scrubPrivate(lines.join('\n'), input.privateStrings ?? []);
}

/**
 * Local paths, user names and tokens out: the literal strings given, home-directory prefixes of any
 * user, and token shapes (redact). The package's own relative paths are untouched.
 */
export function scrubPrivate(text: string, privateStrings: readonly string[]): string {
  let out = text;
  for (const s of [...privateStrings].filter((p) => typeof p === 'string' && p.length >= 3).sort((a, b) => b.length - a.length)) out = out.split(s).join('\u2026');
  out = out.replace(/(?:\/home|\/Users)\/[^/\s`]+/g, '~').replace(/[A-Za-z]:\\{1,2}Users\\{1,2}[^\\\s`]+/g, '~');
  return redact(out);
}
