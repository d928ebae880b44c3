// Before drafting: does the package already have a record? The repository refuses a second
// MAL-0000 file for a package whose record has user-written details, so the UI offers to update the
// existing file instead. Two sources: OSV.dev (`POST /v1/query` by package) and the repository's
// directory for the package (GitHub contents API). "none" is said only when both answered; a failed
// lookup makes the answer "unknown" with the reason, never "none".
import { cleanText, type RawOsvRecord } from '../intel/osvRecord';
import { redact } from '../registry/redact';
import { createGitHubClient, describeGitHubError, type GitHubClient } from './githubClient';
import { ASSIGNED_RECORD_FILE, NEW_RECORD_FILE, isValidPackageName, recordDirectory } from './repositoryPath';
import { DEFAULT_GITHUB_API, DEFAULT_OSV_API, DEFAULT_TARGET_REPO } from './types';
import { coveredVersions } from './updateRecord';

const MAX_OSV_PAGES = 10;
const MAX_RECORD_BYTES = 1024 * 1024;
const MAX_FILES_READ = 5;

export interface ExistingRecord {
  /** `MAL-2025-47141`, or the file's name without `.json` for a pending MAL-0000 file. */
  id: string;
  /** Path in the repository. */
  path: string;
  /** Blob sha from the repository, needed to replace the file. */
  sha?: string;
  /** The record as stored in the repository (untrusted), when it could be read. */
  record?: RawOsvRecord;
  /** Listed versions and ranges, as short phrases. */
  covers: { versions: string[]; ranges: string[] };
  /** Where it was seen. */
  seenIn: ('osv' | 'repository')[];
  aliases: string[];
}

export type ExistingRecordCheck =
  | { status: 'none'; checked: string[] }
  | { status: 'found'; records: ExistingRecord[]; notes: string[] }
  | { status: 'unknown'; reasons: string[] };

export interface ExistingRecordOptions {
  /** OSV API root, default https://api.osv.dev. */
  osvApi?: string;
  /** GitHub REST root, default https://api.github.com. */
  githubApi?: string;
  /** `owner/name`, default ossf/malicious-packages. */
  repo?: string;
  /** Branch to read, default main. */
  branch?: string;
  /** Optional GitHub token (raises the rate limit); sent to githubApi only. */
  token?: string;
  /** An already made client (tests, the PR flow); used instead of token/githubApi. */
  github?: GitHubClient;
  timeoutMs?: number;
}

/** Looks the package up in OSV.dev and in the repository's directory for it. */
export async function findExistingRecords(name: string, options: ExistingRecordOptions = {}): Promise<ExistingRecordCheck> {
  if (!isValidPackageName(name)) return { status: 'unknown', reasons: [`${JSON.stringify(name.slice(0, 100))} is not a valid npm package name`] };
  const dir = recordDirectory(name);
  const secrets = options.token ? [options.token] : [];
  const [osv, repo] = await Promise.all([queryOsv(name, options).catch((e: unknown) => ({ ok: false as const, reason: `OSV.dev lookup failed: ${redact(errorText(e), secrets)}` })), listRepository(name, dir, options).catch((e: unknown) => ({ ok: false as const, reason: `repository lookup failed: ${describeGitHubError(e, secrets).message}` }))]);

  const byId = new Map<string, ExistingRecord>();
  if (repo.ok) for (const r of repo.records) byId.set(r.id, r);
  if (osv.ok) {
    for (const rec of osv.records) {
      const id = typeof rec.id === 'string' ? cleanText(rec.id, 60) : '';
      const known = byId.get(id);
      if (known) known.seenIn.push('osv');
      else byId.set(id, { id, path: `${dir}/${id}.json`, covers: coveredVersions(rec, name), seenIn: ['osv'], aliases: aliasesOf(rec) });
    }
  }
  if (byId.size) {
    const notes = [!osv.ok ? osv.reason : '', !repo.ok ? repo.reason : ''].filter(Boolean);
    return { status: 'found', records: [...byId.values()], notes };
  }
  const reasons = [!osv.ok ? osv.reason : '', !repo.ok ? repo.reason : ''].filter(Boolean);
  if (reasons.length) return { status: 'unknown', reasons };
  return { status: 'none', checked: [`OSV.dev (${options.osvApi ?? DEFAULT_OSV_API})`, `${options.repo ?? DEFAULT_TARGET_REPO} ${dir}/`] };
}

