/**
 * `npm run bench:scan -- <dir> [--limit N] [--workers N]`: scan throughput on a folder of packages
 * (.tgz files or package folders).
 *
 * 1. Single-threaded, package by package: read, then @babel/parser alone over the script files
 *    (the floor of a one-parse-per-file design), then the engine (analyse + score). Engine /
 *    parse-only is the overhead of the rules themselves; peak RSS is this phase's. The npm script
 *    gives the process the scan workers' 512 MB old-generation limit (src/worker/pool.ts): without
 *    one, V8 lets dead syntax trees pile up to several hundred MB before collecting them.
 * 2. The same packages through the product's worker pool (`--workers`, default 2; 0 skips it),
 *    as the extension scans: packages/s over wall-clock time, and how many came back `unknown`
 *    (a crashed or timed-out worker).
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';
import { analyzePackage } from '../../src/engine/analysis/analyze';
import { isScript, parseSource } from '../../src/engine/analysis/parseSource';
import { score } from '../../src/engine/analysis/score';
import { RULES } from '../../src/engine/rules/index';
import { toPackageInput } from '../../src/engine/scan/scanContents';
import { readDirectory, readTarball } from '../../src/engine/tarball/readTarball';
import { WorkerPool } from '../../src/worker/pool';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' }, workers: { type: 'string' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run bench:scan -- <dir> [--limit N] [--workers N]');
const limit = values.limit ? Number(values.limit) : Infinity;
const workers = values.workers !== undefined ? Number(values.workers) : 2;

const mb = (bytes: number) => (bytes / 1048576).toFixed(1);
/** CPU seconds of the whole process (every thread: V8's GC and compiler threads included) since `since`. */
const cpuSeconds = (since: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(since);
  return (used.user + used.system) / 1e6;
};

async function packageFolder(full: string): Promise<string> {
  return (await stat(path.join(full, 'package')).catch(() => undefined)) ? path.join(full, 'package') : full;
}

async function singleThreaded(targets: string[]): Promise<{ bytes: number }> {
  let read = 0;
  let parseOnly = 0;
  let engine = 0;
  let cpu = 0;
  let bytes = 0;
  let scripts = 0;
  let packages = 0;
  const wall = performance.now();
  for (const full of targets) {
    let t = performance.now();
    let c = process.cpuUsage();
    const info = await stat(full);
    const contents = info.isDirectory() ? await readDirectory(await packageFolder(full)) : await readTarball(await readFile(full));
    read += performance.now() - t;
    cpu += cpuSeconds(c);
    packages += 1;
    bytes += contents.totalUnpackedBytes;

    t = performance.now();
    for (const f of contents.files) {
      if (f.text !== undefined && isScript(f.path)) {
        parseSource(f.text, f.path);
        scripts += 1;
      }
    }
    parseOnly += performance.now() - t;

    t = performance.now();
    c = process.cpuUsage();
    const pkg = toPackageInput(contents, { target: path.basename(full), fallbackName: path.basename(full) });
    score({ findings: analyzePackage(pkg, RULES).findings });
    engine += performance.now() - t;
    cpu += cpuSeconds(c);
  }
  // The parse-only pass is the yardstick, not part of the product: throughput counts read + engine.
  const seconds = (read + engine) / 1000;
  console.log(`packages ${packages}, script files ${scripts}, unpacked ${mb(bytes)} MB, wall ${((performance.now() - wall) / 1000).toFixed(1)} s (node ${process.version}, load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')})`);
  console.log(`single thread   ${(packages / seconds).toFixed(1)} packages/s, ${(bytes / 1048576 / seconds).toFixed(1)} MB/s (read + analyse + score)`);
  // V8 collects garbage and compiles hot code on background threads, which here run on an otherwise
  // idle core: the "single thread" uses more than one core, and a pool of N workers cannot reach N
  // times its rate on N cores. CPU per package is what bounds the pool: cores / CPU per package.
  console.log(`CPU             ${(cpu / packages * 1000).toFixed(0)} ms per package over all threads, ${(cpu / seconds).toFixed(2)} cores busy (main thread + V8 background threads); pool ceiling on ${os.availableParallelism()} cores ${(os.availableParallelism() * packages / cpu).toFixed(1)} packages/s`);
  console.log(`time split      read ${(read / 1000).toFixed(1)} s, analyse+score ${(engine / 1000).toFixed(1)} s, parse-only ${(parseOnly / 1000).toFixed(1)} s`);
  console.log(`engine / parse  ${(engine / parseOnly).toFixed(2)}x  (target <= 1.5x)`);
  console.log(`peak RSS        ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, single thread  (target <= 350 MB)`);
  return { bytes };
}

async function throughPool(targets: string[], size: number, bytes: number): Promise<void> {
  // The pool runs a built worker script: bundle the product's worker as `npm run build:worker` does.
  const out = await mkdtemp(path.join(os.tmpdir(), 'takedown-bench-'));
  const script = path.join(out, 'worker.js');
  await build({
    entryPoints: [path.join(__dirname, '../../src/worker/worker.ts')],
    bundle: true, platform: 'node', target: 'node20', format: 'cjs', logLevel: 'warning', legalComments: 'none',
    mainFields: ['module', 'main'], external: ['node-gyp'], outfile: script,
  });
  const pool = new WorkerPool({ script, size });
  const verdicts: Record<string, number> = {};
  const wall = performance.now();
  const cpu0 = process.cpuUsage();
  try {
    await Promise.all(
      targets.map(async (target) => {
        const result = await pool.run({ type: 'scanLocal', path: target, settings: { trustedWorkspace: false, offline: true } }).catch(() => undefined);
        const verdict = result?.verdict ?? 'unknown';
        verdicts[verdict] = (verdicts[verdict] ?? 0) + 1;
      }),
    );
  } finally {
    await pool.dispose();
    await rm(out, { recursive: true, force: true });
  }
  const seconds = (performance.now() - wall) / 1000;
  const cpu = cpuSeconds(cpu0);
  console.log(`worker pool     ${(targets.length / seconds).toFixed(1)} packages/s, ${(bytes / 1048576 / seconds).toFixed(1)} MB/s with ${size} workers (${seconds.toFixed(1)} s wall; target >= 30 packages/s)`);
  console.log(`pool CPU        ${(cpu / targets.length * 1000).toFixed(0)} ms per package over all threads, ${(cpu / seconds).toFixed(2)} cores busy`);
  console.log(`verdicts        ${Object.entries(verdicts).sort().map(([v, n]) => `${v} ${n}`).join(', ')}`);
  console.log(`peak RSS        ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB, whole process (main thread + ${size} workers)`);
}

async function main(): Promise<void> {
  const names = (await readdir(dir!)).filter((n) => !n.startsWith('.')).sort();
  const targets: string[] = [];
  for (const name of names) {
    if (targets.length >= limit) break;
    const full = path.join(dir!, name);
    if ((await stat(full)).isDirectory() || /\.t(?:ar\.)?gz$/.test(name)) targets.push(full);
  }
  const { bytes } = await singleThreaded(targets);
  if (workers > 0) await throughPool(targets, workers, bytes);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
