/**
 * The Investigate side bar in a real VS Code: the host's half of the panel. What the page was sent
 * and the Flagged tree are read through the test hook `takedown.internal.investigateState`; the page
 * itself (its DOM, the XSS payloads) is tested in Chromium by test/e2e/investigate.test.ts.
 */
import assert from 'node:assert/strict';
import { suite, suiteSetup, test } from 'mocha';
import * as vscode from 'vscode';
import { editAndSave, fixtures, packageJson, waitForDiagnostics, waitForIdle, workspaceFile } from '../helpers';

interface InvestigateState {
  visible: boolean;
  viewVisible: boolean;
  panelVisible: boolean;
  posted: string[];
  model?: { key: string; verdict: string; evidenceCount: number; evidence: { file?: string; line?: number }[] };
  excerpts?: { key: string; lineCounts: number[] };
  treeGroups: { label: string; items: string[] }[];
}

async function investigateState(): Promise<InvestigateState> {
  return (await vscode.commands.executeCommand<InvestigateState>('takedown.internal.investigateState'))!;
}

async function waitForState(accept: (s: InvestigateState) => boolean, what: string, timeoutMs = 20_000): Promise<InvestigateState> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = await investigateState();
    if (accept(state)) return state;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}; state: ${JSON.stringify(state)}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

suite('Investigate', () => {
  const f = fixtures();
  const manifest = workspaceFile('package.json');
  const evil = `${f.evil}@1.0.0`;

  suiteSetup(async () => {
    await waitForIdle();
    // The diagnostics suite allowed this version; take that back so it is flagged again.
    await vscode.workspace.getConfiguration('takedown').update('allow', undefined, vscode.ConfigurationTarget.Workspace);
    await editAndSave(manifest, packageJson({ [f.clean]: '1.0.0', [f.beacon]: '1.0.0', [f.knownBad]: '1.0.0', [f.evil]: '1.0.0' }));
    await waitForDiagnostics(manifest, (d) => d.some((x) => x.message.startsWith(`Malicious: ${evil}`)), 15_000, `a diagnostic for ${evil}`);
  });

  test('Investigate from a flagged line shows the package with its evidence, then excerpts read from the package', async () => {
    await vscode.commands.executeCommand('takedown.investigate', { name: f.evil, version: '1.0.0' });
    const state = await waitForState((s) => s.visible && s.model?.key === evil && s.excerpts?.key === evil, `the Investigate view to show ${evil} with excerpts`);
    assert.equal(state.viewVisible, true);
    assert.equal(state.model?.verdict, 'malicious');
    // both findings of the fixture point at its preinstall script
    assert.deepEqual(state.model?.evidence, [
      { file: 'package.json', line: 7 },
      { file: 'package.json', line: 7 },
    ]);
    // the page said ready before anything was sent; the excerpts follow the model
    const show = state.posted.lastIndexOf('show');
    assert.ok(show >= 0 && state.posted.indexOf('excerpts', show) > show, state.posted.join(', '));
    // package.json has 11 lines: two before and two after line 7
    assert.deepEqual(state.excerpts?.lineCounts, [5, 5]);
  });

  test('the Flagged tree lists the package under its verdict, with the count', async () => {
    const state = await waitForState((s) => s.treeGroups.some((g) => g.items.includes(evil)), `${evil} in the Flagged tree`);
    const malicious = state.treeGroups.find((g) => g.label.startsWith('Malicious ('));
    assert.ok(malicious, JSON.stringify(state.treeGroups));
    assert.ok(malicious.items.includes(evil), JSON.stringify(malicious));
    assert.equal(malicious.label, `Malicious (${malicious.items.length})`);
    // clean packages are not listed at all
    assert.deepEqual(state.treeGroups.flatMap((g) => g.items).filter((i) => i.startsWith(`${f.clean}@`)), []);
    assert.ok(state.treeGroups.every((g) => /^(Malicious|Suspicious|Unknown|Notable) \(\d+\)$/.test(g.label)), JSON.stringify(state.treeGroups));
  });

  test('Open in Editor shows the same package in an editor tab', async () => {
    const before = (await investigateState()).posted.filter((t) => t === 'show').length;
    await vscode.commands.executeCommand('takedown.investigateInEditor');
    const state = await waitForState((s) => s.panelVisible && s.posted.filter((t) => t === 'show').length > before, 'the editor tab to be sent the package');
    assert.equal(state.model?.key, evil);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
    await waitForState((s) => !s.panelVisible, 'the editor tab to close');
  });

  test('allowing the version takes it off the Flagged tree', async () => {
    await vscode.commands.executeCommand('takedown.allowVersion', { name: f.evil, version: '1.0.0', uri: manifest.toString() });
    await waitForDiagnostics(manifest, (d) => !d.some((x) => x.message.includes(evil)), 10_000, `the diagnostic for ${evil} to go`);
    const state = await waitForState((s) => !s.treeGroups.some((g) => g.items.includes(evil)), `${evil} to leave the Flagged tree`);
    assert.ok(state.treeGroups.every((g) => g.label === `${g.label.split(' ')[0]} (${g.items.length})`), JSON.stringify(state.treeGroups));
  });
});