/** `fetch failed (connect ECONNREFUSED ...)`: fetch hides the reason in `cause`. */
function errorText(error: unknown): string {
  const e = error as { message?: unknown; cause?: { message?: unknown } };
  const message = typeof e?.message === 'string' ? e.message : String(error);
  return typeof e?.cause?.message === 'string' && e.cause.message ? `${message} (${e.cause.message})` : message;
}

function aliasesOf(record: RawOsvRecord): string[] {
  return Array.isArray(record.aliases) ? record.aliases.filter((a): a is string => typeof a === 'string').slice(0, 10).map((a) => cleanText(a, 60)) : [];
}

type Lookup<T> = ({ ok: true } & T) | { ok: false; reason: string };

/** MAL- records OSV.dev serves for the package (all versions; withdrawn ones are left out). */
async function queryOsv(name: string, options: ExistingRecordOptions): Promise<Lookup<{ records: RawOsvRecord[] }>> {
  const url = `${(options.osvApi ?? DEFAULT_OSV_API).replace(/\/+$/, '')}/v1/query`;
  const records: RawOsvRecord[] = [];
  let pageToken: string | undefined;
  for (let page = 0; page < MAX_OSV_PAGES; page++) {
    const body = { package: { name, ecosystem: 'npm' }, ...(pageToken ? { page_token: pageToken } : {}) };
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(options.timeoutMs ?? 20_000) });
    if (!res.ok) return { ok: false, reason: `OSV.dev answered HTTP ${res.status}` };
    const text = await res.text();
    if (text.length > 20 * MAX_RECORD_BYTES) return { ok: false, reason: 'OSV.dev answer too large' };
    const data = JSON.parse(text) as { vulns?: unknown; next_page_token?: unknown };
    for (const v of Array.isArray(data.vulns) ? data.vulns : []) {
      if (typeof v === 'object' && v && typeof (v as RawOsvRecord).id === 'string' && ((v as RawOsvRecord).id as string).startsWith('MAL-') && !(v as RawOsvRecord).withdrawn) records.push(v as RawOsvRecord);
    }
    pageToken = typeof data.next_page_token === 'string' && data.next_page_token ? data.next_page_token : undefined;
    if (!pageToken) return { ok: true, records };
  }
  return { ok: true, records };
}

/** MAL-*.json files in the package's directory of the repository, read and parsed (a few at most). */
async function listRepository(name: string, dir: string, options: ExistingRecordOptions): Promise<Lookup<{ records: ExistingRecord[] }>> {
  const github = options.github ?? (await createGitHubClient({ ...(options.token ? { token: options.token } : {}), baseUrl: options.githubApi ?? DEFAULT_GITHUB_API, ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}) }));
  const [owner, repo] = (options.repo ?? DEFAULT_TARGET_REPO).split('/') as [string, string];
  const ref = options.branch ?? 'main';
  let listing: unknown;
  try {
    listing = (await github.rest.repos.getContent({ owner, repo, path: dir, ref })).data;
  } catch (error) {
    if ((error as { status?: unknown }).status === 404) return { ok: true, records: [] };
    throw error;
  }
  if (!Array.isArray(listing)) return { ok: false, reason: `${dir} in ${owner}/${repo} is not a directory` };
  const files = listing.filter((f): f is { name: string; path: string; sha: string; type: string } => typeof f?.name === 'string' && f.type === 'file' && (ASSIGNED_RECORD_FILE.test(f.name) || NEW_RECORD_FILE.test(f.name)));
  const records: ExistingRecord[] = [];
  for (const file of files.slice(0, MAX_FILES_READ)) {
    const id = file.name.replace(/\.json$/, '');
    const entry: ExistingRecord = { id, path: `${dir}/${file.name}`, sha: file.sha, covers: { versions: [], ranges: [] }, seenIn: ['repository'], aliases: [] };
    const content = (await github.rest.repos.getContent({ owner, repo, path: entry.path, ref })).data as { content?: unknown; encoding?: unknown; sha?: unknown };
    if (typeof content.content === 'string' && content.encoding === 'base64' && content.content.length < (MAX_RECORD_BYTES * 4) / 3 + 1000) {
      try {
        const record = JSON.parse(Buffer.from(content.content, 'base64').toString('utf8')) as unknown;
        if (record && typeof record === 'object' && !Array.isArray(record)) {
          entry.record = record as RawOsvRecord;
          entry.covers = coveredVersions(entry.record, name);
          entry.aliases = aliasesOf(entry.record);
        }
      } catch {
        /* an unreadable record is still a record: it is listed without its versions */
      }
    }
    if (typeof content.sha === 'string') entry.sha = content.sha;
    records.push(entry);
  }
  return { ok: true, records };
}
