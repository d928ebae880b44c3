import type { Finding } from '../../../src/engine/analysis/types';
import { ENGINE_VERSION, type ScanResult } from '../../../src/engine/scan/result';

export function finding(overrides: Partial<Finding> = {}): Finding {
  return { rule: 'env-exfil', kind: 'threat', category: 'exfil', severity: 'critical', message: 'Sends process.env to a hard-coded host', file: 'lib/index.js', line: 12, column: 5, ...overrides };
}

export function result(overrides: Partial<ScanResult> = {}): ScanResult {
  return {
    target: 'evil-pkg@1.0.1',
    name: 'evil-pkg',
    version: '1.0.1',
    verdict: 'malicious',
    score: 9.1,
    reason: 'Sends process.env to a hard-coded host',
    findings: [finding(), finding({ rule: 'install-script', kind: 'capability', category: 'install', severity: 'medium', message: 'Runs node install.js at install time', file: 'package.json', line: 7 })],
    files: [],
    skipped: [],
    engineVersion: ENGINE_VERSION,
    ...overrides,
  };
}
