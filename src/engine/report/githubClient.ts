// The one place that makes GitHub REST clients (octokit v5). octokit ships as ES modules only, so
// it is loaded with a dynamic import, from its own bundle (see octokitModule.ts). The token, when given, is sent only
// to `baseUrl` and never appears in what this module returns: error texts are rebuilt from the
// status and GitHub's message, then redacted.
import type { Octokit } from 'octokit';
import { redact } from '../registry/redact';
import { DEFAULT_GITHUB_API } from './types';

export type GitHubClient = Octokit;

export interface GitHubClientOptions {
  /** The user's token (VS Code GitHub session); absent for anonymous reads. */
  token?: string;
  /** REST API root; default https://api.github.com. */
  baseUrl?: string;
  /** Per-request timeout in milliseconds (default 30 s). */
  timeoutMs?: number;
}

const SILENT = { debug() {}, info() {}, warn() {}, error() {} };

export async function createGitHubClient(options: GitHubClientOptions = {}): Promise<GitHubClient> {
  const { Octokit } = await import('./octokitModule.mjs');
  const timeoutMs = options.timeoutMs ?? 30_000;
  return new Octokit({
    ...(options.token ? { auth: options.token } : {}),
    baseUrl: (options.baseUrl ?? DEFAULT_GITHUB_API).replace(/\/+$/, ''),
    userAgent: 'takedown',
    // octokit's logger would print request URLs and rate-limit notes to the console; callers get
    // progress and errors through return values instead.
    log: SILENT,
    throttle: { enabled: false },
    retry: { enabled: false },
    request: { fetch: (url: string | URL | Request, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }) },
  });
}

export interface GitHubErrorInfo {
  /** HTTP status, 0 when no response came back. */
  status: number;
  /** GitHub's own message (or the network error), redacted, one line. */
  message: string;
}

/** What went wrong with a GitHub call, with every secret removed. */
export function describeGitHubError(error: unknown, secrets: readonly string[] = []): GitHubErrorInfo {
  const e = error as { status?: unknown; message?: unknown; response?: { data?: unknown }; cause?: unknown };
  // octokit reports a request that got no answer at all (refused, reset, timed out) as status 500
  // without a response: that is a network failure, not a server error.
  const status = typeof e?.status === 'number' && e.response !== undefined ? e.status : 0;
  const data = e?.response?.data as { message?: unknown; errors?: unknown } | undefined;
  let message = typeof data?.message === 'string' ? data.message : typeof e?.message === 'string' ? e.message : String(error);
  if (Array.isArray(data?.errors)) {
    const more = data.errors.map((x) => (typeof x === 'string' ? x : typeof (x as { message?: unknown })?.message === 'string' ? (x as { message: string }).message : '')).filter(Boolean);
    if (more.length) message = `${message}: ${more.join('; ')}`;
  }
  if (status === 0 && e?.cause instanceof Error && e.cause.message) message = `${message} (${e.cause.message})`;
  return { status, message: redact(message.replace(/\s+/g, ' ').trim().slice(0, 400), secrets) };
}
