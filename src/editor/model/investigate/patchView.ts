import type { PatchLine } from './protocol';
import { revealInvisible } from './visibleText';

const DEFAULT_MAX_LINES = 5000;
const MAX_LINE = 2000;

function kindOf(line: string): PatchLine['kind'] {
  if (line.startsWith('@@')) return 'hunk';
  if (line.startsWith('+++') || line.startsWith('---') || line.startsWith('\\') || line.startsWith('diff ') || line.startsWith('index ') || line.startsWith('Index:') || line.startsWith('===')) return 'meta';
  if (line.startsWith('+')) return 'add';
  if (line.startsWith('-')) return 'del';
  return 'context';
}

/**
 * A unified diff as lines to show: each classified by its first character, invisible and bidi
 * characters made visible, long lines cut. A `+++`/`---` line inside a hunk is an added or removed
 * line that happens to start with `++`/`--`, so the header kinds apply only before the first hunk.
 */
export function patchLines(patch: string, maxLines = DEFAULT_MAX_LINES): { lines: PatchLine[]; truncated: boolean } {
  const limit = Math.max(0, Math.floor(maxLines));
  const lines: PatchLine[] = [];
  let inHunk = false;
  let start = 0;
  while (start < patch.length) {
    if (lines.length >= limit) return { lines, truncated: true };
    const newline = patch.indexOf('\n', start);
    const end = newline === -1 ? patch.length : newline;
    let raw = patch.slice(start, end > start && patch.charCodeAt(end - 1) === 13 ? end - 1 : end);
    start = end + 1;
    let kind = kindOf(raw);
    if (kind === 'hunk') inHunk = true;
    else if (inHunk && (raw.startsWith('+++') || raw.startsWith('---'))) kind = raw.startsWith('+') ? 'add' : 'del';
    else if (kind === 'meta' && raw.startsWith('diff ')) inHunk = false;
    // The sign is the kind; the page draws it in its own column.
    if (kind === 'add' || kind === 'del' || (kind === 'context' && raw.startsWith(' '))) raw = raw.slice(1);
    if (raw.length > MAX_LINE) raw = `${raw.slice(0, MAX_LINE - 1)}…`;
    lines.push({ kind, text: revealInvisible(raw) });
  }
  return { lines, truncated: false };
}
