// Import order matters: the snapshot of the global first, then core + javascript, then json (which needs the global).
import { globalBeforePrism } from './prismGlobal';
import Prism from 'prismjs';
import 'prismjs/components/prism-json';
import type { CodeToken, TokenKind } from './protocol';

/*
 * Host-side only: the page receives tokens as data and never loads Prism. Under Node prism.js
 * finds no `window`/`document`, so it neither highlights anything by itself nor listens for worker
 * messages; the one global it sets is restored below.
 */
const holder = globalThis as { Prism?: unknown };
if (globalBeforePrism.had) holder.Prism = globalBeforePrism.value;
else delete holder.Prism;

export type Language = 'js' | 'json' | 'text';

const GRAMMARS: Record<Exclude<Language, 'text'>, Prism.Grammar> = {
  js: Prism.languages.javascript!,
  json: Prism.languages.json!,
};

// Prism token types (and aliases) of the javascript and json grammars, by the colour the page gives them.
const KINDS: Record<string, TokenKind> = {
  keyword: 'keyword',
  null: 'keyword',
  string: 'string',
  'template-string': 'string',
  'template-punctuation': 'string',
  char: 'string',
  comment: 'comment',
  hashbang: 'comment',
  number: 'number',
  function: 'function',
  'function-variable': 'function',
  operator: 'operator',
  arrow: 'operator',
  spread: 'operator',
  punctuation: 'punctuation',
  'interpolation-punctuation': 'punctuation',
  regex: 'regex',
  'regex-source': 'regex',
  'regex-delimiter': 'regex',
  'regex-flags': 'regex',
  property: 'property',
  'literal-property': 'property',
  boolean: 'boolean',
  builtin: 'builtin',
  'class-name': 'builtin',
  constant: 'builtin',
  // Code inside `${...}` is code again, not part of the surrounding string.
  interpolation: 'plain',
};

function kindOf(token: Prism.Token, inherited: TokenKind): TokenKind {
  const own = Object.prototype.hasOwnProperty.call(KINDS, token.type) ? KINDS[token.type] : undefined;
  if (own) return own;
  for (const alias of typeof token.alias === 'string' ? [token.alias] : token.alias ?? []) {
    if (Object.prototype.hasOwnProperty.call(KINDS, alias)) return KINDS[alias]!;
  }
  return inherited;
}

function flatten(stream: Prism.TokenStream, kind: TokenKind, out: CodeToken[]): void {
  if (typeof stream === 'string') {
    if (!stream) return;
    const last = out[out.length - 1];
    if (last && last.kind === kind) last.text += stream;
    else out.push({ text: stream, kind });
    return;
  }
  if (Array.isArray(stream)) {
    for (const part of stream) flatten(part, kind, out);
    return;
  }
  flatten(stream.content, kindOf(stream, kind), out);
}

/**
 * Splits code into coloured runs; joined, their texts are exactly `code`. Meant for excerpts a few
 * hundred characters long (callers cut long lines first): Prism's regular expressions run over all of it.
 */
export function tokenize(code: string, language: Language): CodeToken[] {
  if (!code) return [];
  if (language === 'text') return [{ text: code, kind: 'plain' }];
  const out: CodeToken[] = [];
  flatten(Prism.tokenize(code, GRAMMARS[language]), 'plain', out);
  return out;
}

/** The grammar for a file, by its extension (TypeScript is close enough to JavaScript for colouring). */
export function languageFor(path: string): Language {
  const ext = /\.([A-Za-z0-9]+)$/.exec(path)?.[1]?.toLowerCase();
  if (ext && ['js', 'cjs', 'mjs', 'jsx', 'ts', 'tsx', 'mts', 'cts'].includes(ext)) return 'js';
  if (ext === 'json') return 'json';
  return 'text';
}
