import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

export type ParsedSource = { ok: true; ast: File; recovered: boolean } | { ok: false; message: string; line?: number; column?: number };

const TS_EXTENSIONS = /\.(?:ts|mts|cts|tsx)$/i;
const JS_EXTENSIONS = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

/**
 * Larger scripts are not parsed: a Babel tree costs about 30-40 bytes of heap per source
 * character, so a 9 MB bundle (TypeScript's compiler) would need more memory than a scan worker
 * has. Such files are read by the text rules only, and unparsable-source says so.
 */
export const MAX_PARSED_CHARS = 4 * 1024 * 1024;

export function isScript(path: string): boolean {
  return JS_EXTENSIONS.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

/**
 * One Babel parse per file, as permissive as Babel allows: packages ship everything from ES3
 * bundles to TypeScript sources, and a file that half-parses still tells us a lot. Nothing is
 * ever evaluated; the tree is data.
 */
export function parseSource(text: string, path: string): ParsedSource {
  if (text.length > MAX_PARSED_CHARS) return { ok: false, message: `larger than ${MAX_PARSED_CHARS / 1048576} MB, the most the JavaScript rules parse` };
  const plugins: ParserPlugin[] = TS_EXTENSIONS.test(path) ? (/x$/i.test(path) ? ['typescript', 'jsx'] : ['typescript']) : ['jsx'];
  const attempt = (sourcePlugins: ParserPlugin[]): ParsedSource => {
    const ast = parse(text, {
      sourceType: 'unambiguous',
      errorRecovery: true,
      allowReturnOutsideFunction: true,
      allowAwaitOutsideFunction: true,
      allowImportExportEverywhere: true,
      allowSuperOutsideMethod: true,
      allowUndeclaredExports: true,
      allowNewTargetOutsideFunction: true,
      attachComment: false,
      plugins: sourcePlugins,
    });
    return { ok: true, ast, recovered: (ast.errors?.length ?? 0) > 0 };
  };
  try {
    return attempt(plugins);
  } catch (first) {
    // JSX and a few legacy idioms (`a < b > c` in old code) clash; plain JS is the second chance.
    if (plugins.includes('jsx') && !plugins.includes('typescript')) {
      try {
        return attempt([]);
      } catch {
        /* report the first error: it is the one about the real syntax */
      }
    }
    const loc = (first as { loc?: { line: number; column: number } }).loc;
    return { ok: false, message: (first as Error).message, ...(loc ? { line: loc.line, column: loc.column + 1 } : {}) };
  }
}
