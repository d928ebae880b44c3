/**
 * `npm run bench:deps`: median parse + diff time of 5,000-package lockfiles in every format.
 * Each file is diffed against a baseline that differs by 50 version bumps and one new package,
 * and the counts are printed so a generator that drifted from the real format shows up at once.
 */
import { diffDependencies } from '../../src/engine/deps/diff';
import { parseDependencyFile } from '../../src/engine/deps/index';
import type { DependencyFileKind } from '../../src/engine/deps/model';
import * as gen from './lockfileGenerators';

const COUNT = Number(process.env.BENCH_PACKAGES ?? 5000);
const RUNS = Number(process.env.BENCH_RUNS ?? 25);
const TARGET_MS = 60;

const formats: [label: string, kind: DependencyFileKind, make: (g: gen.SyntheticGraph) => string][] = [
  ['package-lock.json v3', 'npm-lock', gen.npmLockV3],
  ['package-lock.json v1', 'npm-lock', gen.npmLockV1],
  ['yarn.lock classic', 'yarn-classic', gen.yarnClassic],
  ['yarn.lock berry', 'yarn-berry', gen.yarnBerry],
  ['pnpm-lock.yaml 9', 'pnpm', gen.pnpmV9],
  ['pnpm-lock.yaml 6', 'pnpm', gen.pnpmV6],
  ['pnpm-lock.yaml 5.4', 'pnpm', gen.pnpmV5],
  ['bun.lock', 'bun', gen.bunLock],
  ['package.json (5,000 deps)', 'package-json', gen.packageJson],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const baselineGraph = gen.syntheticGraph(COUNT, 0);
const currentGraph = gen.syntheticGraph(COUNT, 1);

console.log(`parse + diff, ${COUNT} packages, median of ${RUNS} runs (node ${process.version}, ${process.arch})`);
console.log(`${'format'.padEnd(28)} ${'size'.padStart(8)} ${'entries'.padStart(8)} ${'added'.padStart(6)} ${'changed'.padStart(8)} ${'median'.padStart(9)} ${'p90'.padStart(9)}  target`);
let failures = 0;
for (const [label, kind, make] of formats) {
  const baseText = make(baselineGraph);
  const text = make(currentGraph);
  const baseline = parseDependencyFile(kind, baseText);
  const times: number[] = [];
  let last;
  for (let i = 0; i < RUNS + 3; i++) {
    const started = performance.now();
    const current = parseDependencyFile(kind, text);
    const diff = diffDependencies(baseline, current);
    const elapsed = performance.now() - started;
    if (i >= 3) times.push(elapsed); // the first runs warm up the JIT
    last = { current, diff };
  }
  const sorted = [...times].sort((a, b) => a - b);
  const med = median(times);
  const p90 = sorted[Math.floor(sorted.length * 0.9)]!;
  const ok = med <= TARGET_MS && !last!.current.fatal;
  if (!ok) failures += 1;
  console.log(
    `${label.padEnd(28)} ${`${(text.length / 1024 / 1024).toFixed(2)}MB`.padStart(8)} ${String(last!.current.entries.length).padStart(8)} ${String(last!.diff.added.length).padStart(6)} ${String(last!.diff.changed.length).padStart(8)} ${`${med.toFixed(1)}ms`.padStart(9)} ${`${p90.toFixed(1)}ms`.padStart(9)}  ${ok ? 'ok' : `OVER ${TARGET_MS}ms`}${last!.current.problems.length ? ` (${last!.current.problems.length} problems: ${last!.current.problems[0]!.message})` : ''}`,
  );
}
process.exitCode = failures ? 1 : 0;
