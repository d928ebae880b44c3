/**
 * The extension-host half of `npm run bench:latency` (test/bench/latency.ts): how long from
 * saving package.json with a new dependency to Takedown's diagnostic on it. Cold: a package
 * version never seen (registry fetch + analysis); warm: one analysed before (cache). Each sample
 * starts from a package.json without the dependency, once Takedown is idle, and times from the
 * editor edit + save to the diagnostic reaching VS Code.
 */
import { writeFileSync } from 'node:fs';
import { suite, test } from 'mocha';
import { editAndSave, packageJson, waitForDiagnostics, waitForIdle, workspaceFile } from '../helpers';

interface BenchInput {
  /** Not yet seen by Takedown: one cold sample each, then one warm sample each. */
  packages: string[];
  /** Analysed first and kept out of the figures: it also pays for starting the worker. */
  warmUp: string;
  out: string;
}

suite('Latency', () => {
  test('save-to-diagnostic, cold and warm', async function () {
    this.timeout(600_000);
    const input = JSON.parse(process.env.TAKEDOWN_BENCH_INPUT ?? 'null') as BenchInput | null;
    if (!input) throw new Error('TAKEDOWN_BENCH_INPUT is not set: run npm run bench:latency');
    const manifest = workspaceFile('package.json');

    const sample = async (name: string): Promise<number> => {
      await editAndSave(manifest, packageJson({}));
      await waitForIdle();
      await waitForDiagnostics(manifest, (d) => d.length === 0, 30_000, 'no diagnostics');
      const started = performance.now();
      await editAndSave(manifest, packageJson({ [name]: '1.0.0' }));
      await waitForDiagnostics(manifest, (d) => d.some((x) => x.message.includes(`${name}@1.0.0`)), 60_000, `a diagnostic for ${name}`);
      return performance.now() - started;
    };

    const first = await sample(input.warmUp);
    const cold: number[] = [];
    for (const name of input.packages) cold.push(await sample(name));
    const warm: number[] = [];
    for (const name of input.packages) warm.push(await sample(name));
    writeFileSync(input.out, JSON.stringify({ first, cold, warm }));
  });
});
