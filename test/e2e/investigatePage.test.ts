/**
 * The Investigate page alone in Chromium: the page bundle (built here with the options of
 * `npm run build:webview`, into a temp folder so that a concurrent `rm -rf dist` cannot pull it
 * away) and stylesheets, inside the real document and CSP from investigatePageHtml, served from a local HTTP
 * server. A stand-in `acquireVsCodeApi` (loaded by nonce before the bundle) records what the page
 * posts and keeps its state in sessionStorage, so that a reload plays VS Code restoring a hidden view.
 * The test plays the host with window.postMessage. Screenshots go to .test-output/e2e/.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { after, before, describe, test } from 'node:test';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { investigatePageHtml } from '../../src/editor/model/investigate/pageHtml';
import type { HostMessage, InvestigateModel, PageMessage } from '../../src/editor/model/investigate/protocol';
import { startFakeServer, type FakeServer } from '../support/fakeServer';
import { hostileModel, maliciousModel, XSS_PAYLOADS } from '../support/investigateModel';
import { CHROMIUM, CHROMIUM_ARGS, makeTempDir, OUTPUT_DIR, removeTempDir, REPO_ROOT } from './codeServer';

const NONCE = randomBytes(16).toString('base64');

// What the page may fetch, by URL path: the built files (from the temp folder) and the stylesheet.
const ASSETS: Record<string, { type: string; file: (built: string) => string }> = {
  '/dist/webview/investigate.js': { type: 'text/javascript', file: (built) => path.join(built, 'investigate.js') },
  '/dist/webview/codicon.css': { type: 'text/css', file: (built) => path.join(built, 'codicon.css') },
  '/dist/webview/codicon.ttf': { type: 'font/ttf', file: (built) => path.join(built, 'codicon.ttf') },
  '/media/investigate.css': { type: 'text/css', file: () => path.join(REPO_ROOT, 'media', 'investigate.css') },
};

/** The page bundle and the codicon files, as `npm run build:webview` makes them. */
async function buildPage(outDir: string): Promise<void> {
  await build({
    entryPoints: [path.join(REPO_ROOT, 'src/webview/investigate/main.ts')],
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    legalComments: 'none',
    logLevel: 'warning',
    outfile: path.join(outDir, 'investigate.js'),
  });
  const codicons = path.join(REPO_ROOT, 'node_modules/@vscode/codicons/dist');
  for (const name of ['codicon.css', 'codicon.ttf']) copyFileSync(path.join(codicons, name), path.join(outDir, name));
}

const FAKE_VSCODE_API = `(() => {
  const KEY = 'takedown-investigate-state';
  window.__posted = [];
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI));
  let acquired = false;
  window.acquireVsCodeApi = () => {
    if (acquired) throw new Error('acquireVsCodeApi called twice');
    acquired = true;
    return {
      postMessage: (m) => { window.__posted.push(JSON.parse(JSON.stringify(m))); },
      getState: () => { const s = sessionStorage.getItem(KEY); return s === null ? undefined : JSON.parse(s); },
      setState: (s) => { sessionStorage.setItem(KEY, JSON.stringify(s)); return s; },
    };
  };
})();`;

