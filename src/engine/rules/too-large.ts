import type { Rule } from '../analysis/types';

/** A package over a cap was analysed only partly: say so, so that silence is never read as clean. */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'too-large',
    kind: 'capability',
    category: 'package',
    severity: 'low',
    specificity: 'low',
    description: 'The package exceeded a size, file-count or compression cap and was analysed only as far as the caps allowed.',
  },
  check(context) {
    for (const cap of context.pkg.archive?.capsHit ?? []) {
      context.report({ message: `Analysed only partly: the ${describe(cap.limit)} limit (${cap.max.toLocaleString('en-US')}) was reached${cap.count > 1 ? ` ${cap.count} times` : ''} (${cap.detail.slice(0, 100)}).` });
    }
  },
};

function describe(limit: string): string {
  const names: Record<string, string> = {
    maxCompressedBytes: 'compressed size',
    maxUnpackedBytes: 'unpacked size',
    maxFiles: 'file count',
    maxFileBytes: 'single-file size',
    maxPathDepth: 'path depth',
    maxCompressionRatio: 'compression ratio',
  };
  return names[limit] ?? limit;
}

export default rule;
