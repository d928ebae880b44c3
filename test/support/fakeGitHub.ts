// A fake GitHub REST API on 127.0.0.1 (a real HTTP server, built on fakeServer.ts) with just enough
// state for the report flow: the signed-in user, an upstream repository with files, a fork that
// GitHub creates asynchronously, branches, commits and pull requests. Every request is recorded
// with its decoded path, query and JSON body, so tests assert the exact sequence and payloads.
// Tests in another process read the record through `GET /_fake/calls` and `GET /_fake/commits`
// (`DELETE /_fake/calls` starts a new record); those requests are not recorded.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { startFakeServer, sendJson, type FakeServer } from './fakeServer';

export interface GitHubCall {
  method: string;
  /** Decoded path without the query: `/repos/ossf/malicious-packages/contents/osv/malicious/npm/@x/y`. */
  path: string;
  query: Record<string, string>;
  body?: unknown;
  authorization?: string;
}

export interface FakeGitHubOptions {
  login?: string;
  /** `owner/name` of the target. */
  upstream?: string;
  defaultBranch?: string;
  baseSha?: string;
  /** The token the server accepts; others get 401 (whose message echoes the token, like a careless proxy). */
  token?: string;
  /** How many times the fork answers 404 after the fork request before it exists. */
  forkPendingPolls?: number;
  /** The fork already exists (an earlier report). */
  forkExists?: boolean;
  /** Branches already on the fork. */
  existingBranches?: string[];
  /** Creating a branch on the fork is refused for lack of the workflow scope. */
  workflowScopeError?: boolean;
  /** Files in upstream's default branch (and so in any branch made from it): path -> text. */
  files?: Record<string, string>;
  /** A pull request from this head already exists. */
  pullRequestExists?: boolean;
}

export interface FakeGitHub {
  /** API root without a trailing slash, for octokit's baseUrl. */
  readonly url: string;
  readonly calls: GitHubCall[];
  /** `METHOD path` per call, for sequence assertions. */
  sequence(): string[];
  /** Files committed to the fork: `branch:path` -> text. */
  readonly commits: Map<string, string>;
  readonly server: FakeServer;
  close(): Promise<void>;
}

