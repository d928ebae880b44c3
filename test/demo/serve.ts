/**
 * The live part of `npm run demo` (test/demo/run.sh builds first): a local registry with the
 * @takedown-demo packages, and code-server on 127.0.0.1 with dist/takedown.vsix installed, open on
 * a copy of test/demo/editor-workspace whose package.json has a malicious demo dependency.
 * Prints the URL and runs until Ctrl-C, then stops everything it started.
 *
 *   TAKEDOWN_DEMO_PORT   code-server's port, default 8080
 */
import { existsSync, rmSync } from 'node:fs';
import path from 'node:path';
import { CodeServer, copyToTemp, REPO_ROOT } from '../e2e/codeServer';
import { startEmptyOsv, startFixtureRegistry } from '../e2e/fixtureRegistry';

const VSIX = path.join(REPO_ROOT, 'dist', 'takedown.vsix');
const PORT = Number(process.env.TAKEDOWN_DEMO_PORT ?? 8080);

async function main(): Promise<void> {
  if (!existsSync(VSIX)) throw new Error(`${VSIX} is missing: run npm run demo (it packages it first)`);
  const [registry, osv] = await Promise.all([startFixtureRegistry({ registerCleanup: false }), startEmptyOsv({ registerCleanup: false })]);
  // Verdaccio's storage: removed by stop(), or here when Ctrl-C ends the process first
  process.on('exit', () => rmSync(path.dirname(registry.verdaccio.storageDir), { recursive: true, force: true }));
  const workspace = copyToTemp(path.join(REPO_ROOT, 'test', 'demo', 'editor-workspace'));
  const server = await CodeServer.start({
    vsix: [VSIX],
    port: PORT,
    settings: {
      'takedown.registry.url': registry.url,
      'takedown.osv.endpoint': osv.url.replace(/\/$/, ''),
      'workbench.colorTheme': 'Default Dark Modern',
    },
  });
  const url = `${server.url}/?folder=${encodeURIComponent(workspace)}`;
  console.log(`
Takedown is running in VS Code (code-server) with a local registry at ${registry.url}

  Open ${url}

package.json there depends on @takedown-demo/evil-setup, an inert imitation of an install-time
dropper: Takedown marks its line as Malicious (Problems panel, hover, quick fixes). Add
"@takedown-demo/env-beacon": "1.0.0" to the dependencies and save to see a new one caught.
From another machine, forward the port first: ssh -L ${PORT}:127.0.0.1:${PORT} <this machine>

Ctrl-C stops code-server and the registry.`);
  // Ctrl-C: test/e2e/codeServer.ts kills code-server's process group and removes its temp
  // folders, Verdaccio's child exits with this process, and the exit hook above clears its storage.
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
