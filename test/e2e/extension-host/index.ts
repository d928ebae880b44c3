/**
 * Loaded by the extension host (extensionTestsPath): runs the compiled mocha suites next to this
 * file and writes what happened to $TAKEDOWN_E2E_RESULTS, which the node:test side
 * (test/e2e/extensionHost.test.ts) turns into one assertion per mocha test.
 */
import { readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import Mocha from 'mocha';

export interface MochaOutcome {
  title: string;
  state: 'passed' | 'failed';
  durationMs: number;
  error?: string;
}

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'tdd', reporter: 'spec', color: false, timeout: 60_000 });
  // suite/ holds the tests; bench/ the latency measurement (npm run bench:latency)
  const suiteDir = path.join(__dirname, process.env.TAKEDOWN_E2E_SUITE_DIR ?? 'suite');
  const only = process.env.TAKEDOWN_E2E_SUITES?.split(',');
  for (const file of readdirSync(suiteDir).filter((f) => f.endsWith('.js')).sort()) {
    if (!only || only.includes(path.basename(file, '.js'))) mocha.addFile(path.join(suiteDir, file));
  }
  const outcomes: MochaOutcome[] = [];
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      if (process.env.TAKEDOWN_E2E_RESULTS) writeFileSync(process.env.TAKEDOWN_E2E_RESULTS, JSON.stringify(outcomes, null, 2));
      if (failures > 0) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('pass', (test) => outcomes.push({ title: test.fullTitle(), state: 'passed', durationMs: test.duration ?? 0 }));
    runner.on('fail', (test, error: Error) => outcomes.push({ title: test.fullTitle(), state: 'failed', durationMs: test.duration ?? 0, error: String(error?.stack ?? error) }));
  });
}