// The variables VS Code sets for its Dark Modern theme (a subset: what media/investigate.css uses).
const DARK_THEME = `html {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #cccccc; --vscode-descriptionForeground: #9d9d9d; --vscode-errorForeground: #f85149;
  --vscode-sideBar-background: #181818; --vscode-editor-background: #1f1f1f; --vscode-editor-foreground: #cccccc;
  --vscode-editorWidget-background: #202020; --vscode-widget-border: #313131; --vscode-focusBorder: #0078d4;
  --vscode-textLink-foreground: #4daafc; --vscode-textLink-activeForeground: #4daafc;
  --vscode-textCodeBlock-background: #2b2b2b; --vscode-textPreformat-foreground: #d0d0d0;
  --vscode-button-background: #0078d4; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #026ec1; --vscode-button-border: #ffffff12;
  --vscode-button-secondaryBackground: #313131; --vscode-button-secondaryForeground: #cccccc; --vscode-button-secondaryHoverBackground: #3c3c3c;
  --vscode-badge-background: #616161; --vscode-badge-foreground: #f8f8f8;
  --vscode-editorError-foreground: #f14c4c; --vscode-editorWarning-foreground: #cca700; --vscode-editorInfo-foreground: #3794ff;
  --vscode-inputValidation-errorBorder: #be1100; --vscode-testing-iconPassed: #73c991;
  --vscode-editorLineNumber-foreground: #6e7681; --vscode-editorLineNumber-activeForeground: #cccccc;
  --vscode-editor-lineHighlightBackground: #ffffff0f; --vscode-editor-findMatchHighlightBackground: #ea5c0055;
  --vscode-diffEditor-insertedTextBackground: #9ccc2c33; --vscode-diffEditor-removedTextBackground: #ff000033;
  --vscode-diffEditor-insertedLineBackground: #9bb95533; --vscode-diffEditor-removedLineBackground: #ff000033;
  --vscode-gitDecoration-addedResourceForeground: #81b88b; --vscode-gitDecoration-deletedResourceForeground: #c74e39; --vscode-gitDecoration-modifiedResourceForeground: #e2c08d;
  --vscode-symbolIcon-keywordForeground: #569cd6; --vscode-symbolIcon-functionForeground: #dcdcaa; --vscode-symbolIcon-propertyForeground: #9cdcfe; --vscode-symbolIcon-classForeground: #4ec9b0;
  --vscode-debugTokenExpression-string: #ce9178; --vscode-debugTokenExpression-number: #b5cea8; --vscode-debugTokenExpression-error: #f48771;
  --vscode-tree-indentGuidesStroke: #585858; --vscode-sideBarSectionHeader-border: #2b2b2b;
}`;

// Light Modern and Dark High Contrast, for the look of the page in the other theme kinds.
const LIGHT_THEME = `html {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #3b3b3b; --vscode-descriptionForeground: #717171; --vscode-errorForeground: #f85149;
  --vscode-sideBar-background: #f8f8f8; --vscode-editor-background: #ffffff; --vscode-editor-foreground: #3b3b3b;
  --vscode-editorWidget-background: #ffffff; --vscode-widget-border: #e5e5e5; --vscode-focusBorder: #005fb8;
  --vscode-textLink-foreground: #005fb8; --vscode-textLink-activeForeground: #005fb8;
  --vscode-textCodeBlock-background: #f2f2f2; --vscode-textPreformat-foreground: #3b3b3b;
  --vscode-button-background: #005fb8; --vscode-button-foreground: #ffffff; --vscode-button-hoverBackground: #0258a8; --vscode-button-border: #0000001a;
  --vscode-button-secondaryBackground: #e5e5e5; --vscode-button-secondaryForeground: #3b3b3b; --vscode-button-secondaryHoverBackground: #cccccc;
  --vscode-badge-background: #cccccc; --vscode-badge-foreground: #3b3b3b;
  --vscode-editorError-foreground: #e51400; --vscode-editorWarning-foreground: #bf8803; --vscode-editorInfo-foreground: #1a85ff;
  --vscode-inputValidation-errorBorder: #be1100; --vscode-testing-iconPassed: #388a34;
  --vscode-editorLineNumber-foreground: #6e7681; --vscode-editorLineNumber-activeForeground: #171184;
  --vscode-editor-lineHighlightBackground: #0000000a; --vscode-editor-findMatchHighlightBackground: #ea5c0055;
  --vscode-diffEditor-insertedLineBackground: #9bb95533; --vscode-diffEditor-removedLineBackground: #ff000033;
  --vscode-gitDecoration-addedResourceForeground: #587c0c; --vscode-gitDecoration-deletedResourceForeground: #ad0707; --vscode-gitDecoration-modifiedResourceForeground: #895503;
  --vscode-symbolIcon-keywordForeground: #0000ff; --vscode-symbolIcon-functionForeground: #795e26; --vscode-symbolIcon-propertyForeground: #001080; --vscode-symbolIcon-classForeground: #267f99;
  --vscode-debugTokenExpression-string: #a31515; --vscode-debugTokenExpression-number: #098658; --vscode-debugTokenExpression-error: #e51400;
  --vscode-tree-indentGuidesStroke: #a9a9a9; --vscode-sideBarSectionHeader-border: #e5e5e5;
}`;

