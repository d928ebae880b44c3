import { execFile } from 'node:child_process';
import path from 'node:path';

export type GitBaseline =
  | { status: 'found'; text: string }
  /** The folder is a git repository but the file is not in HEAD (new, or ignored). */
  | { status: 'not-committed' }
  /** No repository, no commits yet, or no git binary: fall back to the last seen state. */
  | { status: 'unavailable'; reason: string };

export interface GitOptions {
  git?: string;
  timeoutMs?: number;
  maxBytes?: number;
}

/**
 * The committed content of a file (`git show HEAD:<path>`), the baseline that makes "what did this
 * change add" answerable. git runs with hooks and fsmonitor disabled: the repository being read may
 * belong to whoever wrote the malicious dependency, and its .git/config must not get to run commands.
 */
export async function readGitBaseline(file: string, options: GitOptions = {}): Promise<GitBaseline> {
  const dir = path.dirname(file);
  const top = await git(['-C', dir, 'rev-parse', '--show-toplevel'], options);
  if (!top.ok) return { status: 'unavailable', reason: top.reason };
  const root = top.stdout.trim();
  const relative = path.relative(root, file).split(path.sep).join('/');
  if (relative.startsWith('..')) return { status: 'unavailable', reason: 'file is outside the repository' };
  const head = await git(['-C', root, 'rev-parse', '--verify', '--quiet', 'HEAD'], options);
  if (!head.ok) return { status: 'unavailable', reason: 'the repository has no commits yet' };
  const shown = await git(['-C', root, 'show', `HEAD:${relative}`], options);
  if (shown.ok) return { status: 'found', text: shown.stdout };
  if (/does not exist in|exists on disk, but not in/.test(shown.reason)) return { status: 'not-committed' };
  return { status: 'unavailable', reason: shown.reason };
}

type GitResult = { ok: true; stdout: string } | { ok: false; reason: string };

function git(args: string[], options: GitOptions): Promise<GitResult> {
  const safety = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'core.pager=cat', '--no-optional-locks'];
  return new Promise((resolve) => {
    execFile(
      options.git ?? 'git',
      [...safety, ...args],
      {
        timeout: options.timeoutMs ?? 10_000,
        maxBuffer: options.maxBytes ?? 64 * 1024 * 1024,
        encoding: 'utf8',
        windowsHide: true,
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const code = (error as NodeJS.ErrnoException).code;
          const reason = code === 'ENOENT' ? 'git is not installed' : (stderr || error.message).trim().split('\n')[0] ?? 'git failed';
          resolve({ ok: false, reason });
        } else resolve({ ok: true, stdout });
      },
    );
  });
}
