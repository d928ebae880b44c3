/** The extension as installed in a real VS Code: it activates, registers its commands and logs. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { suite, test } from 'mocha';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitForLogLine } from '../helpers';

suite('Activation', () => {
  test('activates on a workspace that contains a package.json', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is loaded`);
    await extension.activate();
    assert.equal(extension.isActive, true);
    assert.equal(vscode.workspace.workspaceFolders?.length, 1);
  });

  test('registers every command its package.json contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID)!;
    const manifest = JSON.parse(readFileSync(path.join(extension.extensionPath, 'package.json'), 'utf8')) as { contributes: { commands: { command: string }[] } };
    const contributed = manifest.contributes.commands.map((c) => c.command);
    assert.ok(contributed.includes('takedown.scanWorkspace'));
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((id) => !registered.has(id)), []);
  });

  test('logs its version and effective settings on activation', async () => {
    const line = await waitForLogLine(/Takedown \d+\.\d+\.\d+ activated/, 10_000);
    assert.match(line, /\[info\] Takedown 0\.1\.0 activated; settings: \{.*"scanScope":"direct"/);
  });
});

suite('Workspace reading', () => {
  test('reads package.json and package-lock.json against their committed versions (git HEAD)', async () => {
    // Scan Workspace reads every dependency file again; it ends on a notification that waits for
    // the user, so it is not awaited.
    void vscode.commands.executeCommand('takedown.scanWorkspace');
    assert.match(await waitForLogLine(/\] package\.json: /, 15_000), /\] package\.json: package-json, 0 entries, baseline: committed version \(HEAD\)$/);
    assert.match(await waitForLogLine(/\] package-lock\.json: /, 15_000), /\] package-lock\.json: npm-lock v3, 0 entries, baseline: committed version \(HEAD\)$/);
  });
});
