import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';

const root = path.join(__dirname, '../..');
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8'));

test('the VSIX holds only what runs and what the marketplace shows', () => {
  const listed = execFileSync(process.execPath, [path.join(root, 'node_modules/@vscode/vsce/vsce'), 'ls', '--no-dependencies'], { cwd: root, encoding: 'utf8' })
    .split('\n').map((l) => l.trim()).filter(Boolean).sort();
  const allowed = /^(package\.json|README\.md|CHANGELOG\.md|LICENSE|dist\/(extension|worker|cli)\.js|dist\/octokitModule\.mjs|dist\/webview\/(investigate\.js|codicon\.css|codicon\.ttf)|media\/.+)$/;
  assert.deepEqual(listed.filter((f) => !allowed.test(f)), [], 'files outside the allow-list');
  for (const required of ['package.json', 'README.md', 'CHANGELOG.md', 'LICENSE', 'dist/extension.js', 'dist/worker.js', 'dist/cli.js', 'dist/octokitModule.mjs', 'dist/webview/investigate.js', 'dist/webview/codicon.css', 'dist/webview/codicon.ttf', 'media/investigate.css']) {
    assert.ok(listed.includes(required), `${required} is packaged`);
  }
});

test('the manifest declares what the product card asks', () => {
  assert.equal(manifest.engines.vscode, '^1.100.0');
  assert.equal(manifest.main, './dist/extension.js');
  assert.equal(manifest.bin.takedown, './dist/cli.js');
  assert.deepEqual(manifest.activationEvents.sort(), [
    'workspaceContains:**/bun.lock', 'workspaceContains:**/npm-shrinkwrap.json', 'workspaceContains:**/package-lock.json',
    'workspaceContains:**/package.json', 'workspaceContains:**/pnpm-lock.yaml', 'workspaceContains:**/yarn.lock',
  ]);
  const commands = manifest.contributes.commands as { command: string; category: string }[];
  assert.deepEqual(commands.map((c) => c.command).sort(), ['takedown.clearCache', 'takedown.investigate', 'takedown.investigateAsText', 'takedown.investigateInEditor', 'takedown.refreshFlagged', 'takedown.reportToOsv', 'takedown.scanPackage', 'takedown.scanWorkspace', 'takedown.showLog', 'takedown.submitReport']);
  assert.ok(commands.every((c) => c.category === 'Takedown'));
  // The side bar: a Takedown container holding the Flagged tree above the Investigate webview.
  assert.deepEqual(manifest.contributes.viewsContainers.activitybar.map((c: { id: string; icon: string }) => [c.id, c.icon]), [['takedown', 'media/takedown.svg']]);
  assert.deepEqual(manifest.contributes.views.takedown.map((v: { id: string; type?: string }) => [v.id, v.type ?? 'tree']), [['takedown.flagged', 'tree'], ['takedown.investigate', 'webview']]);
  const menuCommands = Object.values(manifest.contributes.menus as Record<string, { command: string }[]>).flat().map((m) => m.command);
  assert.deepEqual(menuCommands.filter((id) => !commands.some((c) => c.command === id)), [], 'every menu entry names a contributed command');
  for (const id of ['takedown.investigateInEditor', 'takedown.investigateAsText', 'takedown.refreshFlagged']) {
    assert.match((commands.find((c) => c.command === id) as { icon?: string }).icon ?? '', /^\$\([a-z-]+\)$/, `${id} has a codicon for its view-title button`);
  }
  const settings = Object.assign({}, ...manifest.contributes.configuration.map((s: { properties: object }) => s.properties));
  // takedown.allow is named by the editor issue; every other setting is takedown.<area>.<key>.
  assert.deepEqual(Object.keys(settings).filter((k) => !/^takedown\.[a-z]+\.[a-zA-Z]+$/.test(k)).sort(), ['takedown.allow'], 'settings are takedown.<area>.<key>');
  assert.equal(typeof manifest.capabilities.untrustedWorkspaces.supported === 'boolean' || manifest.capabilities.untrustedWorkspaces.supported === 'limited', true);
  const untrusted = manifest.capabilities.untrustedWorkspaces as { supported: string; restrictedConfigurations: string[] };
  assert.equal(untrusted.supported, 'limited');
  for (const key of ['takedown.registry.url', 'takedown.osv.endpoint', 'takedown.osv.offlineFolder', 'takedown.allow']) assert.ok(untrusted.restrictedConfigurations.includes(key), `${key} is restricted`);
  for (const key of untrusted.restrictedConfigurations) assert.ok(key in settings, `${key} is a declared setting`);
  assert.equal(settings['takedown.allow'].scope, 'resource');
  assert.equal(settings['takedown.registry.url'].scope, 'machine');
  for (const [key, value] of Object.entries(settings) as [string, { markdownDescription?: string; default?: unknown }][]) {
    assert.ok(value.markdownDescription, `${key} has a markdownDescription`);
    assert.ok('default' in value, `${key} has a default`);
  }
});
