import { analyzePackage } from '../analysis/analyze';
import { score } from '../analysis/score';
import type { Finding, PackageInput, RegistryInput, Rule } from '../analysis/types';
import { RULES } from '../rules/index';
import type { TarballContents } from '../tarball/types';
import { manifestEntryPoints } from './entryPoints';
import { ENGINE_VERSION, type RegistrySummary, type ScanResult } from './result';

export interface ContentsMeta {
  target: string;
  /** Name and version to use when the archive's package.json does not say (or lies about them). */
  name?: string;
  version?: string;
  /** Used only when package.json names no package (a bare folder or a broken manifest). */
  fallbackName?: string;
  integrity?: string;
  integrityMismatch?: { expected: string; actual: string };
  /** Findings from outside the archive (known-malware records, registry metadata). */
  extraFindings?: Finding[];
  skipped?: string[];
  /** Registry facts for the metadata rules, and their summary for the result (registry scans only). */
  registry?: { input: RegistryInput; summary: RegistrySummary };
}

export function toPackageInput(contents: TarballContents, meta: ContentsMeta): PackageInput {
  const manifest = contents.manifest ?? {};
  const name = meta.name ?? (typeof manifest.name === 'string' ? manifest.name : meta.fallbackName ?? 'unknown');
  const version = meta.version ?? (typeof manifest.version === 'string' ? manifest.version : '0.0.0');
  return {
    name,
    version,
    manifest,
    files: contents.files,
    archive: {
      capsHit: contents.capsHit,
      suspiciousPaths: contents.suspiciousPaths,
      specialEntries: contents.specialEntries,
      ...(meta.integrityMismatch ? { integrityMismatch: meta.integrityMismatch } : {}),
      ...(contents.manifestError ? { manifestError: contents.manifestError } : {}),
    },
    ...(meta.registry ? { registry: meta.registry.input } : {}),
  };
}

/** Analyses what the tarball reader produced and scores it; pure and synchronous. */
export function scanContents(contents: TarballContents, meta: ContentsMeta, rules: readonly Rule[] = RULES): ScanResult {
  const pkg = toPackageInput(contents, meta);
  const analysis = analyzePackage(pkg, rules);
  const findings = [...(meta.extraFindings ?? []), ...analysis.findings];
  // A binary over the single-file text cap lost nothing: binaries are judged by their magic bytes,
  // which were read. Any other cap, or a truncated text file, leaves code unread.
  const unread = contents.capsHit.filter((c) => c.limit !== 'maxFileBytes' || contents.files.some((f) => f.truncated && !f.binary));
  const incomplete = unread.length ? `Analysed only partly: ${unread.map((c) => c.limit).join(', ')} limit reached; nothing malicious was found in what was read.` : undefined;
  const scored = score({ findings, ...(incomplete ? { incomplete } : {}) });
  return {
    target: meta.target,
    name: pkg.name,
    version: pkg.version,
    verdict: scored.verdict,
    score: scored.score,
    reason: scored.reason,
    findings: scored.findings,
    files: analysis.files,
    ...(meta.integrity ? { integrity: meta.integrity } : {}),
    skipped: meta.skipped ?? [],
    engineVersion: ENGINE_VERSION,
    ...(meta.registry ? { registry: meta.registry.summary } : {}),
    entryPoints: manifestEntryPoints(pkg.manifest, contents.files.map((f) => f.path), pkg.name),
  };
}
