import { parseArgs } from 'node:util';
import { runDeps } from './depsCommand';
import { runScan } from './scanCommand';

import { version as VERSION } from '../../package.json';

const USAGE = `Usage: takedown <command> [options]

Commands:
  scan <target>...        Scan packages for malicious code. A target is a package folder, a .tgz,
                          name@version (from the registry), or a package.json / lockfile (its dependencies)
      --json              One object per target
      --sarif             SARIF 2.1.0 for code scanning
      --registry <url>    Registry to fetch from (default: npm configuration, .npmrc)
      --offline           No network: code analysis of local targets only
      --fail-on <level>   Exit 1 when a package is suspicious|malicious or worse
  deps <folder|file>...   Read package.json and lockfiles into Takedown's dependency model
      --changes           Compare with the committed version (git) and list what was added
      --json              Machine-readable output
  help                    Show this text

Exit codes: 0 ok, 1 --fail-on met (scan) or a file could not be read (deps), 2 usage error.`;

export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (String((error as { code?: unknown }).code).startsWith('ERR_PARSE_ARGS')) return usage((error as Error).message);
    throw error;
  }
}

async function dispatch(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'scan': {
      const { values, positionals } = parseArgs({
        args: rest,
        allowPositionals: true,
        options: { json: { type: 'boolean' }, sarif: { type: 'boolean' }, offline: { type: 'boolean' }, registry: { type: 'string' }, 'fail-on': { type: 'string' } },
      });
      if (positionals.length === 0) return usage('scan needs at least one target');
      const failOn = values['fail-on'];
      if (failOn !== undefined && failOn !== 'suspicious' && failOn !== 'malicious') return usage('--fail-on takes suspicious or malicious');
      return runScan(positionals, { json: !!values.json, sarif: !!values.sarif, offline: !!values.offline, version: VERSION, ...(values.registry ? { registry: values.registry } : {}), ...(failOn ? { failOn } : {}) }, process.stdout);
    }
    case 'deps': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, changes: { type: 'boolean' } } });
      if (positionals.length === 0) return usage('deps needs a folder or file');
      return runDeps(positionals, { json: !!values.json, changes: !!values.changes }, process.stdout);
    }
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      return usage(`unknown command "${command}"`);
  }
}

function usage(message: string): number {
  process.stderr.write(`takedown: ${message}\n\n${USAGE}\n`);
  return 2;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (error: unknown) => {
      process.stderr.write(`takedown: ${error instanceof Error ? error.message : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}