const HIGH_CONTRAST_THEME = `html {
  --vscode-font-family: system-ui, "Segoe UI", Ubuntu, sans-serif; --vscode-font-size: 13px;
  --vscode-editor-font-family: "DejaVu Sans Mono", monospace; --vscode-editor-font-size: 12px;
  --vscode-foreground: #ffffff; --vscode-descriptionForeground: #ffffffb3; --vscode-errorForeground: #f48771;
  --vscode-sideBar-background: #000000; --vscode-editor-background: #000000; --vscode-editor-foreground: #ffffff;
  --vscode-contrastBorder: #6fc3df; --vscode-contrastActiveBorder: #f38518; --vscode-focusBorder: #f38518;
  --vscode-textLink-foreground: #21a6ff; --vscode-textLink-activeForeground: #21a6ff; --vscode-textCodeBlock-background: #000000;
  --vscode-button-background: #000000; --vscode-button-foreground: #ffffff; --vscode-button-border: #6fc3df;
  --vscode-button-secondaryBackground: #000000; --vscode-button-secondaryForeground: #ffffff;
  --vscode-badge-background: #000000; --vscode-badge-foreground: #ffffff;
  --vscode-editorError-foreground: #f48771; --vscode-editorWarning-foreground: #ffd370; --vscode-editorInfo-foreground: #3794ff;
  --vscode-inputValidation-errorBorder: #6fc3df; --vscode-testing-iconPassed: #73c991;
  --vscode-editorLineNumber-foreground: #ffffff; --vscode-editor-findMatchBorder: #f38518;
  --vscode-diffEditor-insertedTextBorder: #33ff2eff; --vscode-diffEditor-removedTextBorder: #ff008f;
  --vscode-gitDecoration-addedResourceForeground: #a1e3ad; --vscode-gitDecoration-deletedResourceForeground: #c74e39; --vscode-gitDecoration-modifiedResourceForeground: #e2c08d;
}`;

const THEMES: Record<string, string> = { dark: DARK_THEME, light: LIGHT_THEME, 'high-contrast': HIGH_CONTRAST_THEME };

interface PageWindow {
  __posted: PageMessage[];
  __cspViolations: string[];
  __xss?: unknown;
}

