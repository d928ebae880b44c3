// Activation cost as VS Code pays it: loading dist/extension.js (compiling the bundle) plus
// activate(), each in a fresh Node process, with the test suite's stand-in `vscode` module.
//
//   npm run bench:activation [-- --runs 15]
//
// Target (issue 5): ≤ 30 ms. Run `npm run build` (or `npm run build:production`) first: it measures
// whatever dist/extension.js is there.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const ROOT = path.resolve(__dirname, '../..');
const EXTENSION = path.join(ROOT, 'dist', 'extension.js');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' } } });
const runs = Math.max(1, Number(values.runs));

// The child is plain JavaScript, so no TypeScript loader takes part in what is measured.
const CHILD = `
const Module = require('module');
const { performance } = require('perf_hooks');
const { createFakeVscode, declaredDefaults } = require(process.argv[2]);
const fake = createFakeVscode(declaredDefaults(process.argv[4]));
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? fake.vscode : load.call(this, request, ...rest); };
const memento = { get: (_k, d) => d, update: async () => undefined, keys: () => [] };
const uri = (p) => fake.vscode.Uri.file(p);
const start = performance.now();
const extension = require(process.argv[3]);
const loaded = performance.now();
extension.activate({ subscriptions: [], extensionUri: uri('/fake/ext'), globalStorageUri: uri('/fake/global'), storageUri: uri('/fake/storage'), workspaceState: memento, extension: { packageJSON: { version: 'bench' } }, extensionMode: 1 });
const activated = performance.now();
process.stdout.write(JSON.stringify({ load: loaded - start, activate: activated - loaded }));
process.exit(0);
`;

async function main(): Promise<void> {
  if (!existsSync(EXTENSION)) throw new Error(`${EXTENSION} is missing: run npm run build first`);
  const temp = mkdtempSync(path.join(os.tmpdir(), 'takedown-bench-activation-'));
  try {
    const fake = path.join(temp, 'fakeVscode.js');
    await build({ entryPoints: [path.join(ROOT, 'test/unit/editor/fakeVscode.ts')], bundle: true, platform: 'node', format: 'cjs', outfile: fake, logLevel: 'warning' });
    const child = path.join(temp, 'child.js');
    writeFileSync(child, CHILD);
    const samples: { load: number; activate: number }[] = [];
    for (let i = 0; i < runs; i++) samples.push(JSON.parse(execFileSync(process.execPath, [child, fake, EXTENSION, ROOT], { encoding: 'utf8' })));
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const range = (xs: number[]) => `${Math.min(...xs).toFixed(1)}–${Math.max(...xs).toFixed(1)} ms`;
    const totals = samples.map((s) => s.load + s.activate);
    console.log(`dist/extension.js: ${(statSync(EXTENSION).size / 1024).toFixed(0)} KB, ${runs} fresh processes, load average ${os.loadavg()[0]!.toFixed(2)}`);
    console.log(`load (compile + top-level code): median ${median(samples.map((s) => s.load)).toFixed(1)} ms (${range(samples.map((s) => s.load))})`);
    console.log(`activate():                      median ${median(samples.map((s) => s.activate)).toFixed(1)} ms (${range(samples.map((s) => s.activate))})`);
    console.log(`total:                           median ${median(totals).toFixed(1)} ms (${range(totals)}); target ≤ 30 ms: ${median(totals) <= 30 ? 'met' : 'NOT met'}`);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

void main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
