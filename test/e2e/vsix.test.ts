/**
 * The packaged extension in a real VS Code, driven like a user: dist/takedown.vsix (from
 * `npm run package`) is installed into a fresh code-server with `--install-extension`, the demo
 * workspace (test/demo/editor-workspace) is opened in headless Chromium, and what the page shows is
 * read back: the Problems panel, a hover, the log. Packages come from a local Verdaccio (the
 * `takedown.registry.url` user setting); OSV from a local stand-in that knows no malware.
 * Screenshots go to .test-output/e2e/.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { closeSession, CodeServer, copyToTemp, openWorkbench, OUTPUT_DIR, REPO_ROOT, type Workbench } from './codeServer';
import type { FakeServer } from '../support/fakeServer';
import { startEmptyOsv, startFixtureRegistry, type FixtureRegistry } from './fixtureRegistry';
import { newFileLink, npmMalwareFormUrl } from '../../src/engine/report/fallback';
import type { Page } from 'playwright-core';

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

  after(() => closeSession({ ...(workbench ? { workbench } : {}), ...(server ? { server } : {}), servers: [registry, osv], workspace }));

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
  test('without a GitHub sign-in, Submit opens exactly the prefilled new-file and npm form URLs in the browser', async () => {
    const page = workbench!.page;
    // Pages the extension asks the browser to open: recorded as Chromium requests them, answered locally.
    const opened: string[] = [];
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: server!.url });
    await page.context().route(/^https:\/\/(github\.com|www\.npmjs\.com)\//, (route) => {
      opened.push(route.request().url());
      return route.fulfill({ status: 200, contentType: 'text/html', body: '<title>stub</title>' });
    });

    // and the text the workbench hands to window.open, before the browser parses it
    await page.evaluate(() => {
      const w = window as unknown as { open: typeof window.open; takedownOpened: string[] };
      w.takedownOpened = [];
      const open = w.open.bind(window);
      w.open = (url?: string | URL, ...rest: [string?, string?]) => (w.takedownOpened.push(String(url)), open(url, ...rest));
    });
    const handedToBrowser = () => page.evaluate(() => (window as unknown as { takedownOpened: string[] }).takedownOpened);

    await startCommand(page, 'Takedown: Report to OSV…');
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Takedown: Report to OSV' }).waitFor({ state: 'visible', timeout: 15_000 });
    await pickQuickInput(page, 'env-beacon', /@takedown-demo\/env-beacon@1\.0\.0/);
    // the existing-record check cannot reach OSV.dev's query API here (the stand-in lacks it) nor GitHub: said, not hidden
    await workbench!.waitForNotification(/could not check whether @takedown-demo\/env-beacon already has a record/, 60_000);
    const credit = page.locator('.quick-input-widget input');
    await credit.waitFor({ state: 'visible', timeout: 30_000 });
    await credit.fill('e2e-tester');
    await page.keyboard.press('Enter');
    await workbench!.waitForNotification(/OSV draft for @takedown-demo\/env-beacon@1\.0\.0 saved to /, 30_000);

    const reports = path.join(server!.userDataDir, 'User', 'globalStorage', 'takedown.takedown', 'reports');
    const drafts = readdirSync(reports).filter((f) => f.endsWith('.json'));
    assert.deepEqual(drafts, ['takedown-demo-env-beacon-1.0.0.json']);
    const content = readFileSync(path.join(reports, drafts[0]!), 'utf8');
    const repoPath = 'osv/malicious/npm/@takedown-demo/env-beacon/MAL-0000-takedown-demo-env-beacon-1-0-0.json';

    // the editor title's submit button shows on the draft
    const button = page.locator('.editor-actions .action-label.codicon-git-pull-request-create');
    await button.first().waitFor({ state: 'visible', timeout: 15_000 });
    await workbench!.screenshot('5-report-draft');

    await submitWithoutSignIn(page, () => button.first().click());
    await clickNotificationButton(page, /no GitHub session/, 'Open GitHub new-file page');
    // VS Code's link protection shows the exact address and asks before opening an untrusted site
    await workbench!.screenshot('6-report-open-external');
    await clickDialogButton(page, /open the external website/, 'Open');
    await waitFor(() => opened.length >= 1, 30_000, 'the new-file page to be opened');
    const expected = newFileLink(repoPath, content);
    assert.equal(expected.includesContent, true);
    assert.equal(opened[0], expected.url);
    assert.deepEqual(await handedToBrowser(), [expected.url]);
    // what GitHub will read: the file name and the exact JSON, decoded once
    const url = new URL(opened[0]!);
    assert.equal(url.pathname, '/ossf/malicious-packages/new/main/osv/malicious/npm/%40takedown-demo/env-beacon');
    assert.equal(url.searchParams.get('filename'), 'MAL-0000-takedown-demo-env-beacon-1-0-0.json');
    assert.equal(url.searchParams.get('value'), content);

    // and npm's form, from the same fallback (the draft's title button again)
    await submitWithoutSignIn(page, () => button.first().click());
    await clickNotificationButton(page, /no GitHub session/, 'Open npm malware form');
    await clickDialogButton(page, /open the external website/, 'Open');
    await waitFor(() => opened.length >= 2, 30_000, 'the npm form to be opened');
    assert.equal(opened[1], npmMalwareFormUrl('@takedown-demo/env-beacon', '1.0.0'));
    assert.equal(opened[1], 'https://www.npmjs.com/support?inquire=security&security-inquire=malware&package=%40takedown-demo%2Fenv-beacon&version=1.0.0');
    assert.equal(opened.length, 2);
    assert.deepEqual(await handedToBrowser(), [expected.url, opened[1]]);
  });
});

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs a command from the palette when it opens a quick pick of its own (runCommand waits for the palette to close). */
async function startCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  await page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator('.quick-input-list-label .label-name').getByText(title, { exact: true }) }).first().click();
}

