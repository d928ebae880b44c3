import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

const root = path.join(__dirname, '../..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) => (d.isDirectory() ? sources(path.join(dir, d.name)) : d.name.endsWith('.ts') ? [path.join(dir, d.name)] : []));
}

const VSCODE_IMPORT = /(?:from\s+|import\s*\(\s*|require\s*\(\s*|import\s+)['"]vscode['"]/;

test('no file under src/engine imports vscode', () => {
  const offenders = sources(path.join(root, 'src/engine')).filter((f) => VSCODE_IMPORT.test(readFileSync(f, 'utf8')));
  assert.deepEqual(offenders, []);
  assert.ok(VSCODE_IMPORT.test(`import * as vscode from 'vscode';`), 'the pattern itself must catch an import');
});

test('the worker and the CLI bundle without vscode, even transitively', async () => {
  for (const entry of ['src/worker/worker.ts', 'src/cli/main.ts']) {
    const result = await build({ entryPoints: [path.join(root, entry)], bundle: true, platform: 'node', write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs);
    assert.ok(inputs.some((i) => i.includes('src/engine/deps')), `${entry} should include the engine`);
    assert.ok(!inputs.some((i) => i === 'vscode' || i.includes('node_modules/vscode')), `${entry} pulls in vscode`);
  }
});
