import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { WorkerPool } from '../../src/worker/pool';

const script = path.join(__dirname, '../../dist/worker.js');

test('the product worker parses a lockfile off the calling thread', async (t) => {
  assert.ok(existsSync(script), 'dist/worker.js is built (npm run build)');
  const pool = new WorkerPool({ script, size: 1 });
  t.after(() => pool.dispose());
  const text = readFileSync(path.join(__dirname, '../demo/workspace/changes/package-lock.json'), 'utf8');
  const model = await pool.run({ type: 'parseDependencyFile', kind: 'npm-lock', text });
  assert.equal(model.formatVersion, '3');
  assert.deepEqual(model.entries.map((e) => `${e.name}@${e.version}`).sort(), ['debug@4.3.7', 'is-buffer@1.1.6', 'is-even@1.0.0', 'is-number@3.0.0', 'is-odd@0.1.2', 'kind-of@3.2.2', 'left-pad@1.3.0', 'ms@2.1.3']);
  const broken = await pool.run({ type: 'parseDependencyFile', kind: 'package-json', text: '{"dependencies": {' });
  assert.deepEqual([broken.fatal, broken.problems[0]?.code], [true, 'E_PARSE']);
});
