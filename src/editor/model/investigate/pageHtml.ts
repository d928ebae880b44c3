/**
 * The Investigate page's HTML document: a strict Content Security Policy (scripts only by nonce,
 * styles, fonts and images only from the extension, nothing else), the stylesheets, an empty
 * `<main id="root">` the page script fills, and the script. Pure: the host passes its webview's
 * `cspSource`, a fresh nonce and the asset URIs.
 */

export interface PageHtmlOptions {
  /** `webview.cspSource`. */
  cspSource: string;
  /** A fresh random value per document (base64 or hex). */
  nonce: string;
  scriptUri: string;
  styleUris: string[];
  title?: string;
}

const NONCE = /^[A-Za-z0-9+/=_-]{16,}$/;
// `webview.cspSource` is a source list: hosts such as `https://*.vscode-cdn.net`, and in code-server
// also `'self'`. Anything else (a `;`, another quoted keyword) could change the policy.
const CSP_HOST_SOURCE = /^[A-Za-z0-9*:/.\-_+[\]%~]+$/;

function isSourceList(text: string): boolean {
  const sources = text.split(' ').filter((s) => s !== '');
  return sources.length > 0 && sources.every((s) => s === "'self'" || CSP_HOST_SOURCE.test(s));
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function investigateCsp(cspSource: string, nonce: string): string {
  if (!isSourceList(cspSource)) throw new Error('invalid CSP source');
  if (!NONCE.test(nonce)) throw new Error('invalid nonce');
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    `style-src ${cspSource}`,
    `font-src ${cspSource}`,
    `img-src ${cspSource}`,
    "connect-src 'none'",
    "frame-src 'none'",
    "form-action 'none'",
    "base-uri 'none'",
  ].join('; ');
}

export function investigatePageHtml(opts: PageHtmlOptions): string {
  const csp = investigateCsp(opts.cspSource, opts.nonce);
  const styles = opts.styleUris.map((uri) => `  <link rel="stylesheet" href="${escapeHtml(uri)}">`).join('\n');
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
${styles}
  <title>${escapeHtml(opts.title ?? 'Investigate')}</title>
</head>
<body>
  <main id="root"></main>
  <script nonce="${escapeHtml(opts.nonce)}" src="${escapeHtml(opts.scriptUri)}"></script>
</body>
</html>
`;
}
