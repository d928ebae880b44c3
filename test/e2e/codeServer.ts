import assert from 'node:assert/strict';
/**
 * A real VS Code for end-to-end tests: code-server (VS Code 1.100.3 with a Node extension host)
 * installed by test/e2e/setup.sh, driven through Debian's Chromium with playwright-core.
 *
 * Every process started here is stopped by its own id: code-server as a process group (its
 * extension host, pty host and file watcher are its children), Chromium through Playwright.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { format, promisify } from 'node:util';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { freePort } from '../support/freePort';

const execFileAsync = promisify(execFile);

/** Must match CS_VERSION in test/e2e/setup.sh. */
export const CODE_SERVER_VERSION = '4.100.3';
export const E2E_HOME = process.env.TAKEDOWN_E2E_HOME ?? path.join(os.homedir(), '.cache', 'takedown-e2e');
export const CODE_SERVER_BIN = path.join(E2E_HOME, `code-server-${CODE_SERVER_VERSION}`, 'node_modules', '.bin', 'code-server');
export const CHROMIUM = '/usr/bin/chromium';
// without the background-networking flags Chromium keeps trying hosts this machine cannot reach
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
export const REPO_ROOT = path.resolve(__dirname, '../..');
export const OUTPUT_DIR = path.join(REPO_ROOT, '.test-output', 'e2e');

/** Written before the first start so that nothing reaches for the network or covers the workbench. */
const USER_SETTINGS = {
  // else a schemastore download fails and lands as a warning in Problems on every package.json
  'json.schemaDownload.enable': false,
  'npm.fetchOnlinePackageInfo': false,
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'security.workspace.trust.enabled': false,
  'chat.disableAIFeatures': true,
  // one view line per logged line, so that the Output panel can be read back line by line
  '[Log]': { 'editor.wordWrap': 'off' },
};

const SERVER_FLAGS = ['--auth', 'none', '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override'];

// code-server runs in its own process group. Groups and temp folders still here when the test
// process exits without reaching stop() (an uncaught error, Ctrl-C on a developer's terminal, the
// runner's timeout) are killed and removed on the way out.
const liveGroups = new Set<number>();
const tempDirs = new Set<string>();
function killGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // the group is gone already
  }
}
function cleanUpLeftovers(): void {
  for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
  for (const dir of tempDirs) rmSync(dir, { recursive: true, force: true });
}
process.on('exit', cleanUpLeftovers);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    cleanUpLeftovers();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  });
}

/** A temp folder removed by removeTempDir(), or when the test process exits, whichever comes first. */
export function makeTempDir(prefix: string): string {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.add(dir);
  return dir;
}

export function removeTempDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
  tempDirs.delete(dir);
}

/** A throwaway copy of a fixture folder, so that a test may change files in it. */
export function copyToTemp(folder: string): string {
  const dir = makeTempDir(`takedown-e2e-${path.basename(folder)}-`);
  cpSync(folder, dir, { recursive: true });
  return dir;
}

export interface StartOptions {
  /** VSIX files installed with `code-server --install-extension` before the server starts. */
  vsix?: string[];
  /** Extra user settings, merged over the defaults above. */
  settings?: Record<string, unknown>;
  /** Environment for code-server, and so for the extension host. */
  env?: Record<string, string>;
  /** Listen on this port (the demo's stable URL); default a free one. */
  port?: number;
}

export class CodeServer {
  private output = '';

  private constructor(
    /** Temp folder holding this instance's user data, extensions, XDG dirs and browser profile. */
    readonly root: string,
    readonly env: NodeJS.ProcessEnv,
    private child?: ChildProcess,
    private portNumber = 0,
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.portNumber}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get userDataDir(): string {
    return path.join(this.root, 'user-data');
  }

  get extensionsDir(): string {
    return path.join(this.root, 'extensions');
  }

  /** What code-server printed so far: attach it to a failure. */
  get log(): string {
    return this.output;
  }

