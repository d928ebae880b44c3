/**
 * Compiles the extension-host tests (index.ts, suite/*.ts, bench/*.ts) with esbuild into
 * out/e2e/extension-host/, one CommonJS file each; `vscode` and `mocha` stay external, resolved
 * by the extension host (the real API) and from the project's node_modules.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const SOURCE = __dirname;
export const OUT = path.resolve(__dirname, '../../../out/e2e/extension-host');

/** Returns the compiled index.js (the extensionTestsPath). */
export async function buildExtensionHostTests(): Promise<string> {
  const entryPoints = [path.join(SOURCE, 'index.ts')];
  for (const folder of ['suite', 'bench']) {
    const dir = path.join(SOURCE, folder);
    if (existsSync(dir)) for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) entryPoints.push(path.join(dir, file));
  }
  rmSync(OUT, { recursive: true, force: true });
  await build({
    entryPoints,
    outbase: SOURCE,
    outdir: OUT,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: 'inline',
    external: ['vscode', 'mocha'],
    logLevel: 'warning',
  });
  return path.join(OUT, 'index.js');
}
