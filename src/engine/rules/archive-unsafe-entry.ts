import type { Rule } from '../analysis/types';

/**
 * npm pack never writes these: an archive entry that climbs out of the package folder, an
 * absolute path, or a link to somewhere else was crafted by hand, usually to write outside the
 * install folder on an unpatched extractor.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'archive-unsafe-entry',
    kind: 'threat',
    category: 'hidden-code',
    severity: 'high',
    specificity: 'high',
    description: 'The tarball holds entries with path traversal, absolute paths, or links out of the package.',
    maxPerFile: 5,
  },
  check(context) {
    const archive = context.pkg.archive;
    if (!archive) return;
    const traversal = archive.suspiciousPaths.filter((p) => p.reason !== 'outside-package-folder' && p.reason !== 'empty');
    for (const entry of traversal.slice(0, 5)) {
      context.report({
        message: `Archive entry ${JSON.stringify(entry.path.slice(0, 100))} (${entry.reason.replace(/-/g, ' ')}) tries to reach outside the package folder; it was not extracted.`,
        indicators: [{ type: 'path', value: entry.path.slice(0, 200) }],
      });
    }
    const escaping = archive.specialEntries.filter((e) => (e.type === 'symlink' || e.type === 'hardlink') && e.linkTarget !== undefined && escapes(e.path, e.linkTarget));
    for (const entry of escaping.slice(0, 5)) {
      context.report({
        severity: 'medium',
        message: `Archive ${entry.type} ${JSON.stringify(entry.path.slice(0, 80))} points at ${JSON.stringify(entry.linkTarget!.slice(0, 80))}, outside the package; it was not followed.`,
        indicators: [{ type: 'path', value: entry.linkTarget!.slice(0, 200) }],
      });
    }
  },
};

function escapes(from: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:[\\/]/.test(target) || target.startsWith('\\')) return true;
  const parts = from.split('/').slice(0, -1);
  for (const segment of target.split(/[\\/]/)) {
    if (segment === '..') {
      if (!parts.length) return true;
      parts.pop();
    } else if (segment && segment !== '.') parts.push(segment);
  }
  return false;
}

export default rule;
