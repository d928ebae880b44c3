/**
 * The README's first command, live part: test/demo/serve.ts (what `npm run demo` ends with) is
 * started as a user would, its printed URL is opened in headless Chromium, the demo's malicious
 * dependency must show in the Problems panel, and Ctrl-C must stop everything it started.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { after, describe, test } from 'node:test';
import { makeTempDir, openWorkbench, removeTempDir, REPO_ROOT, type Workbench } from './codeServer';
import { freePort } from '../support/freePort';

const SERVE = path.join(REPO_ROOT, 'test', 'demo', 'serve.ts');

function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), resolve(true)));
    socket.once('error', () => resolve(false));
  });
}

describe('npm run demo (test/demo/serve.ts)', { timeout: 240_000 }, () => {
  let demo: ChildProcess | undefined;
  let workbench: Workbench | undefined;
  const profile = makeTempDir('takedown-e2e-demo-browser-');
  let output = '';

  after(async () => {
    await workbench?.close();
    // SIGINT first: serve.ts stops code-server's process group on it, which SIGKILL would orphan
    if (demo && demo.exitCode === null && demo.signalCode === null) {
      const gone = new Promise((resolve) => demo!.once('exit', resolve));
      demo.kill('SIGINT');
      const timer = setTimeout(() => demo!.kill('SIGKILL'), 15_000);
      await gone;
      clearTimeout(timer);
    }
    removeTempDir(profile);
  });

  test('serves the demo workspace with the malicious dependency flagged, and stops on Ctrl-C', async () => {
    assert.ok(existsSync(path.join(REPO_ROOT, 'dist', 'takedown.vsix')), 'dist/takedown.vsix is built (npm run test:e2e packages it)');
    const port = await freePort();
    demo = spawn(process.execPath, ['--import', 'tsx', SERVE], { cwd: REPO_ROOT, env: { ...process.env, TAKEDOWN_DEMO_PORT: String(port) }, stdio: ['ignore', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => demo!.once('exit', (code) => resolve(code)));
    demo.stdout!.on('data', (d: Buffer) => (output += d.toString()));
    demo.stderr!.on('data', (d: Buffer) => (output += d.toString()));

    const deadline = Date.now() + 120_000;
    let url: string | undefined;
    while (!url && Date.now() < deadline && demo.exitCode === null) {
      url = /Open (http:\/\/127\.0\.0\.1:\d+\/\?folder=\S+)/.exec(output)?.[1];
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.ok(url, `the demo printed a URL to open:\n${output}`);
    const { origin, searchParams } = new URL(url);
    assert.equal(origin, `http://127.0.0.1:${port}`);
    const folder = searchParams.get('folder')!;

    workbench = await openWorkbench({ url: origin, root: profile, env: process.env }, folder);
    await workbench.openFile('package.json', '@takedown-demo/evil-setup');
    const { row } = await workbench.waitForProblem(/Malicious: @takedown-demo\/evil-setup@1\.0\.0/, 60_000);
    await workbench.screenshot('demo');
    assert.match(row, /\[Ln 7, Col \d+\]/);
    await workbench.close();
    workbench = undefined;

    demo.kill('SIGINT');
    assert.equal(await exited, 130);
    assert.equal(await listening(port), false, 'code-server no longer listens');
    assert.equal(existsSync(folder), false, 'the workspace copy is removed');
  });
});