export function blobSha(text: string): string {
  // Deterministic stand-in for git's blob sha: tests only compare it.
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h.toString(16).padStart(8, '0').repeat(5);
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export async function startFakeGitHub(options: FakeGitHubOptions = {}): Promise<FakeGitHub> {
  const login = options.login ?? 'octo-researcher';
  const [upOwner, upRepo] = (options.upstream ?? 'ossf/malicious-packages').split('/') as [string, string];
  const defaultBranch = options.defaultBranch ?? 'main';
  const baseSha = options.baseSha ?? 'a'.repeat(40);
  const files = new Map(Object.entries(options.files ?? {}));
  const branches = new Set(options.existingBranches ?? []);
  const commits = new Map<string, string>();
  const calls: GitHubCall[] = [];
  let forkRequested = options.forkExists ?? false;
  let pendingPolls = options.forkExists ? 0 : options.forkPendingPolls ?? 0;

  const handler = async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = decodeURIComponent(url.pathname);
    const body = await readBody(req);
    // Inspection for tests in another process (the extension host): not recorded, not GitHub's API.
    if (path === '/_fake/calls' && req.method === 'GET') return sendJson(res, 200, calls);
    if (path === '/_fake/calls' && req.method === 'DELETE') {
      calls.length = 0;
      return sendJson(res, 200, { cleared: true });
    }
    if (path === '/_fake/commits' && req.method === 'GET') return sendJson(res, 200, Object.fromEntries(commits));
    const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : undefined;
    calls.push({ method: req.method ?? '', path, query: Object.fromEntries(url.searchParams), ...(body !== undefined ? { body } : {}), ...(authorization ? { authorization } : {}) });

    if (options.token) {
      const given = authorization?.replace(/^(?:token|bearer)\s+/i, '');
      if (given !== options.token) return sendJson(res, 401, { message: `Bad credentials (received ${given ?? 'nothing'})`, documentation_url: 'https://docs.github.com/rest' });
    }
    const method = req.method ?? 'GET';
    let m: RegExpExecArray | null;

    if (method === 'GET' && path === '/user') return sendJson(res, 200, { login, id: 1, type: 'User' });

    if ((m = /^\/repos\/([^/]+)\/([^/]+)$/.exec(path)) && method === 'GET') {
      const [, owner, repo] = m;
      if (owner === upOwner && repo === upRepo) return sendJson(res, 200, { name: upRepo, full_name: `${upOwner}/${upRepo}`, owner: { login: upOwner }, default_branch: defaultBranch, fork: false });
      if (owner === login && repo === upRepo && forkRequested) {
        if (pendingPolls > 0) {
          pendingPolls--;
          return sendJson(res, 404, { message: 'Not Found' });
        }
        return sendJson(res, 200, { name: upRepo, full_name: `${login}/${upRepo}`, owner: { login }, default_branch: defaultBranch, fork: true });
      }
      return sendJson(res, 404, { message: 'Not Found' });
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/git\/ref\/heads\/(.+)$/.exec(path)) && method === 'GET') {
      if (m[1] === upOwner && m[2] === upRepo && m[3] === defaultBranch) return sendJson(res, 200, { ref: `refs/heads/${defaultBranch}`, object: { sha: baseSha, type: 'commit' } });
      return sendJson(res, 404, { message: 'Not Found' });
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/forks$/.exec(path)) && method === 'POST') {
      forkRequested = true;
      return sendJson(res, 202, { name: upRepo, full_name: `${login}/${upRepo}`, owner: { login }, fork: true });
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/git\/refs$/.exec(path)) && method === 'POST') {
      const ref = String((body as { ref?: unknown })?.ref ?? '');
      if (options.workflowScopeError) return sendJson(res, 422, { message: 'refusing to allow an OAuth App to create or update workflow `.github/workflows/ci.yml` without `workflow` scope', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference' });
      const branch = ref.replace(/^refs\/heads\//, '');
      if (branches.has(branch)) return sendJson(res, 422, { message: 'Reference already exists', documentation_url: 'https://docs.github.com/rest/git/refs#create-a-reference' });
      branches.add(branch);
      return sendJson(res, 201, { ref, object: { sha: (body as { sha?: string }).sha, type: 'commit' } });
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/contents\/(.+)$/.exec(path))) {
      const [, owner, , filePath] = m as unknown as [string, string, string, string];
      const ref = url.searchParams.get('ref') ?? defaultBranch;
      const committed = owner === login ? commits.get(`${ref}:${filePath}`) : undefined;
      if (method === 'GET') {
        const text = committed ?? files.get(filePath);
        if (text !== undefined) return sendJson(res, 200, { type: 'file', name: filePath.split('/').pop(), path: filePath, sha: blobSha(text), encoding: 'base64', content: Buffer.from(text).toString('base64') });
        const prefix = `${filePath}/`;
        const children = [...files.keys()].filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'));
        if (children.length) return sendJson(res, 200, children.map((p) => ({ type: 'file', name: p.split('/').pop(), path: p, sha: blobSha(files.get(p)!) })));
        return sendJson(res, 404, { message: 'Not Found' });
      }
      if (method === 'PUT') {
        const b = body as { content?: string; branch?: string; sha?: string; message?: string };
        const existing = files.get(filePath);
        if (existing !== undefined && b.sha !== blobSha(existing)) return sendJson(res, 409, { message: `${filePath} does not match ${b.sha ?? 'nothing'}` });
        const text = Buffer.from(b.content ?? '', 'base64').toString('utf8');
        commits.set(`${b.branch}:${filePath}`, text);
        return sendJson(res, existing === undefined ? 201 : 200, { content: { path: filePath, sha: blobSha(text) }, commit: { sha: 'c'.repeat(40) } });
      }
    }

    if ((m = /^\/repos\/([^/]+)\/([^/]+)\/pulls$/.exec(path)) && method === 'POST') {
      if (options.pullRequestExists) return sendJson(res, 422, { message: 'Validation Failed', errors: [{ resource: 'PullRequest', code: 'custom', message: `A pull request already exists for ${login}:${String((body as { head?: string }).head ?? '').split(':')[1]}.` }] });
      return sendJson(res, 201, { number: 4242, html_url: `https://github.com/${upOwner}/${upRepo}/pull/4242`, state: 'open' });
    }
    return sendJson(res, 404, { message: `Not Found (fake GitHub has no route for ${method} ${path})` });
  };

  const server = await startFakeServer(handler);
  return {
    url: server.url.replace(/\/$/, ''),
    calls,
    sequence: () => calls.map((c) => `${c.method} ${c.path}`),
    commits,
    server,
    close: () => server.close(),
  };
}
