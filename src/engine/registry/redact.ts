// Removes credentials from text before it goes anywhere (log, error message, UI). Used on every
// error string that comes back from pacote / npm-registry-fetch / make-fetch-happen, which can
// include request URLs (with user:password@), response bodies echoing a token, or header values.

const MIN_SECRET_LENGTH = 4;

const PATTERNS: Array<[RegExp, string]> = [
  // scheme://user:password@host  and  scheme://token@host
  [/\b([a-z][a-z0-9+.-]*:\/\/)[^\s/?#@"'<>]+@/gi, '$1***@'],
  // Authorization header values
  [/\b(Bearer|Basic|token)(\s+)[A-Za-z0-9._~+/=-]{4,}/gi, '$1$2***'],
  // npm granular / automation tokens, GitHub tokens
  [/\bnpm_[A-Za-z0-9]{20,}/g, 'npm_***'],
  [/\b(gh[pousr]_|github_pat_)[A-Za-z0-9_]{20,}/g, '$1***'],
  // npmrc-style and query-style key=value / key: value pairs
  [/(_authToken|_auth|_password|password|passwd|secret|access_token|auth_token|token)(["']?\s*[=:]\s*["']?)[^\s"'&,;)}\]]+/gi, '$1$2***'],
];

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Returns `text` with credentials replaced by `***`: the literal `secrets` given (and their URL-encoded
 * forms), URL user-info, npm and GitHub token shapes, Authorization header values and
 * `_authToken=`-style pairs. Secrets shorter than 4 characters are not matched literally.
 */
export function redact(text: string, secrets: Iterable<string> = []): string {
  let out = String(text);
  const literal = new Set<string>();
  for (const s of secrets) {
    if (typeof s !== 'string' || s.length < MIN_SECRET_LENGTH) continue;
    literal.add(s);
    const enc = encodeURIComponent(s);
    if (enc !== s) literal.add(enc);
  }
  // longest first, so a secret that contains another is removed whole
  for (const s of [...literal].sort((a, b) => b.length - a.length)) out = out.replace(new RegExp(escapeRegExp(s), 'g'), '***');
  for (const [re, to] of PATTERNS) out = out.replace(re, to);
  return out;
}
