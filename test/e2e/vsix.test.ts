/**
 * The packaged extension in a real VS Code, driven like a user: dist/takedown.vsix (from
 * `npm run package`) is installed into a fresh code-server with `--install-extension`, the demo
 * workspace (test/demo/editor-workspace) is opened in headless Chromium, and what the page shows is
 * read back: the Problems panel, a hover, the log. Packages come from a local Verdaccio (the
 * `takedown.registry.url` user setting); OSV from a local stand-in that knows no malware.
 * Screenshots go to .test-output/e2e/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { CodeServer, copyToTemp, openWorkbench, OUTPUT_DIR, removeTempDir, REPO_ROOT, type Workbench } from './codeServer';
import type { FakeServer } from '../support/fakeServer';
import { startEmptyOsv, startFixtureRegistry, type FixtureRegistry } from './fixtureRegistry';

const VSIX = path.join(REPO_ROOT, 'dist', 'takedown.vsix');
const DEMO = path.join(REPO_ROOT, 'test', 'demo', 'editor-workspace');
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };

/** Typing in the editor should give exactly the typed text: no auto-closed quotes, no accepted suggestion. */
const TYPING_SETTINGS = {
  'editor.autoClosingQuotes': 'never',
  'editor.autoClosingBrackets': 'never',
  'editor.quickSuggestions': { other: false, comments: false, strings: false },
  'editor.suggestOnTriggerCharacters': false,
  'editor.hover.delay': 300,
};

describe('dist/takedown.vsix in code-server', { timeout: 300_000 }, () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace: string;
  let registry: FixtureRegistry | undefined;
  let osv: FakeServer | undefined;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first (npm run test:e2e does)`);
    // stopped in after(): their own cleanup hooks would attach to this before() hook
    [registry, osv] = await Promise.all([startFixtureRegistry({ registerCleanup: false }), startEmptyOsv({ registerCleanup: false })]);
    workspace = copyToTemp(DEMO);
    server = await CodeServer.start({
      vsix: [VSIX],
      settings: { ...TYPING_SETTINGS, 'takedown.registry.url': registry.url, 'takedown.osv.endpoint': osv.url.replace(/\/$/, '') },
    });
  });

  afterEach(async (t) => {
    if (!('passed' in t) || t.passed) return;
    // what the page and the server looked like when it failed, for CI logs
    await workbench?.screenshot(`failed-${t.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    if (server) writeFileSync(path.join(OUTPUT_DIR, 'code-server.log'), server.log);
  });

  after(async () => {
    await workbench?.close();
    if (server) {
      const pid = server.pid;
      await server.stop();
      if (pid !== undefined) assert.throws(() => process.kill(-pid, 0), 'code-server and its children are gone');
    }
    await Promise.all([registry?.stop(), osv?.close()]);
    if (workspace) removeTempDir(workspace);
  });

  test('--install-extension put takedown.takedown@0.1.0 into the extensions folder', async () => {
    assert.equal(`${manifest.publisher}.${manifest.name}@${manifest.version}`, 'takedown.takedown@0.1.0');
    const listed = (await server!.cli('--list-extensions', '--show-versions')).split('\n').map((l) => l.trim()).filter(Boolean);
    assert.deepEqual(listed, ['takedown.takedown@0.1.0']);
  });

  test('the workbench opens the demo workspace', async () => {
    workbench = await openWorkbench(server!, workspace);
    const rows = await workbench.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
    assert.deepEqual(rows.map((r) => r.trim()), ['package.json', 'README.md']);
  });

  test("the demo's malicious dependency is in the Problems panel, on its line", async () => {
    await workbench!.openFile('package.json', '@takedown-demo/evil-setup');
    const { row, rows } = await workbench!.waitForProblem(/Malicious: @takedown-demo\/evil-setup@1\.0\.0/, 60_000);
    await workbench!.screenshot('1-problems-on-open');
    // line 7 of package.json; the clean dependency on line 6 has no problem
    assert.match(row, /Takedown.*\[Ln 7, Col \d+\]/);
    assert.equal(rows.filter((r) => /Takedown/.test(r)).length, 1, JSON.stringify(rows));
  });

  test('a dependency typed into package.json is flagged in the Problems panel and its hover', async () => {
    await workbench!.openFile('package.json', '@takedown-demo/evil-setup');
    await workbench!.insertLineAndSave(5, '"@takedown-demo/env-beacon": "1.0.0",');
    const { row, rows } = await workbench!.waitForProblem(/Malicious: @takedown-demo\/env-beacon@1\.0\.0/, 30_000);
    await workbench!.screenshot('2-problems-after-typing');
    assert.match(row, /Takedown.*\[Ln 6, Col \d+\]/);
    assert.equal(rows.filter((r) => /Takedown/.test(r)).length, 2, JSON.stringify(rows));

    // the problem's hover comes first; Takedown's own hover (verdict, score, findings) below it
    const hover = await workbench!.hover('env-beacon', /Takedown: Malicious — score/);
    await workbench!.screenshot('3-hover');
    assert.match(hover, /@takedown-demo\/env-beacon/);
    assert.equal(readFileSync(path.join(workspace, 'package.json'), 'utf8').split('\n')[5], '    "@takedown-demo/env-beacon": "1.0.0",');
  });

  test('Takedown: Show Log shows the activation line and each scanned version with its verdict', async () => {
    await workbench!.runCommand('Takedown: Show Log');
    const activated = await workbench!.waitForOutputLine(/Takedown 0\.1\.0 activated/);
    await workbench!.screenshot('4-output-log');
    assert.match(activated, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[info\] Takedown 0\.1\.0 activated; settings: \{.*"scanScope":"direct"/);
    const output = await workbench!.readOutput();
    assert.equal(output.channel, 'Takedown');
    // every dependency was scanned, the clean one too: its verdict is logged, not shown as a problem
    const verdicts = output.lines.map((l) => /\[scan\] (@takedown-demo\/[\w-]+@1\.0\.0): (\w+)/.exec(l)).filter((m) => m !== null).map((m) => `${m[1]}: ${m[2]}`);
    assert.deepEqual(verdicts.sort(), ['@takedown-demo/clean-util@1.0.0: clean', '@takedown-demo/env-beacon@1.0.0: malicious', '@takedown-demo/evil-setup@1.0.0: malicious']);
  });
});