  static async start(options: StartOptions = {}): Promise<CodeServer> {
    if (!existsSync(CODE_SERVER_BIN)) {
      throw new Error(`code-server ${CODE_SERVER_VERSION} is not installed at ${CODE_SERVER_BIN}: run bash test/e2e/setup.sh`);
    }
    const root = makeTempDir('takedown-e2e-server-');
    // code-server's own mkdir is not recursive
    for (const dir of ['user-data/User', 'user-data/Machine', 'extensions', 'xdg-config', 'xdg-data', 'xdg-cache']) mkdirSync(path.join(root, dir), { recursive: true });
    const settings = JSON.stringify({ ...USER_SETTINGS, ...options.settings }, null, 2);
    writeFileSync(path.join(root, 'user-data/User/settings.json'), settings);
    // The workbench is a remote window: settings scoped to the machine (Takedown's registry and
    // OSV endpoint) are read from the remote's Machine settings, not from the User ones.
    writeFileSync(path.join(root, 'user-data/Machine/settings.json'), settings);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      ...options.env,
      // no marketplace: it is unreachable, and a lookup would only add errors to the log
      EXTENSIONS_GALLERY: '{}',
      // else code-server and Chromium write config, logs and caches into the home folder
      XDG_CONFIG_HOME: path.join(root, 'xdg-config'),
      XDG_DATA_HOME: path.join(root, 'xdg-data'),
      XDG_CACHE_HOME: path.join(root, 'xdg-cache'),
      // lets tests inside the extension host find the logs under user-data/logs/
      TAKEDOWN_E2E_SERVER_ROOT: root,
    };
    // $PORT overrides the port given in --bind-addr
    delete env.PORT;
    const server = new CodeServer(root, env);
    try {
      for (const vsix of options.vsix ?? []) await server.cli('--install-extension', vsix);
      await server.launch(options.port);
      return server;
    } catch (error) {
      await server.stop();
      throw error;
    }
  }

  /** Runs code-server's command line (install, list extensions) against this instance's folders. */
  async cli(...args: string[]): Promise<string> {
    const { stdout } = await execFileAsync(CODE_SERVER_BIN, ['--config', '/dev/null', '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir, ...args], {
      env: this.env,
      timeout: 60_000,
    });
    return stdout;
  }

  private async launch(fixedPort?: number): Promise<void> {
    // A stale server on a fixed port would answer /healthz as if it were this one.
    if (fixedPort !== undefined && (await httpStatus(`http://127.0.0.1:${fixedPort}/healthz`)) !== 0) {
      throw new Error(`port ${fixedPort} on 127.0.0.1 is already in use: stop what listens there or choose another port`);
    }
    // A port found free can be taken before code-server binds it; try another one then.
    for (let attempt = 1; ; attempt++) {
      this.portNumber = fixedPort ?? (await freePort());
      this.output = '';
      const child = spawn(
        CODE_SERVER_BIN,
        ['--config', '/dev/null', '--bind-addr', `127.0.0.1:${this.portNumber}`, ...SERVER_FLAGS, '--user-data-dir', this.userDataDir, '--extensions-dir', this.extensionsDir],
        { env: this.env, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
      );
      this.child = child;
      if (child.pid !== undefined) liveGroups.add(child.pid);
      child.stdout.on('data', (d: Buffer) => (this.output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (this.output += d.toString()));
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      const healthy = await waitFor(() => httpStatus(`${this.url}/healthz`).then((s) => s === 200), 30_000, exited);
      if (healthy) return;
      const inUse = /EADDRINUSE/.test(this.output);
      await this.stopProcess();
      if (!inUse || attempt >= 3 || fixedPort !== undefined) throw new Error(`code-server did not answer ${this.url}/healthz:\n${this.output}`);
    }
  }

  private async stopProcess(): Promise<void> {
    const child = this.child;
    if (!child?.pid) return;
    const pid = child.pid;
    const exited = child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise<void>((resolve) => child.once('exit', () => resolve()));
    killGroup(pid, 'SIGTERM');
    const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), 10_000).unref());
    if ((await Promise.race([exited, timer])) === 'timeout') killGroup(pid, 'SIGKILL');
    // the extension host and pty host outlive their parent for a moment
    await waitFor(async () => !groupAlive(pid), 5_000);
    killGroup(pid, 'SIGKILL');
    liveGroups.delete(pid);
    this.child = undefined;
  }

  /** Stops code-server and everything it started, then removes the temp folder. Safe to call twice. */
  async stop(): Promise<void> {
    await this.stopProcess();
    removeTempDir(this.root);
  }
}

export interface OutputView {
  channel: string;
  lines: string[];
}

