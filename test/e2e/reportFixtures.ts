/**
 * What the report tests in the extension host (suite/4-report.ts) find on the fake GitHub: an
 * assigned record for the demo's evil-setup package that covers an older version only, so reporting
 * 1.0.0 takes the update path. Invented id and text; the package exists only in the local registry.
 */
import { DEMO } from './fixtureRegistry';

export const EXISTING_RECORD_PATH = `osv/malicious/npm/${DEMO.evil.toLowerCase()}/MAL-2026-90002.json`;

export const EXISTING_RECORD = {
  modified: '2026-02-01T00:00:00Z',
  published: '2026-02-01T00:00:00Z',
  schema_version: '1.7.3',
  id: 'MAL-2026-90002',
  summary: `Malicious code in ${DEMO.evil} (npm)`,
  details: 'Test record for Takedown end-to-end tests: the install script downloads a shell script and runs it.',
  affected: [
    {
      package: { ecosystem: 'npm', name: DEMO.evil },
      versions: ['0.9.0'],
      database_specific: { cwes: [{ cweId: 'CWE-506', name: 'Embedded Malicious Code', description: 'The product contains code that appears to be malicious in nature.' }] },
    },
  ],
  references: [{ type: 'PACKAGE', url: `https://www.npmjs.com/package/${DEMO.evil}/v/0.9.0` }],
  credits: [{ name: 'first-finder', type: 'FINDER' }],
};

/** The record as the repository stores it. */
export const EXISTING_RECORD_TEXT = `${JSON.stringify(EXISTING_RECORD, null, 2)}\n`;

/** The token the test's own `github` authentication provider hands out; it must reach only the fake GitHub. */
export const FAKE_GITHUB_TOKEN = 'gho_TakedownE2eFakeToken0123456789abcdef';
export const FAKE_GITHUB_LOGIN = 'octo-researcher';
