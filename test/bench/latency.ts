/**
 * `npm run bench:latency`: the time from saving package.json with a new dependency to Takedown's
 * diagnostic on it, in a real VS Code (code-server, installed by test/e2e/setup.sh) against a local
 * Verdaccio. Cold = a version never seen (registry fetch + analysis), warm = one seen before
 * (cache). Targets: cold ≤ 1.5 s, warm ≤ 300 ms. Uses the extension as built in dist/ (npm run build).
 *
 *   BENCH_SAMPLES   cold (and as many warm) samples, default 7
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CODE_SERVER_VERSION, CodeServer, makeTempDir, removeTempDir, REPO_ROOT, runExtensionTests } from '../e2e/codeServer';
import { buildExtensionHostTests } from '../e2e/extension-host/build';
import { DEMO, startEmptyOsv, startFixtureRegistry, writeFixtureWorkspace } from '../e2e/fixtureRegistry';

const SAMPLES = Number(process.env.BENCH_SAMPLES ?? 7);
const TARGETS = { cold: 1500, warm: 300 };

const sorted = (xs: number[]) => [...xs].sort((a, b) => a - b);
const median = (xs: number[]) => sorted(xs)[Math.floor(xs.length / 2)]!;
const p90 = (xs: number[]) => sorted(xs)[Math.min(xs.length - 1, Math.ceil(xs.length * 0.9) - 1)]!;
const ms = (x: number) => `${x.toFixed(0)} ms`;

async function main(): Promise<number> {
  const [registry, osv, testsPath] = await Promise.all([startFixtureRegistry({ registerCleanup: false }), startEmptyOsv({ registerCleanup: false }), buildExtensionHostTests()]);
  const temp = makeTempDir('takedown-bench-latency-');
  const workspace = makeTempDir('takedown-bench-workspace-');
  let server: CodeServer | undefined;
  try {
    const copies = await registry.publishCopies('evil-setup', SAMPLES);
    writeFixtureWorkspace(workspace, registry, []);
    const out = path.join(temp, 'latency.json');
    server = await CodeServer.start({
      settings: { 'takedown.registry.url': registry.url, 'takedown.osv.endpoint': osv.url.replace(/\/$/, '') },
      env: {
        TAKEDOWN_E2E_SUITE_DIR: 'bench',
        TAKEDOWN_BENCH_INPUT: JSON.stringify({ warmUp: DEMO.evil, packages: copies.map((c) => c.name), out }),
      },
    });
    const log: string[] = [];
    const code = await runExtensionTests(server, {
      folder: workspace,
      extensionDevelopmentPath: REPO_ROOT,
      extensionTestsPath: testsPath,
      timeoutMs: 900_000,
      onLog: (line) => log.push(line),
    });
    if (code !== 0) {
      console.error(log.join('\n'));
      return 1;
    }
    const { first, cold, warm } = JSON.parse(readFileSync(out, 'utf8')) as { first: number; cold: number[]; warm: number[] };
    console.log(`save-to-diagnostic in code-server ${CODE_SERVER_VERSION} against a local Verdaccio, ${SAMPLES} samples each (node ${process.version}, ${process.arch})`);
    console.log(`${'case'.padEnd(34)} ${'median'.padStart(8)} ${'p90'.padStart(8)} ${'max'.padStart(8)}  target`);
    const row = (label: string, xs: number[], target?: number) =>
      console.log(`${label.padEnd(34)} ${ms(median(xs)).padStart(8)} ${ms(p90(xs)).padStart(8)} ${ms(sorted(xs).at(-1)!).padStart(8)}  ${target === undefined ? '' : median(xs) <= target ? `ok (≤ ${target} ms)` : `OVER (${target} ms)`}`);
    row('first scan (starts the worker)', [first]);
    row('cold (registry fetch + analysis)', cold, TARGETS.cold);
    row('warm (cached verdict)', warm, TARGETS.warm);
    console.log(`samples: cold ${cold.map(ms).join(', ')}; warm ${warm.map(ms).join(', ')}`);
    return 0;
  } finally {
    await server?.stop();
    await Promise.all([registry.stop(), osv.close()]);
    removeTempDir(workspace);
    removeTempDir(temp);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