/** Types into the open quick pick and takes the row whose label matches. */
async function pickQuickInput(page: Page, text: string, label: RegExp): Promise<void> {
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible', timeout: 15_000 });
  await input.fill(text);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: label }).first().click();
}

/** A modal dialog's button (custom dialogs in the web workbench). */
async function clickDialogButton(page: Page, message: RegExp, button: string): Promise<void> {
  const dialog = page.locator('.monaco-dialog-box').filter({ hasText: message });
  await dialog.waitFor({ state: 'visible', timeout: 30_000 });
  // a dialog showing a long URL runs past the viewport: the button is pressed where it is
  await dialog.locator('.dialog-buttons a.monaco-button', { hasText: button }).first().evaluate((el) => (el as HTMLElement).click());
  await dialog.waitFor({ state: 'hidden', timeout: 10_000 });
}

async function clickNotificationButton(page: Page, message: RegExp, button: string): Promise<void> {
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: message }).last();
  await toast.waitFor({ state: 'visible', timeout: 30_000 });
  await toast.locator('a.monaco-button', { hasText: button }).first().click();
}

/**
 * The submit flow as a person without a GitHub account in this browser goes through it: the summary
 * (Submit), the checklist (every item ticked), then VS Code's GitHub sign-in consent, declined.
 */
async function submitWithoutSignIn(page: Page, start: () => Promise<void>): Promise<void> {
  await start();
  await clickDialogButton(page, /Open a pull request on ossf\/malicious-packages\?/, 'Submit');
  const checklist = page.locator('.quick-input-widget');
  await checklist.locator('.quick-input-title', { hasText: 'contributor checklist' }).waitFor({ state: 'visible', timeout: 15_000 });
  const rows = checklist.locator('.quick-input-list .monaco-list-row');
  await rows.first().waitFor({ state: 'visible' });
  // clicking a row of a multi-select quick pick ticks its box
  for (let i = 0; i < (await rows.count()); i++) await rows.nth(i).click();
  await checklist.locator('.quick-input-count', { hasText: '4 Selected' }).waitFor({ state: 'visible', timeout: 5_000 });
  await page.keyboard.press('Enter');
  // VS Code's built-in GitHub provider asks for consent first; declining it is "no session"
  const consent = page.locator('.monaco-dialog-box').filter({ hasText: /wants to sign in using GitHub/ });
  const toast = page.locator('.notifications-toasts .notification-toast').filter({ hasText: /no GitHub session/ });
  await consent.or(toast).first().waitFor({ state: 'visible', timeout: 30_000 });
  if (await consent.count()) await clickDialogButton(page, /wants to sign in using GitHub/, 'Cancel');
}