describe('Investigate page in Chromium', { timeout: 120_000 }, () => {
  let server: FakeServer;
  let built: string;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  const pageHtml = (theme: string) =>
    investigatePageHtml({
      cspSource: server.url.replace(/\/$/, ''),
      nonce: NONCE,
      scriptUri: '/dist/webview/investigate.js',
      styleUris: ['/dist/webview/codicon.css', '/media/investigate.css', `/theme-${theme}.css`],
      title: 'Investigate',
    }).replace('<script nonce=', `<script nonce="${NONCE}" src="/fake-vscode-api.js"></script>\n  <script nonce=`);

  const posted = () => page.evaluate(() => (window as unknown as PageWindow).__posted);
  const send = (message: HostMessage | Record<string, unknown>) => page.evaluate((m) => window.postMessage(m, '*'), message);
  const show = async (model: InvestigateModel) => {
    await send({ type: 'show', protocol: 1, model });
    await page.locator('.banner .package-key', { hasText: model.key }).waitFor();
  };
  const clearPosted = () => page.evaluate(() => void ((window as unknown as PageWindow).__posted = []));
  const open = async () => {
    await page.goto(server.url);
    await page.waitForFunction(() => (window as unknown as PageWindow).__posted.some((m) => m.type === 'ready'));
  };

  before(async () => {
    built = makeTempDir('takedown-investigate-page-');
    await buildPage(built);
    server = await startFakeServer(
      async (req, res) => {
        const url = new URL(req.url ?? '/', 'http://127.0.0.1');
        const send200 = (type: string, body: string | Buffer) => {
          res.writeHead(200, { 'content-type': type, 'cache-control': 'no-store' });
          res.end(body);
        };
        const theme = url.searchParams.get('theme') ?? 'dark';
        if (url.pathname === '/' && Object.prototype.hasOwnProperty.call(THEMES, theme)) return send200('text/html; charset=utf-8', pageHtml(theme));
        if (url.pathname === '/fake-vscode-api.js') return send200('text/javascript', FAKE_VSCODE_API);
        const themeFile = /^\/theme-([a-z-]+)\.css$/.exec(url.pathname)?.[1];
        if (themeFile && Object.prototype.hasOwnProperty.call(THEMES, themeFile)) return send200('text/css', THEMES[themeFile]!);
        const asset = Object.prototype.hasOwnProperty.call(ASSETS, url.pathname) ? ASSETS[url.pathname] : undefined;
        if (asset) return send200(asset.type, readFileSync(asset.file(built)));
        res.writeHead(url.pathname === '/favicon.ico' ? 204 : 404);
        res.end();
      },
      { registerCleanup: false },
    );
    mkdirSync(OUTPUT_DIR, { recursive: true });
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error') pageErrors.push(m.text());
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    await open();
  });

  after(async () => {
    await browser?.close().catch(() => undefined);
    await server?.close();
    if (built) removeTempDir(built);
  });

  test('the page says ready once, then shows the verdict banner of a malicious package', async () => {
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
    assert.equal(await page.locator('.empty').innerText(), 'Choose a package to investigate.');
    await show(maliciousModel());
    const banner = page.locator('.banner');
    assert.equal(await banner.getAttribute('class'), 'banner verdict-malicious');
    assert.equal(await banner.locator('.verdict-label').innerText(), 'Malicious');
    assert.equal(await banner.locator('.score').innerText(), 'score 92');
    assert.equal(await banner.locator('.reason').innerText(), 'An install script sends environment variables to a remote host.');
    assert.equal(await banner.locator('.record-id').innerText(), 'MAL-2026-0001');
    assert.equal(await banner.locator('.record-summary').innerText(), 'Malicious code in evil-pkg (npm)');
    assert.match(await banner.innerText(), /Probably removed by npm: the registry no longer lists 1\.0\.1/);
    assert.match(await banner.innerText(), /Skipped: binding\.gyp was not expanded/);
  });

  test('evidence comes most severe first, with numbered excerpt lines and the hit marked', async () => {
    assert.deepEqual(await page.locator('.severity-title > span:nth-child(2)').allInnerTexts(), ['Critical', 'High', 'Medium']);
    assert.deepEqual(await page.locator('.severity-title .count-badge').allInnerTexts(), ['1', '1', '1']);
    assert.deepEqual(await page.locator('.evidence-item .rule-name').allInnerTexts(), ['exfiltrates-env', 'install-script', 'reads-env']);
    const first = page.locator('.evidence-item').first();
    assert.equal(await first.locator('.file-position').innerText(), 'index.js:2:1');
    assert.deepEqual(await first.locator('.line-number').allInnerTexts(), ['1', '2', '3']);
    const hit = first.locator('.code-line.hit');
    assert.equal(await hit.count(), 1);
    assert.equal(await hit.locator('.line-number').innerText(), '2');
    assert.deepEqual(await first.locator('mark').allInnerTexts(), ["'https://collector.evil.invalid/c'"]);
    assert.equal(await hit.locator('.cut').count(), 2, '… before and after the cut line');
    assert.equal(await first.locator('.tok-keyword').first().innerText(), 'const');
    // the mark spans two tokens on the reads-env line: `process` and `.env`
    assert.deepEqual(await page.locator('.evidence-item').nth(2).locator('mark').allInnerTexts(), ['process.env']);

    await clearPosted();
    await first.getByRole('button', { name: 'Open' }).click();
    assert.deepEqual(await posted(), [{ type: 'openFile', key: 'evil-pkg@1.0.1', path: 'index.js', line: 2 }]);
  });

  test('an excerpts message fills the matching item, and one for another package is ignored', async () => {
    const item = page.locator('.evidence-item').nth(1);
    assert.equal(await item.locator('.code-line').count(), 0);
    const excerpt = { lines: [{ number: 6, tokens: [{ text: '"postinstall": "node index.js"', kind: 'string' }], hit: true, mark: { start: 15, end: 30 }, cutBefore: false, cutAfter: false }] };
    await send({ type: 'excerpts', key: 'other@1.0.0', excerpts: [{ id: 'e2', excerpt }] });
    await send({ type: 'excerpts', key: 'evil-pkg@1.0.1', excerpts: [{ id: 'e2', excerpt }] });
    await item.locator('.code-line').waitFor();
    assert.deepEqual(await item.locator('mark').allInnerTexts(), ['"node index.js"']);
    assert.equal(await item.locator('.line-number').innerText(), '6');
  });

  test('the files tree shows sizes and flags, with the install-time entry point on top', async () => {
    const files = page.locator('details.section', { has: page.locator('h2', { hasText: 'Files' }) });
    assert.deepEqual(await files.locator('.entry-label').allInnerTexts(), ['postinstall', 'main']);
    assert.equal(await files.locator('.entry.install-time .badge').innerText(), 'runs at install');
    const index = files.locator('.tree-file', { has: page.locator('.tree-name', { hasText: /^index\.js$/ }) });
    assert.deepEqual(await index.locator('.badge').allInnerTexts(), ['install-time', '1 finding', 'new']);
    assert.equal(await index.locator('.size').innerText(), '2.2 KB');
    const native = files.locator('.tree-file', { has: page.locator('.tree-name', { hasText: 'native.node' }) });
    assert.deepEqual(await native.locator('.badge').allInnerTexts(), ['binary']);
    assert.equal(await native.locator('.size').innerText(), '1.4 MB');
    assert.match(await files.locator('.tree-folder summary').innerText(), /^lib\s*2 files, 1\.4 MB$/);
  });

  test('the diff section lists changes and draws a requested patch', async () => {
    const diff = page.locator('details.section', { has: page.locator('h2', { hasText: 'What changed since 1.0.0' }) });
    assert.deepEqual(await diff.locator('h3').allInnerTexts(), ['Added', 'Removed', 'Changed']);
    assert.match(await diff.innerText(), /No diff: binary file/);
    await clearPosted();
    await diff.getByRole('button', { name: 'Show diff' }).click();
    assert.deepEqual(await posted(), [{ type: 'requestPatch', key: 'evil-pkg@1.0.1', path: 'lib/collect.js' }]);
    const lines = [
      { kind: 'hunk', text: '@@ -1,2 +1,3 @@' },
      { kind: 'context', text: 'module.exports = collect;' },
      { kind: 'del', text: 'function collect() { return {}; }' },
      { kind: 'add', text: 'function collect() { return process.env; }' },
    ];
    await send({ type: 'patch', key: 'other@1.0.0', path: 'lib/collect.js', lines, truncated: false });
    assert.equal(await diff.locator('.patch-slot').first().innerText(), 'Loading diff…');
    await send({ type: 'patch', key: 'evil-pkg@1.0.1', path: 'lib/collect.js', lines, truncated: true });
    await diff.locator('.patch-add').waitFor();
    assert.equal(await diff.locator('.patch-add').textContent(), '+function collect() { return process.env; }\n');
    assert.equal(await diff.locator('.patch-del').textContent(), '-function collect() { return {}; }\n');
    assert.equal(await diff.locator('.patch-hunk').textContent(), '@@ -1,2 +1,3 @@\n');
    assert.match(await diff.locator('.patch-slot').first().innerText(), /The diff was cut\./);
    await clearPosted();
    await diff.getByRole('button', { name: 'Hide diff' }).click();
    assert.equal(await diff.locator('.patch-add').isVisible(), false);
    await diff.getByRole('button', { name: 'Show diff' }).click();
    assert.equal(await diff.locator('.patch-add').isVisible(), true);
    assert.deepEqual(await posted(), [], 'the patch is asked for once');
  });

  test('links, actions and Copy as JSON post their messages', async () => {
    await clearPosted();
    await page.locator('.banner').getByRole('button', { name: 'MAL-2026-0001' }).click();
    await page.locator('.evidence-item').first().getByRole('button', { name: 'exfiltrates-env' }).click();
    await page.getByRole('button', { name: 'Copy as JSON' }).click();
    await page.getByRole('button', { name: 'Report to OSV' }).click();
    await page.getByRole('button', { name: 'Rescan' }).click();
    assert.deepEqual(await posted(), [
      { type: 'openLink', key: 'evil-pkg@1.0.1', id: 'osv-MAL-2026-0001' },
      { type: 'openLink', key: 'evil-pkg@1.0.1', id: 'rule-exfiltrates-env' },
      { type: 'action', key: 'evil-pkg@1.0.1', action: 'copyIndicators' },
      { type: 'action', key: 'evil-pkg@1.0.1', action: 'report' },
      { type: 'action', key: 'evil-pkg@1.0.1', action: 'rescan' },
    ]);
    assert.deepEqual(await page.locator('.registry-placeholder').count(), 0);
    assert.deepEqual(await page.locator('.indicator-list li').allInnerTexts(), ['collector.evil.invalid', '192.0.2.10', 'https://collector.evil.invalid/c', '~/.npmrc']);
  });

  test('the registry facts show the timeline, tags, people and provenance', async () => {
    const registry = page.locator('details.section', { has: page.locator('h2', { hasText: 'Registry facts' }) });
    assert.deepEqual(await registry.locator('.timeline-version').allInnerTexts(), ['1.0.1', '1.0.0']);
    assert.equal(await registry.locator('.timeline-item.current .timeline-version').innerText(), '1.0.1');
    assert.match(await registry.innerText(), /Publisher\s+new-maintainer/);
    assert.deepEqual(await registry.locator('.inline-list li').allInnerTexts(), ['original-author', 'new-maintainer']);
    assert.match(await registry.innerText(), /No provenance attestation/);
    assert.match(await registry.innerText(), /Deprecated\s+do not use/);
    assert.deepEqual(await registry.locator('.tag').allTextContents(), ['latest1.0.1']);
  });

  test('it reads at 300 px without a horizontal page scroll, and looks right in a dark theme', async () => {
    await page.setViewportSize({ width: 300, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await page.setViewportSize({ width: 420, height: 900 });
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'investigate-page-malicious.png'), fullPage: true });
  });

  test('malformed host messages change nothing', async () => {
    const before = await page.locator('#root').innerText();
    await send({ type: 'show', protocol: 1, model: { key: 'x' } });
    await send({ type: 'show', protocol: 2, model: maliciousModel() });
    await send({ type: 'empty' });
    await send({ type: 'constructor' });
    await send({ type: 'excerpts', key: 'evil-pkg@1.0.1', excerpts: [{ id: 'e0', excerpt: { lines: 'x' } }] });
    // a valid message afterwards proves the page still listened
    await send({ type: 'patch', key: 'evil-pkg@1.0.1', path: 'nowhere.js', lines: [], truncated: false });
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(resolve)));
    assert.equal(await page.locator('#root').innerText(), before);
  });

  test('a reload restores the package, the collapsed section and the scroll position from setState', async () => {
    await page.locator('details.section summary', { hasText: 'Registry facts' }).click();
    assert.equal(await page.locator('details.section', { has: page.locator('h2', { hasText: 'Registry facts' }) }).getAttribute('open'), null);
    await page.evaluate(() => window.scrollTo(0, 400));
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('takedown-investigate-state') ?? '{}').scrollY === 400);
    await open();
    assert.equal(await page.locator('.banner .package-key').innerText(), 'evil-pkg@1.0.1');
    assert.equal(await page.locator('details.section', { has: page.locator('h2', { hasText: 'Registry facts' }) }).getAttribute('open'), null);
    assert.equal(await page.locator('details.section', { has: page.locator('h2', { hasText: 'Files' }) }).getAttribute('open'), '');
    // the excerpt that arrived by message was kept too
    assert.deepEqual(await page.locator('.evidence-item').nth(1).locator('mark').allInnerTexts(), ['"node index.js"']);
    await page.waitForFunction(() => window.scrollY === 400);
    assert.deepEqual(await posted(), [{ type: 'ready' }]);
  });

  test('the keyboard reaches the buttons and folds sections, with a visible focus outline', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator('body').click({ position: { x: 2, y: 2 } });
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const e = document.activeElement as HTMLElement;
      return { tag: e.tagName, text: e.textContent, outline: getComputedStyle(e).outlineStyle };
    });
    assert.deepEqual(focused, { tag: 'BUTTON', text: 'MAL-2026-0001', outline: 'solid' });
    const evidence = page.locator('details.section', { has: page.locator('h2', { hasText: 'Evidence' }) });
    await evidence.locator('summary').first().focus();
    await page.keyboard.press('Enter');
    assert.equal(await evidence.getAttribute('open'), null);
    await page.waitForFunction(() => JSON.parse(sessionStorage.getItem('takedown-investigate-state') ?? '{}').collapsed.includes('evidence'));
    await page.keyboard.press('Space');
    assert.equal(await evidence.getAttribute('open'), '');
  });

  test('a pending scan, a failed scan, a clean package and the empty state read as such', async () => {
    const base = maliciousModel();
    await show({ ...base, key: 'late-pkg@2.0.0', banner: { ...base.banner, pending: true } });
    assert.equal(await page.locator('.verdict-label').innerText(), 'Scanning…');
    assert.equal(await page.locator('.banner .codicon-loading.codicon-modifier-spin').count(), 1);
    assert.equal(await page.locator('.banner .score').count(), 0);

    await show({ ...base, key: 'far-pkg@1.0.0', banner: { ...base.banner, verdict: 'unknown', score: undefined, records: [], removedByNpm: undefined, error: 'registry unreachable', lookupUnavailable: 'OSV did not answer' } });
    assert.equal(await page.locator('.verdict-label').innerText(), 'Unknown');
    assert.equal(await page.locator('.notice-error').innerText(), 'Scan failed: registry unreachable');
    assert.equal(await page.locator('.notice-warning').innerText(), 'Known-malware lookup unavailable: OSV did not answer');

    const clean: InvestigateModel = {
      ...base,
      key: 'left-pad@1.3.0',
      name: 'left-pad',
      version: '1.3.0',
      banner: { verdict: 'clean', score: 0, reason: 'No rule matched.', records: [], skipped: [], pending: false },
      evidence: [],
      files: { files: [{ path: 'index.js', size: 540, flags: ['entry-point'], findingCount: 0 }, { path: 'package.json', size: 620, flags: [], findingCount: 0 }], total: 2, totalSize: 1160, entryPoints: [{ kind: 'main', label: 'main', detail: 'index.js', installTime: false }] },
      diff: undefined,
      registry: { ...base.registry!, deprecated: undefined, provenance: true, publisher: 'stevemao', maintainers: ['stevemao'], distTags: [{ tag: 'latest', version: '1.3.0' }], versions: [{ version: '1.3.0', publishedAt: '2018-04-09T00:00:00Z', current: true }], versionCount: 1, repository: undefined },
      indicators: { domains: [], ips: [], urls: [], paths: [], json: '{}' },
      actions: { report: false, allow: false, openNpm: true, rescan: true, copyIndicators: false },
    };
    await show(clean);
    assert.equal(await page.locator('.banner').getAttribute('class'), 'banner verdict-clean');
    assert.equal(await page.locator('.verdict-label').innerText(), 'No findings');
    assert.equal(await page.getByRole('button', { name: 'Report to OSV' }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Allow this version' }).isDisabled(), true);
    assert.equal(await page.getByRole('button', { name: 'Open on npm' }).isDisabled(), false);
    assert.equal(await page.getByRole('button', { name: 'Copy as JSON' }).isDisabled(), true);
    assert.match(await page.locator('details.section', { has: page.locator('h2', { hasText: 'Evidence' }) }).innerText(), /No findings\./);
    // Registry facts is still folded from the reload test: read its text, not what is drawn
    assert.equal((await page.locator('.provenance.yes').textContent())?.trim(), 'Provenance attestation present');
    await page.locator('details.section summary', { hasText: 'Registry facts' }).click();
    await page.evaluate(() => document.fonts.ready);
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'investigate-page-clean.png'), fullPage: true });

    await send({ type: 'empty', message: 'No package is flagged in this workspace.' });
    assert.equal(await page.locator('.empty').innerText(), 'No package is flagged in this workspace.');
  });

  test('hostile text in every field is shown as text and runs nothing', async () => {
    await page.evaluate(() => sessionStorage.clear());
    await open();
    const model = hostileModel();
    // token kinds and flags that name inherited properties must not reach a class list or throw
    model.evidence[0]!.items[0]!.excerpt!.lines[0]!.tokens.push({ text: 'proto', kind: '__proto__' as never }, { text: 'ctor', kind: 'constructor' as never });
    model.files!.files[0]!.flags.push('constructor' as never);
    await show(model);
    const payloadText = XSS_PAYLOADS[1]!;
    await send({ type: 'excerpts', key: model.key, excerpts: [{ id: model.evidence[1]!.items[0]!.id, excerpt: { lines: [{ number: 1, tokens: [{ text: payloadText, kind: 'string' }], hit: true, cutBefore: false, cutAfter: false }], note: XSS_PAYLOADS[0] } }] });
    await page.getByRole('button', { name: 'Show diff' }).click();
    const request = (await posted()).find((m) => m.type === 'requestPatch');
    assert.ok(request && request.type === 'requestPatch');
    await send({ type: 'patch', key: model.key, path: request.path, lines: XSS_PAYLOADS.map((text) => ({ kind: 'add', text })), truncated: false, note: XSS_PAYLOADS[4] });
    await page.locator('.patch-add').first().waitFor();
    await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 300)));

    const report = await page.evaluate(() => {
      const all = Array.from(document.querySelectorAll('*'));
      return {
        xss: (window as unknown as PageWindow).__xss,
        violations: (window as unknown as PageWindow).__cspViolations,
        text: document.body.textContent ?? '',
        handlers: all.flatMap((e) => Array.from(e.attributes).filter((a) => /^on/i.test(a.name)).map((a) => `${e.tagName} ${a.name}`)),
        scriptHrefs: all.filter((e) => /^\s*javascript:/i.test(e.getAttribute('href') ?? '') || /^\s*javascript:/i.test(e.getAttribute('src') ?? '')).length,
        injected: document.querySelectorAll('body img, body svg, body style, body iframe, body a[href], #root script').length,
        scripts: document.querySelectorAll('script').length,
        bodyDisplay: getComputedStyle(document.body).display,
        styleAttributes: document.querySelectorAll('[style]').length,
      };
    });
    assert.equal(report.xss, undefined);
    assert.deepEqual(report.violations, []);
    assert.deepEqual(pageErrors, []);
    for (const payload of XSS_PAYLOADS) assert.ok(report.text.includes(payload), `shown as text: ${payload}`);
    assert.ok(report.text.includes('collector.evil.invalid'), 'the ordinary text around the payloads renders too');
    assert.deepEqual(report.handlers, []);
    assert.equal(report.scriptHrefs, 0);
    assert.equal(report.injected, 0);
    assert.equal(report.scripts, 2, 'the stand-in API and the bundle');
    assert.equal(report.bodyDisplay, 'block');
    assert.equal(report.styleAttributes, 0);
    assert.equal(await page.locator('.verdict-label').innerText(), 'Malicious');
    assert.equal(await page.locator('.evidence-item').count(), 3);
    await page.setViewportSize({ width: 300, height: 900 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0, 'long hostile names wrap instead of widening the page');
    await page.setViewportSize({ width: 420, height: 900 });
    await page.screenshot({ path: path.join(OUTPUT_DIR, 'investigate-page-xss.png'), fullPage: true });
  });

  test('light and high-contrast themes: the page takes their colours, and draws outlines in high contrast', async () => {
    for (const theme of ['light', 'high-contrast']) {
      const themed = await browser.newPage({ viewport: { width: 420, height: 900 } });
      try {
        await themed.goto(`${server.url}?theme=${theme}`);
        await themed.waitForFunction(() => (window as unknown as PageWindow).__posted.some((m) => m.type === 'ready'));
        await themed.evaluate((m) => window.postMessage(m, '*'), { type: 'show', protocol: 1, model: maliciousModel() });
        await themed.locator('.evidence-item').first().waitFor();
        const look = await themed.evaluate(() => {
          const item = getComputedStyle(document.querySelector('.evidence-item')!);
          const button = getComputedStyle(document.querySelector('.actions .button')!);
          return { body: getComputedStyle(document.body).backgroundColor, itemBorder: `${item.borderTopStyle} ${item.borderTopColor}`, buttonBorder: button.borderTopColor };
        });
        if (theme === 'light') {
          assert.deepEqual(look, { body: 'rgb(248, 248, 248)', itemBorder: 'solid rgb(229, 229, 229)', buttonBorder: 'rgba(0, 0, 0, 0.1)' });
        } else {
          assert.deepEqual(look, { body: 'rgb(0, 0, 0)', itemBorder: 'solid rgb(111, 195, 223)', buttonBorder: 'rgb(111, 195, 223)' });
        }
        await themed.evaluate(() => document.fonts.ready);
        await themed.screenshot({ path: path.join(OUTPUT_DIR, `investigate-page-${theme}.png`), fullPage: true });
      } finally {
        await themed.close();
      }
    }
  });
});
