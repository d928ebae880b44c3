import type { Category, Finding, Severity } from './types';

export type VerdictName = 'malicious' | 'suspicious' | 'notable' | 'clean' | 'unknown';

export interface Risk {
  threat: Finding;
  capability: Finding;
  sameFile: boolean;
}

export interface Scored {
  verdict: VerdictName;
  /** 0-10, one decimal. */
  score: number;
  /** One line: why this verdict (the first finding's message, or why it is unknown). */
  reason: string;
  /** Findings ordered so the first explains the verdict. */
  findings: Finding[];
  risks: Risk[];
}

export interface ScoreInput {
  findings: Finding[];
  /** Set when the analysis could not be completed (caps hit, fetch failed): never `clean` then. */
  incomplete?: string;
}

const THREAT_WEIGHT: Record<Severity, number> = { info: 0, low: 2, medium: 4, high: 6, critical: 8 };
const CAPABILITY_WEIGHT: Record<Severity, number> = { info: 0, low: 1, medium: 1.5, high: 2, critical: 3 };
/** What a capability in the same file does to a threat: the GuardDog pairing that keeps honest code quiet. */
const RELATED: Partial<Record<Category, readonly Category[]>> = {
  network: ['exfil', 'secrets', 'download-exec', 'reverse-shell', 'worm', 'wallet', 'os-info', 'env'],
  exec: ['download-exec', 'reverse-shell', 'worm', 'exfil', 'destructive', 'persistence', 'anti-analysis'],
  env: ['exfil', 'secrets', 'worm'],
  'os-info': ['exfil'],
  'fs-read': ['secrets', 'exfil', 'wallet'],
  'fs-write': ['persistence', 'destructive', 'download-exec'],
  decode: ['dynamic-code', 'obfuscation', 'hidden-code', 'exfil'],
  'dynamic-code': ['decode', 'obfuscation', 'hidden-code', 'download-exec'],
  install: ['exfil', 'secrets', 'download-exec', 'reverse-shell', 'worm', 'destructive', 'persistence', 'obfuscation', 'dynamic-code', 'hidden-code', 'delivery', 'wallet', 'anti-analysis', 'impersonation'],
};

const isThreat = (f: Finding) => f.kind === 'threat' || f.kind === 'metadata' || f.kind === 'intel';

/**
 * Turns findings into a verdict. A capability alone is `notable` at most; a threat counts by its
 * severity, more when a related capability sits in the same file (less across files), more again
 * when the package runs something at install time. A known malware record is malicious by itself.
 */
export function score(input: ScoreInput): Scored {
  const findings = input.findings.filter((f) => f.severity !== 'info' || f.kind === 'intel');
  const threats = findings.filter(isThreat);
  const capabilities = findings.filter((f) => f.kind === 'capability');
  const risks: Risk[] = [];

  const intel = threats.find((f) => f.kind === 'intel');
  let value = 0;
  if (intel) value = 10;
  else if (threats.length) {
    let best = 0;
    for (const threat of threats) {
      let weight = THREAT_WEIGHT[threat.severity];
      const related = capabilities.filter((c) => RELATED[c.category]?.includes(threat.category) && c !== threat);
      // Manifest-level findings all sit in package.json: being neighbours there says nothing about
      // the code, so only code files count as "the same file".
      // A borrowed name (typosquat, dependency confusion) is only a lure, and has no file: code
      // that runs at install is what makes it an attack, wherever that code sits.
      const same = related.find((c) => (c.file !== undefined && c.file === threat.file && c.file !== 'package.json') || (threat.category === 'impersonation' && c.category === 'install'));
      const other = related.find((c) => c.file === undefined || c.file !== threat.file);
      if (same) {
        weight += 2;
        risks.push({ threat, capability: same, sameFile: true });
      } else if (other) {
        weight += 1;
        risks.push({ threat, capability: other, sameFile: false });
      }
      best = Math.max(best, weight);
    }
    const categories = new Set(threats.filter((t) => THREAT_WEIGHT[t.severity] >= THREAT_WEIGHT.medium).map((t) => t.category));
    const breadth = Math.min(2, Math.max(0, categories.size - 1) * 0.5);
    const installs = findings.some((f) => f.category === 'install') && threats.some((t) => t.category !== 'install' && THREAT_WEIGHT[t.severity] >= THREAT_WEIGHT.medium);
    value = best + breadth + (installs ? 1.5 : 0);
  } else if (capabilities.length) {
    value = Math.min(3, Math.max(...capabilities.map((c) => CAPABILITY_WEIGHT[c.severity])));
  }
  value = Math.round(Math.min(10, value) * 10) / 10;

  const ordered = order(input.findings, risks);
  let verdict: VerdictName = value >= 7 ? 'malicious' : value >= 4 ? 'suspicious' : value >= 1 ? 'notable' : 'clean';
  let reason = ordered[0]?.message ?? 'No findings.';
  if (input.incomplete && verdict !== 'malicious' && verdict !== 'suspicious') {
    verdict = 'unknown';
    reason = input.incomplete;
  }
  return { verdict, score: value, reason, findings: ordered, risks };
}

const SEVERITY_ORDER: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1, info: 0 };

function order(findings: Finding[], risks: Risk[]): Finding[] {
  const inRisk = new Set(risks.map((r) => r.threat));
  const rank = (f: Finding) =>
    (f.kind === 'intel' ? 1000 : 0) + (isThreat(f) ? 100 : 0) + (inRisk.has(f) ? 10 : 0) + SEVERITY_ORDER[f.severity];
  return [...findings].sort((a, b) => rank(b) - rank(a));
}
