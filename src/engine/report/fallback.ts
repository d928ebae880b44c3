// Without a GitHub session: GitHub's prefilled "new file" page in the right directory (GitHub forks
// for the user when they commit), and npm's prefilled malware report form. Both only open pages;
// the user still submits them.
import { DEFAULT_TARGET_REPO } from './types';

/**
 * encodeURIComponent, plus `'`: browsers percent-encode it in a query themselves (WHATWG URL), so
 * encoding it here makes the link exactly the URL the browser requests (test/e2e/vsix.test.ts).
 */
function encodeComponent(text: string): string {
  return encodeURIComponent(text).replace(/'/g, '%27');
}

/** Browsers and GitHub cope with URLs up to about this long; past it the content goes to the clipboard. */
export const MAX_PREFILL_URL = 8000;

export interface NewFileLink {
  url: string;
  /** False when the JSON was too long for the URL: the caller copies it to the clipboard and says so. */
  includesContent: boolean;
  /** What to tell the user. */
  note: string;
}

/**
 * `https://github.com/<repo>/new/<branch>/<dir>?filename=<file>&value=<json>`; the value is left
 * out when the URL would be too long.
 */
export function newFileLink(repoPath: string, content: string, options: { repo?: string; branch?: string; maxLength?: number } = {}): NewFileLink {
  const repo = options.repo ?? DEFAULT_TARGET_REPO;
  const slash = repoPath.lastIndexOf('/');
  const dir = repoPath.slice(0, slash);
  const file = repoPath.slice(slash + 1);
  const base = `https://github.com/${repo.split('/').map(encodeComponent).join('/')}/new/${encodeComponent(options.branch ?? 'main')}/${dir.split('/').map(encodeComponent).join('/')}?filename=${encodeComponent(file)}`;
  const full = `${base}&value=${encodeComponent(content)}`;
  if (full.length <= (options.maxLength ?? MAX_PREFILL_URL)) {
    return { url: full, includesContent: true, note: 'GitHub opens the new file with the report filled in; commit it to propose the change (GitHub forks the repository for you).' };
  }
  return { url: base, includesContent: false, note: 'The report is too long to pass in the link: it was copied to the clipboard. Paste it into the new file, then commit it to propose the change.' };
}

/** GitHub's editor for an existing record (no prefill exists for edits: the updated JSON goes to the clipboard). */
export function editFileLink(repoPath: string, options: { repo?: string; branch?: string } = {}): string {
  const repo = options.repo ?? DEFAULT_TARGET_REPO;
  return `https://github.com/${repo.split('/').map(encodeComponent).join('/')}/edit/${encodeComponent(options.branch ?? 'main')}/${repoPath.split('/').map(encodeComponent).join('/')}`;
}

/** npm's malware report form, prefilled with the package and version. */
export function npmMalwareFormUrl(name: string, version?: string): string {
  return `https://www.npmjs.com/support?inquire=security&security-inquire=malware&package=${encodeComponent(name)}${version ? `&version=${encodeComponent(version)}` : ''}`;
}
