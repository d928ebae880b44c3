import { parse, type ParserPlugin } from '@babel/parser';
import type { File } from '@babel/types';

export type ParsedSource = { ok: true; ast: File; recovered: boolean } | { ok: false; message: string; line?: number; column?: number };

const TS_EXTENSIONS = /\.(?:ts|mts|cts|tsx)$/i;
const JS_EXTENSIONS = /\.(?:js|mjs|cjs|jsx|ts|mts|cts|tsx)$/i;

export function isScript(path: string): boolean {
  return JS_EXTENSIONS.test(path) && !/\.d\.[cm]?ts$/i.test(path);
}

/**
 * One Babel parse per file, as permissive as Babel allows: packages ship everything from ES3
 * bundles to TypeScript sources, and a file that half-parses still tells us a lot. Nothing is
 * ever evaluated; the tree is data.
 */
export function parseSource(text: string, path: string): ParsedSource {
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
