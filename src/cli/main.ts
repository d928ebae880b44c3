import { parseArgs } from 'node:util';
import { runDeps } from './depsCommand';
import { runDiff } from './diffCommand';
import { parseReportArgs, runReport } from './reportCommand';
import { runScan } from './scanCommand';

import { version as VERSION } from '../../package.json';

const USAGE = `Usage: takedown <command> [options]

Commands:
  scan <target>...        Scan packages for malicious code. A target is a package folder, a .tgz,
                          name@version (from the registry), or a package.json / lockfile (its dependencies)
      --json              One object per target
      --sarif             SARIF 2.1.0 for code scanning
      --registry <url>    Registry to fetch from (default: npm configuration, .npmrc)
      --offline           No network: code analysis of local targets, known-malware lookup from --osv-dir only
      --osv-url <url>     OSV API for the known-malware lookup (default https://api.osv.dev)
      --osv-dir <folder>  Look known malware up in a local folder of OSV records instead (a checkout of
                          ossf/malicious-packages or an extracted OSV npm/all.zip)
      --fail-on <level>   Exit 1 when a package is suspicious|malicious or worse
      --cool-down <hours> Report registry versions published less than this long ago (default 48, 0: off)
      --private-scope <@scope>
                          A scope of your own packages (repeatable): one of its packages served by a
                          registry not mapped to that scope in .npmrc is dependency confusion
  deps <folder|file>...   Read package.json and lockfiles into Takedown's dependency model
      --changes           Compare with the committed version (git) and list what was added
      --json              Machine-readable output
  diff [<a>] <b>          What release b changed against a (default: the version before b in semver
                          order): files added, changed, removed, and rules that newly fire. a and b are
                          name@version, a .tgz or a package folder
      --json              The diff as one JSON object (with patches)
      --patch             Also print unified diffs of changed text files (capped)
      --registry <url>    Registry to fetch from (default: npm configuration, .npmrc)
  report <target>         Draft an OSV report for ossf/malicious-packages from a scan of name@version,
                          a package folder or a .tgz; checks for an existing record first (then drafts
                          an update of it), validates, and prints the JSON (notes go to stderr)
      --credit <name>     Who found it (required; the FINDER credit)
      --version <v>       Also report this version (repeatable; registry targets scan it too)
      --all-versions      Report every version (SEMVER range introduced 0)
      --write-up <url>    Your write-up, added as a WEB reference
      --out <folder>      Write the file at its repository path under this folder instead
      --offline           No download and no existing-record check (local targets only)
      --registry <url>, --osv-url <url>, --github-url <url>, --repo <owner/name>  Endpoints and target
  help                    Show this text

Exit codes: 0 ok, 1 --fail-on met (scan), a file could not be read (deps) or no valid report (report), 2 usage error.`;

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
        options: { json: { type: 'boolean' }, sarif: { type: 'boolean' }, offline: { type: 'boolean' }, registry: { type: 'string' }, 'fail-on': { type: 'string' }, 'osv-url': { type: 'string' }, 'osv-dir': { type: 'string' }, 'cool-down': { type: 'string' }, 'private-scope': { type: 'string', multiple: true } },
      });
      if (positionals.length === 0) return usage('scan needs at least one target');
      const failOn = values['fail-on'];
      if (failOn !== undefined && failOn !== 'suspicious' && failOn !== 'malicious') return usage('--fail-on takes suspicious or malicious');
      const osvUrl = values['osv-url'];
      if (osvUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(osvUrl)) return usage('--osv-url takes an http(s) URL');
      if (osvUrl !== undefined && values.offline) return usage('--osv-url cannot be used with --offline (use --osv-dir)');
      const coolDown = values['cool-down'] === undefined ? undefined : Number(values['cool-down']);
      if (coolDown !== undefined && !(coolDown >= 0 && coolDown <= 24 * 365)) return usage('--cool-down takes a number of hours (0 to 8760)');
      const privateScopes = values['private-scope'] ?? [];
      return runScan(positionals, { json: !!values.json, sarif: !!values.sarif, offline: !!values.offline, version: VERSION, ...(values.registry ? { registry: values.registry } : {}), ...(failOn ? { failOn } : {}), ...(osvUrl ? { osvUrl } : {}), ...(values['osv-dir'] ? { osvDir: values['osv-dir'] } : {}), ...(coolDown !== undefined ? { coolDownHours: coolDown } : {}), ...(privateScopes.length ? { privateScopes } : {}) }, process.stdout);
    }
    case 'diff': {
      const { values, positionals } = parseArgs({ args: rest, allowPositionals: true, options: { json: { type: 'boolean' }, patch: { type: 'boolean' }, registry: { type: 'string' } } });
      if (positionals.length < 1 || positionals.length > 2) return usage('diff takes one or two packages (name@version, .tgz or folder)');
      return runDiff(positionals, { json: !!values.json, patch: !!values.patch, ...(values.registry ? { registry: values.registry } : {}) }, process.stdout, process.stderr);
    }
    case 'report': {
      const options = parseReportArgs(rest);
      if (typeof options === 'string') return usage(options);
      return runReport(options, process.stdout, process.stderr);
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
