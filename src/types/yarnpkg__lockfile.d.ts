/** @yarnpkg/lockfile ships no types; only `parse` is used. */
declare module '@yarnpkg/lockfile' {
  export interface LockfileParseResult {
    type: 'success' | 'merge' | 'conflict';
    object: Record<string, unknown>;
  }
  export function parse(text: string, fileLoc?: string): LockfileParseResult;
  const lockfile: { parse: typeof parse };
  export default lockfile;
}
