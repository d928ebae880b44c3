/**
 * The OSV record shapes a Takedown report writes, limited to what ossf/malicious-packages accepts
 * from a contributor (see /docs/reporting.md). Records read back from the repository or OSV.dev are
 * `Record<string, unknown>` until the validator has looked at them.
 */

export type RangeEvent = { introduced: string } | { fixed: string } | { last_affected: string } | { limit: string };

export interface OsvRange {
  type: 'SEMVER' | 'ECOSYSTEM';
  events: RangeEvent[];
}

export interface OsvCwe {
  cweId: string;
  name: string;
  description: string;
}

export interface OsvIocs {
  domains?: string[];
  ips?: string[];
  urls?: string[];
}

export interface PackageIntegrity {
  filename: string;
  hashes: { sha1?: string; sha512_sri?: string };
}

export interface OsvAffected {
  package: { ecosystem: 'npm'; name: string };
  versions?: string[];
  ranges?: OsvRange[];
  database_specific?: {
    cwes?: OsvCwe[];
    iocs?: OsvIocs;
    indicators?: { package_integrity?: PackageIntegrity[] };
  };
}

export type CreditType = 'FINDER' | 'REPORTER' | 'ANALYST' | 'COORDINATOR' | 'REMEDIATION_DEVELOPER' | 'REMEDIATION_REVIEWER' | 'REMEDIATION_VERIFIER' | 'TOOL' | 'SPONSOR' | 'OTHER';
export type ReferenceType = 'ADVISORY' | 'ARTICLE' | 'DETECTION' | 'DISCUSSION' | 'REPORT' | 'FIX' | 'INTRODUCED' | 'GIT' | 'PACKAGE' | 'EVIDENCE' | 'WEB';

export interface OsvCredit {
  name: string;
  type?: CreditType;
  contact?: string[];
}

export interface OsvReference {
  type: ReferenceType;
  url: string;
}

/** A new report as drafted: no `id`, no `summary` (the repository's pipeline sets both). */
export interface OsvDraft {
  modified: string;
  published: string;
  schema_version?: string;
  details: string;
  affected: [OsvAffected];
  credits: OsvCredit[];
  references: OsvReference[];
}

export const CREDIT_TYPES: readonly CreditType[] = ['FINDER', 'REPORTER', 'ANALYST', 'COORDINATOR', 'REMEDIATION_DEVELOPER', 'REMEDIATION_REVIEWER', 'REMEDIATION_VERIFIER', 'TOOL', 'SPONSOR', 'OTHER'];
export const REFERENCE_TYPES: readonly ReferenceType[] = ['ADVISORY', 'ARTICLE', 'DETECTION', 'DISCUSSION', 'REPORT', 'FIX', 'INTRODUCED', 'GIT', 'PACKAGE', 'EVIDENCE', 'WEB'];

export const MALWARE_CWE: OsvCwe = { cweId: 'CWE-506', name: 'Embedded Malicious Code', description: 'The product contains code that appears to be malicious in nature.' };

/** The line the pipeline puts above imported source details; contributors never write it. */
export const PER_SOURCE_MARKER = '_-= Per source details. Do not edit below this line.=-_';

export const DEFAULT_TARGET_REPO = 'ossf/malicious-packages';
export const DEFAULT_OSV_API = 'https://api.osv.dev';
export const DEFAULT_GITHUB_API = 'https://api.github.com';