export interface Workbench {
  page: Page;
  /** Saves a PNG into .test-output/e2e/ and returns its path. */
  screenshot(name: string): Promise<string>;
  /** F1, the command's title, Enter. */
  runCommand(title: string): Promise<void>;
  /** Waits for a notification toast whose message matches, and returns its message text. */
  waitForNotification(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** The Output panel: the channel it shows and all of its lines (scrolled through, top to bottom). */
  readOutput(): Promise<OutputView>;
  /** Reads the Output panel until a line matches, and returns that line. */
  waitForOutputLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Opens a workspace file in the editor with Quick Open and waits until `visibleText` shows in it. */
  openFile(name: string, visibleText: string): Promise<void>;
  /** Puts a new line with `text` after the editor's 1-based line `afterLine`, as typed, then saves. */
  insertLineAndSave(afterLine: number, text: string): Promise<void>;
  /** Focuses the Problems panel and waits for a row whose text matches; returns every row's text. */
  waitForProblem(pattern: RegExp, timeoutMs?: number): Promise<{ row: string; rows: string[] }>;
  /** Rests the mouse on the first editor token containing `token` and returns the hover's text once it matches. */
  hover(token: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  close(): Promise<void>;
}

/**
 * Opens `folder` in headless Chromium and waits until the explorer lists its files, which means
 * the remote file system and the extension host are connected.
 */
export async function openWorkbench(server: Pick<CodeServer, 'url' | 'root' | 'env'>, folder: string): Promise<Workbench> {
  mkdirSync(OUTPUT_DIR, { recursive: true });
  const profile = mkdtempSync(path.join(server.root, 'chromium-'));
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    viewport: { width: 1400, height: 900 },
    env: { ...server.env },
    args: CHROMIUM_ARGS,
  });
  const close = async () => {
    await context.close().catch(() => undefined);
  };
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(folder)}`);
    for (const name of readdirSync(folder).filter((n) => !n.startsWith('.'))) {
      await page.locator('.explorer-folders-view .monaco-list-row').getByText(name, { exact: true }).first().waitFor({ state: 'visible', timeout: 60_000 });
    }
    return {
      page,
      screenshot: async (name) => {
        const file = path.join(OUTPUT_DIR, `${name}.png`);
        await page.screenshot({ path: file });
        return file;
      },
      runCommand: (title) => runCommand(page, title),
      waitForNotification: (pattern, timeoutMs = 30_000) => waitForNotification(page, pattern, timeoutMs),
      readOutput: () => readOutput(page),
      waitForOutputLine: (pattern, timeoutMs = 30_000) => waitForOutputLine(page, pattern, timeoutMs),
      openFile: (name, visibleText) => openFile(page, name, visibleText),
      insertLineAndSave: (afterLine, text) => insertLineAndSave(page, afterLine, text),
      waitForProblem: (pattern, timeoutMs = 30_000) => waitForProblem(page, pattern, timeoutMs),
      hover: (token, pattern, timeoutMs = 30_000) => hover(page, token, pattern, timeoutMs),
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}

/**
 * Ends a browser test's session: the page, then code-server (asserting its whole process group is
 * gone), then the local servers it used, then the workspace copy.
 */
export async function closeSession(parts: { workbench?: Workbench; server?: CodeServer; servers?: ({ stop(): Promise<void> } | { close(): Promise<void> } | undefined)[]; workspace?: string }): Promise<void> {
  await parts.workbench?.close();
  if (parts.server) {
    const pid = parts.server.pid;
    await parts.server.stop();
    if (pid !== undefined) assert.throws(() => process.kill(-pid, 0), 'code-server and its children are gone');
  }
  await Promise.all((parts.servers ?? []).map((s) => (s === undefined ? undefined : 'stop' in s ? s.stop() : s.close())));
  if (parts.workspace) removeTempDir(parts.workspace);
}

export interface ExtensionTestRun {
  /** Folder opened as the workspace. */
  folder: string;
  /** The extension under development (a folder with its package.json). */
  extensionDevelopmentPath: string;
  /** A module exporting `run(): Promise<void>`, loaded into the extension host. */
  extensionTestsPath: string;
  timeoutMs?: number;
  /** Receives every line the workbench and the extension host log (mocha's reporter included). */
  onLog?: (line: string, level: string) => void;
}

/**
 * Runs an extension's tests inside code-server's extension host and resolves with their exit code
 * (0 when `run()` resolved). code-server's command line rejects --extensionDevelopmentPath, but
 * the web workbench takes the same two settings from the `payload` URL parameter, as VS Code's own
 * browser integration tests do, and reports the end of the run through window.codeAutomationExit.
 */
export async function runExtensionTests(server: CodeServer, run: ExtensionTestRun): Promise<number> {
  const remote = (file: string) => `vscode-remote://${new URL(server.url).host}${path.resolve(file)}`;
  const payload = [
    ['extensionDevelopmentPath', remote(run.extensionDevelopmentPath)],
    ['extensionTestsPath', remote(run.extensionTestsPath)],
    ['skipWelcome', 'true'],
  ];
  const profile = mkdtempSync(path.join(server.root, 'chromium-tests-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    env: { ...server.env },
    args: CHROMIUM_ARGS,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    let finish: (code: number) => void = () => undefined;
    const finished = new Promise<number>((resolve) => (finish = resolve));
    const onLog = run.onLog ?? ((line: string) => console.log(line));
    // In test mode the workbench hands its log and the extension host's console to this function.
    await page.exposeFunction('codeAutomationLog', (level: string, args: unknown) => {
      const list = Array.isArray(args) ? args : [args];
      const text = typeof list[0] === 'string' ? format(...list) : list.map((a) => JSON.stringify(a)).join(' ');
      // stack frames of the workbench's own warnings drown the reporter's lines
      for (const line of text.split('\n')) if (!/^\s+at /.test(line)) onLog(line, level);
    });
    await page.exposeFunction('codeAutomationExit', (code: number) => finish(code));
    const timeoutMs = run.timeoutMs ?? 180_000;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`the extension tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(run.folder)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
    try {
      return await Promise.race([finished, timedOut]);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await context.close().catch(() => undefined);
  }
}

async function runCommand(page: Page, title: string): Promise<void> {
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`>${title}`);
  const label = '.quick-input-list-label .label-name';
  const row = page.locator('.quick-input-list .monaco-list-row').filter({ has: page.locator(label).getByText(title, { exact: true }) }).first();
  await row.waitFor({ state: 'visible', timeout: 15_000 });
  // Enter takes the focused row, which need not be the exact title (recently used commands
  // rank first); then the row is clicked instead.
  const focused = await page.locator(`.quick-input-list .monaco-list-row.focused ${label}`).innerText().catch(() => '');
  if (focused.replace(/\u00a0/g, ' ').trim() === title) await page.keyboard.press('Enter');
  else await row.click();
  await input.waitFor({ state: 'hidden' });
}

const EDITOR = '.editor-instance .monaco-editor';

async function openFile(page: Page, name: string, visibleText: string): Promise<void> {
  await page.keyboard.press('Control+P');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor({ state: 'visible', timeout: 15_000 });
  await page.keyboard.press('Enter');
  await page.locator(EDITOR).first().locator('.view-line', { hasText: visibleText }).first().waitFor({ state: 'visible', timeout: 30_000 });
}

async function insertLineAndSave(page: Page, afterLine: number, text: string): Promise<void> {
  // Go to Line puts the cursor there whatever the layout; insertText adds the text as one
  // input event, so auto-closing quotes and suggestions do not alter it.
  await page.keyboard.press('Control+G');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(`:${afterLine}`);
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden' });
  await page.keyboard.press('End');
  await page.keyboard.press('Enter');
  await page.keyboard.insertText(text);
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+S');
  // the tab's dirty mark goes once the save is done
  await page.locator('.tabs-container .tab.active.dirty').waitFor({ state: 'detached', timeout: 15_000 });
}

async function waitForProblem(page: Page, pattern: RegExp, timeoutMs: number): Promise<{ row: string; rows: string[] }> {
  await runCommand(page, 'View: Focus Problems');
  const rows = page.locator('.markers-panel .monaco-list-row');
  const row = await waitForText(rows, (t) => pattern.test(t.replace(/\s+/g, ' ')), timeoutMs, `a Problems row matching ${pattern}`);
  const all = (await rows.allInnerTexts()).map((t) => t.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ').trim());
  return { row: row.replace(/\s+/g, ' '), rows: all };
}

async function hover(page: Page, token: string, pattern: RegExp, timeoutMs: number): Promise<string> {
  const span = page.locator(EDITOR).first().locator('.view-line span span', { hasText: token }).first();
  await span.waitFor({ state: 'visible', timeout: 15_000 });
  const box = await span.boundingBox();
  if (!box) throw new Error(`the token ${token} has no box on screen`);
  // two moves: the editor starts its hover timer on a mouse move inside the token
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.move(box.x + box.width / 2 + 3, box.y + box.height / 2);
  const content = page.locator('.monaco-hover:not(.hidden) .monaco-hover-content');
  return (await waitForText(content, (t) => pattern.test(t), timeoutMs, `a hover matching ${pattern}`)).replace(/\s+/g, ' ');
}

async function waitForNotification(page: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  const messages = page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
  const text = await waitForText(messages, (t) => pattern.test(t), timeoutMs, `a notification matching ${pattern}`);
  // Toasts slide in: let it come to rest so that a screenshot shows all of it.
  const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text.slice(0, 40) }).first();
  let previous = '';
  for (let i = 0; i < 20; i++) {
    const box = JSON.stringify(await toast.boundingBox());
    if (box === previous) break;
    previous = box;
    await page.waitForTimeout(100);
  }
  return text;
}

const OUTPUT_EDITOR = '.part.panel .output-view .monaco-editor';

async function readOutput(page: Page): Promise<OutputView> {
  const editor = page.locator(OUTPUT_EDITOR);
  await editor.waitFor({ state: 'visible' });
  const channel = await page.locator('.part.panel .monaco-select-box').first().inputValue();
  // A raw click left of centre puts the keyboard into the editor: Playwright's element click
  // refuses because Monaco's scroll shadow covers the lines' edges, and notification toasts
  // sit on the right. (The mouse wheel needs no focus but scrolls three lines a turn.)
  const box = await editor.boundingBox();
  if (!box) throw new Error('the Output editor has no box on screen');
  await page.mouse.click(box.x + 100, box.y + box.height / 2);
  // Monaco renders only the lines in view, each at its absolute offset from the top: collect
  // them by offset while paging from the first line to the last.
  await page.keyboard.press('Control+Home');
  const byTop = new Map<number, string>();
  for (let unchanged = 0, pages = 0; unchanged < 2 && pages < 500; pages++) {
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    const visible = await editor.locator('.view-line').evaluateAll((els) => els.map((el) => [parseFloat((el as HTMLElement).style.top), (el as HTMLElement).innerText] as const));
    const before = byTop.size;
    for (const [top, text] of visible) byTop.set(top, text.replace(/\u00a0/g, ' '));
    unchanged = byTop.size === before ? unchanged + 1 : 0;
    await page.keyboard.press('PageDown');
  }
  const lines = [...byTop.entries()].sort(([a], [b]) => a - b).map(([, text]) => text);
  while (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return { channel, lines };
}

async function waitForOutputLine(page: Page, pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let last: OutputView | undefined;
  while (Date.now() < deadline) {
    last = await readOutput(page).catch(() => undefined);
    const hit = last?.lines.find((line) => pattern.test(line));
    if (hit !== undefined) return hit;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for an Output line matching ${pattern}; last seen: ${JSON.stringify(last)}`);
}

/** Polls every element of `locator` until one's text passes `accept`; Monaco's spaces are non-breaking. */
async function waitForText(locator: ReturnType<Page['locator']>, accept: (text: string) => boolean, timeoutMs: number, what: string): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  let seen: string[] = [];
  while (Date.now() < deadline) {
    seen = (await locator.allInnerTexts().catch(() => [])).map((t) => t.replace(/\u00a0/g, ' ').trim());
    const hit = seen.find(accept);
    if (hit !== undefined) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; last seen: ${JSON.stringify(seen)}`);
}

function httpStatus(url: string): Promise<number> {
  return new Promise((resolve) => {
    const request = http.get(url, { timeout: 2_000 }, (response) => {
      response.resume();
      resolve(response.statusCode ?? 0);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(0));
  });
}

/** Polls `check` until it holds (true) or the time or `abort` runs out (false). */
async function waitFor(check: () => Promise<boolean>, timeoutMs: number, abort?: Promise<void>): Promise<boolean> {
  let aborted = false;
  void abort?.then(() => (aborted = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return true;
    if (aborted) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}
