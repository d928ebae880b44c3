/**
 * Takedown's tests inside the extension host of a real VS Code, through @vscode/test-electron's
 * runTests(): its vscodeExecutablePath is test/e2e/extension-host/code-server-shim, which runs the
 * mocha suites (test/e2e/extension-host/suite/) in code-server. The workspace is a git repository
 * whose package.json and lockfile point at a local Verdaccio holding the @takedown-demo packages;
 * the extension finds that registry through the `takedown.registry.url` user setting, and OSV through
 * `takedown.osv.endpoint` (test/support/fakeOsv.ts, serving one MAL- record for a fixture package).
 */
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { runTests } from '@vscode/test-electron';
import { makeTempDir, removeTempDir, REPO_ROOT } from './codeServer';
import { buildExtensionHostTests } from './extension-host/build';
import type { MochaOutcome } from './extension-host/index';
import { DEMO, KNOWN_BAD_RECORD, lockedPackage, startFixtureRegistry, writeFixtureWorkspace, type FixtureRegistry } from './fixtureRegistry';
import { startFakeOsv, type FakeOsv } from '../support/fakeOsv';
import { startFakeGitHub, type FakeGitHub } from '../support/fakeGitHub';
import { EXISTING_RECORD_PATH, EXISTING_RECORD_TEXT, FAKE_GITHUB_LOGIN } from './reportFixtures';

const SHIM = path.join(__dirname, 'extension-host', 'code-server-shim');

/** The mocha tests the suites hold; a test that did not run is as bad as one that failed. */
const EXPECTED = [
  'Activation activates on a workspace that contains a package.json',
  'Activation registers every command its package.json contributes',
  'Activation logs its version and effective settings on activation',
  'Workspace reading reads package.json and package-lock.json against their committed versions (git HEAD)',
  'Diagnostics a clean dependency added to package.json gets no diagnostic',
  'Diagnostics a malicious dependency added to package.json gets an Error on its line within 10 s',
  'Diagnostics the hover on the flagged dependency names the verdict',
  'Diagnostics Allow removes the diagnostic and records name@version in takedown.allow',
  'Diagnostics a dependency added only to the lockfile is flagged on its lockfile line',
  'Diagnostics a malformed package.json gets an explanatory diagnostic, and Takedown keeps working',
  'Diagnostics a version named by an OSV MAL- record is malicious although its code looks harmless',
  'Diagnostics Report to OSV opens the draft as a file with live Takedown OSV validation',
  'Investigate Investigate from a flagged line shows the package with its evidence, then excerpts read from the package',
  'Investigate the Flagged tree lists the package under its verdict, with the count',
  'Investigate Open in Editor shows the same package in an editor tab',
  'Investigate allowing the version takes it off the Flagged tree',
  'Report submission Submit opens the pull request on the fake GitHub, the token going nowhere else',
  'Report submission a package with a record in the repository: the record is shown and the update replaces its file',
];

// Started at the top level, where its own after() hook belongs (it serves until the file is done).
const osvReady = startFakeOsv({ records: [KNOWN_BAD_RECORD] });
// The GitHub REST stand-in for Report to OSV (suite/4-report.ts): one existing record, a fork that takes two polls.
const githubReady = startFakeGitHub({ login: FAKE_GITHUB_LOGIN, forkPendingPolls: 2, files: { [EXISTING_RECORD_PATH]: EXISTING_RECORD_TEXT } });

describe('extension-host tests in code-server (runTests + shim)', { timeout: 360_000 }, () => {
  let registry: FixtureRegistry;
  let osv: FakeOsv;
  let github: FakeGitHub;
  let workspace: string;
  let temp: string;
  let testsPath: string;

  before(async () => {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'extension.js')), 'dist/extension.js is missing: npm run test:e2e builds it');
    // stopped by this suite's after(): its own cleanup hook would attach to this before() hook
    [registry, osv, github, testsPath] = await Promise.all([startFixtureRegistry({ registerCleanup: false }), osvReady, githubReady, buildExtensionHostTests()]);
    temp = makeTempDir('takedown-e2e-ext-host-');
    workspace = makeTempDir('takedown-e2e-workspace-');
    // runTests spawns the shim directly: it must be executable even where a checkout lost the bit
    chmodSync(SHIM, 0o755);
    writeFixtureWorkspace(workspace, registry, []);
  });

  after(async () => {
    await registry?.stop();
    if (workspace) removeTempDir(workspace);
    if (temp) removeTempDir(temp);
  });

  test('every mocha test passes in the extension host', async (t) => {
    const results = path.join(temp, 'results.json');
    const lockEntries = Object.fromEntries([...registry.published.keys()].map((key) => [key, lockedPackage(registry, key)]));
    let failure: unknown;
    await runTests({
      vscodeExecutablePath: SHIM,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: testsPath,
      launchArgs: [workspace],
      extensionTestsEnv: {
        TAKEDOWN_E2E_RESULTS: results,
        TAKEDOWN_E2E_FIXTURES: JSON.stringify({ registry: registry.url, ...DEMO, lockEntries }),
        TAKEDOWN_E2E_USER_SETTINGS: JSON.stringify({ 'takedown.registry.url': registry.url, 'takedown.osv.endpoint': osv.url }),
        // read by the extension only in extension test mode (docs/e2e.md); the suite inspects the same server
        TAKEDOWN_TEST_GITHUB_API: github.url,
        TAKEDOWN_E2E_GITHUB: github.url,
      },
    }).catch((error: unknown) => (failure = error));

    assert.ok(existsSync(results), `the suites wrote no results (runTests: ${String(failure)})`);
    const outcomes = JSON.parse(readFileSync(results, 'utf8')) as MochaOutcome[];
    for (const outcome of outcomes) {
      await t.test(outcome.title, () => {
        if (outcome.state === 'failed') assert.fail(outcome.error ?? 'failed');
      });
    }
    assert.deepEqual(outcomes.map((o) => o.title).sort(), [...EXPECTED].sort(), 'every expected test ran');
    assert.equal(failure, undefined, `runTests: ${String(failure)}`);
    // the known-malware lookups went to the OSV endpoint from the user settings
    const asked = osv.batches.flatMap((b) => b.queries.map((q) => `${q.package.ecosystem}:${q.package.name}@${q.version}`));
    assert.ok(asked.includes(`npm:${DEMO.knownBad}@1.0.0`), JSON.stringify(asked));
  });
});
