/**
 * Stands in for the VS Code executable that @vscode/test-electron's runTests() starts: it takes
 * the desktop flags runTests passes (which code-server's command line rejects), starts a fresh
 * code-server, runs the tests in its extension host through the workbench in headless Chromium,
 * stops code-server and exits with the tests' exit code.
 *
 * runTests' --user-data-dir and --extensions-dir are ignored: each run gets its own temp folders
 * (removed on exit), so no state leaks between runs. Environment given to runTests reaches the
 * extension host, which inherits code-server's environment; TAKEDOWN_E2E_USER_SETTINGS (JSON)
 * becomes the user settings.
 */
import { CodeServer, runExtensionTests } from '../codeServer';

interface Flags {
  developmentPaths: string[];
  testsPath?: string;
  folders: string[];
}

/** Desktop VS Code flags, in both `--flag value` and `--flag=value` form. */
function parseFlags(argv: string[]): Flags {
  const flags: Flags = { developmentPaths: [], folders: [] };
  const withValue = new Set(['extensionDevelopmentPath', 'extensionTestsPath', 'user-data-dir', 'extensions-dir']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const match = /^--([^=]+)(?:=(.*))?$/s.exec(arg);
    if (!match) {
      flags.folders.push(arg);
      continue;
    }
    const name = match[1]!;
    const value = match[2] ?? (withValue.has(name) ? argv[++i] : undefined);
    if (name === 'extensionDevelopmentPath' && value) flags.developmentPaths.push(value);
    else if (name === 'extensionTestsPath' && value) flags.testsPath = value;
  }
  return flags;
}

async function main(): Promise<number> {
  const flags = parseFlags(process.argv.slice(2));
  const folder = flags.folders[0];
  if (!flags.testsPath || flags.developmentPaths.length !== 1 || !folder) {
    console.error('code-server-shim: needs one --extensionDevelopmentPath, --extensionTestsPath and a folder to open');
    return 2;
  }
  const settings = process.env.TAKEDOWN_E2E_USER_SETTINGS ? (JSON.parse(process.env.TAKEDOWN_E2E_USER_SETTINGS) as Record<string, unknown>) : {};
  const server = await CodeServer.start({ settings });
  let code = 1;
  try {
    code = await runExtensionTests(server, {
      folder,
      extensionDevelopmentPath: flags.developmentPaths[0]!,
      extensionTestsPath: flags.testsPath,
      timeoutMs: Number(process.env.TAKEDOWN_E2E_TIMEOUT_MS ?? 240_000),
      onLog: (line, level) => (level === 'error' ? console.error(line) : console.log(line)),
    });
  } catch (error) {
    console.error(error);
  } finally {
    if (code !== 0 || process.env.TAKEDOWN_E2E_VERBOSE) console.error(`--- code-server log ---\n${server.log}`);
    await server.stop();
  }
  return code;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
