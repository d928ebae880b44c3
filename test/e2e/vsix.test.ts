/**
 * The packaged extension in a real VS Code: dist/takedown.vsix (from `npm run package`) is
 * installed into a fresh code-server, and its commands are run from the command palette.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { after, afterEach, before, describe, test } from 'node:test';
import { CodeServer, copyToTemp, openWorkbench, OUTPUT_DIR, removeTempDir, REPO_ROOT, type Workbench } from './codeServer';

const VSIX = path.join(REPO_ROOT, 'dist', 'takedown.vsix');
const CLI = path.join(REPO_ROOT, 'dist', 'cli.js');
const DEMO = path.join(REPO_ROOT, 'test', 'demo', 'workspace');
const manifest = JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')) as { publisher: string; name: string; version: string };

/**
 * The engine's reading of the same folder through the CLI: the entry counts are the model's
 * business (unit-tested there); these tests check that the extension reads every file through it.
 */
function cliReading(folder: string): { relativePath: string; kind: string; formatVersion?: string; entries: number }[] {
  const files = JSON.parse(execFileSync(process.execPath, [CLI, 'deps', '--json', folder], { encoding: 'utf8' })) as { path: string; kind: string; formatVersion?: string; entries: unknown[] }[];
  return files
    .map((f) => ({ relativePath: path.relative(folder, f.path), kind: f.kind, formatVersion: f.formatVersion, entries: f.entries.length }))
    .sort((a, b) => a.relativePath.localeCompare(b.relativePath));
}

describe('dist/takedown.vsix in code-server', { timeout: 240_000 }, () => {
  let server: CodeServer | undefined;
  let workbench: Workbench | undefined;
  let workspace: string;

  before(async () => {
    assert.ok(existsSync(VSIX), `${VSIX} is missing: run npm run package first (npm run test:e2e does)`);
    workspace = copyToTemp(DEMO);
    server = await CodeServer.start({ vsix: [VSIX] });
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
    if (workspace) removeTempDir(workspace);
  });

  test('--install-extension put takedown.takedown@0.1.0 into the extensions folder', async () => {
    assert.equal(`${manifest.publisher}.${manifest.name}@${manifest.version}`, 'takedown.takedown@0.1.0');
    const listed = (await server!.cli('--list-extensions', '--show-versions')).split('\n').map((l) => l.trim()).filter(Boolean);
    assert.deepEqual(listed, ['takedown.takedown@0.1.0']);
  });

  test('the workbench opens the demo workspace', async () => {
    workbench = await openWorkbench(server!, workspace);
    await workbench.screenshot('1-workbench');
    const rows = await workbench.page.locator('.explorer-folders-view .monaco-list-row').allInnerTexts();
    assert.deepEqual(rows.map((r) => r.trim()), ['changes', 'package-lock.json', 'package.json']);
  });

  test('Takedown: Scan Workspace reads the 4 dependency files of the demo workspace', async () => {
    // The root's package.json and package-lock.json, and the two under changes/.
    assert.deepEqual(cliReading(workspace).map((f) => f.relativePath), ['changes/package-lock.json', 'changes/package.json', 'package-lock.json', 'package.json']);
    const entries = cliReading(workspace).reduce((sum, f) => sum + f.entries, 0);

    await workbench!.runCommand('Takedown: Scan Workspace');
    const message = await workbench!.waitForNotification(/^Takedown read /);
    await workbench!.screenshot('2-scan-notification');
    assert.equal(
      message,
      `Takedown read 4 dependency file(s) with ${entries} entries. Package analysis is not available yet in this version: nothing was checked for malware.`,
    );
  });

  test('Takedown: Show Log shows the activation line and the scanned files in the Output panel', async () => {
    await workbench!.runCommand('Takedown: Show Log');
    const activated = await workbench!.waitForOutputLine(/Takedown 0\.1\.0 activated/);
    await workbench!.screenshot('3-output-log');
    assert.match(activated, /^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} \[info\] Takedown 0\.1\.0 activated; settings: \{"scanScope":"direct","maxDependencyFileBytes":33554432\}$/);
    const output = await workbench!.readOutput();
    assert.equal(output.channel, 'Takedown');
    // one line per file, in path order, with what the CLI reads in the same file
    const scanned = output.lines.filter((l) => /\[info\] \S+: (package-json|npm-lock)/.test(l)).map((l) => l.replace(/^.*\[info\] /, ''));
    assert.deepEqual(
      scanned,
      cliReading(workspace).map((f) => `${f.relativePath}: ${f.kind}${f.formatVersion ? ` v${f.formatVersion}` : ''}, ${f.entries} entries`),
    );
    assert.equal(scanned[0], 'changes/package-lock.json: npm-lock v3, 8 entries');
  });
});
