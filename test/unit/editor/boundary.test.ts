import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { build } from 'esbuild';

const root = path.join(__dirname, '../../..');
const modelDir = path.join(root, 'src/editor/model');

test('the editor logic under src/editor/model never imports vscode, even transitively', async () => {
  const files = (readdirSync(modelDir, { recursive: true }) as string[]).filter((f) => f.endsWith('.ts'));
  assert.ok(files.includes(path.join('investigate', 'buildModel.ts')), 'subfolders are checked too');
  assert.ok(files.length >= 30, `${files.length} model modules`);
  const result = await build({ entryPoints: files.map((f) => path.join(modelDir, f)), bundle: true, platform: 'node', write: false, metafile: true, logLevel: 'silent', outdir: '/tmp/takedown-model-boundary' });
  const inputs = Object.keys(result.metafile.inputs);
  assert.deepEqual(inputs.filter((i) => i === 'vscode' || i.includes('node_modules/vscode')), []);
  assert.deepEqual(files.filter((f) => /from ['"]vscode['"]/.test(readFileSync(path.join(modelDir, f), 'utf8'))), []);
});
