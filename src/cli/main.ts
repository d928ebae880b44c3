import { parseArgs } from 'node:util';
import { runDeps } from './depsCommand';

const USAGE = `Usage: takedown <command> [options]

Commands:
  deps <folder|file>...   Read package.json and lockfiles into Takedown's dependency model
      --changes           Compare with the committed version (git) and list what was added
      --json              Machine-readable output
  help                    Show this text

Exit codes: 0 ok, 1 a file could not be read, 2 usage error.`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
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
