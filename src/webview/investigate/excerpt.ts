// A few lines of source around a finding: line numbers, token colours from a fixed table, the hit
// line highlighted, the hit itself in a <mark>, and "…" where a long line was cut.
import type { CodeToken, ExcerptLine, ExcerptView } from '../../editor/model/investigate/protocol';
import { append, el, lookup } from './dom';

const TOKEN_CLASSES: Record<string, string> = {
  keyword: 'tok-keyword',
  string: 'tok-string',
  comment: 'tok-comment',
  number: 'tok-number',
  function: 'tok-function',
  operator: 'tok-operator',
  punctuation: 'tok-punctuation',
  regex: 'tok-regex',
  property: 'tok-property',
  boolean: 'tok-boolean',
  builtin: 'tok-builtin',
};

export function renderExcerpt(excerpt: ExcerptView): HTMLElement {
  const root = el('div', 'excerpt');
  if (excerpt.lines.length > 0) {
    const code = el('pre', 'code');
    for (const line of excerpt.lines) append(code, renderLine(line));
    append(root, code);
  }
  if (excerpt.note) append(root, el('p', 'muted excerpt-note', excerpt.note));
  return root;
}

function renderLine(line: ExcerptLine): HTMLElement {
  const row = el('span', line.hit ? 'code-line hit' : 'code-line');
  append(row, el('span', 'line-number', String(line.number)));
  const text = el('span', 'line-text');
  if (line.cutBefore) append(text, el('span', 'cut', '…'));
  appendTokens(text, line.tokens, line.hit ? line.mark : undefined);
  if (line.cutAfter) append(text, el('span', 'cut', '…'));
  append(row, text, '\n');
  return row;
}

/** Token pieces inside [mark.start, mark.end) go into one <mark> per contiguous run. */
function appendTokens(parent: HTMLElement, tokens: readonly CodeToken[], mark: { start: number; end: number } | undefined): void {
  let offset = 0;
  let openMark: HTMLElement | undefined;
  for (const token of tokens) {
    const className = lookup(TOKEN_CLASSES, token.kind);
    const end = offset + token.text.length;
    const cuts = mark ? [offset, clamp(mark.start, offset, end), clamp(mark.end, offset, end), end] : [offset, end];
    for (let i = 0; i + 1 < cuts.length; i++) {
      const from = cuts[i]!;
      const to = cuts[i + 1]!;
      if (to <= from) continue;
      const piece = el('span', className, token.text.slice(from - offset, to - offset));
      const inside = mark !== undefined && from >= mark.start && to <= mark.end;
      if (inside) {
        if (!openMark) {
          openMark = el('mark', 'hit-mark');
          append(parent, openMark);
        }
        append(openMark, piece);
      } else {
        openMark = undefined;
        append(parent, piece);
      }
    }
    offset = end;
  }
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(Math.max(value, min), max);
}
