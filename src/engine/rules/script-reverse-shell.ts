import type { Rule } from '../analysis/types';
import { indicatorsFor, quote, clip } from '../analysis/helpers/behaviour-hosts';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { scriptLike, textChunks } from '../analysis/helpers/behaviour-text';

/**
 * Threat (scripts): a reverse shell or raw socket in a shell / batch / PowerShell / Python file,
 * unparsable JavaScript or a package.json script: `bash -i >& /dev/tcp/…`, `nc -e /bin/sh`,
 * `mkfifo … | nc`, `socat exec:`, Python/Perl/PowerShell socket shells.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'script-reverse-shell',
    kind: 'threat',
    category: 'reverse-shell',
    severity: 'critical',
    specificity: 'high',
    description: 'A script opens a reverse shell or raw socket to a remote host.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  appliesTo: (file) => scriptLike(file),
  check(context) {
    for (const { text, offset, where } of textChunks(context)) {
      const hits = analyseShell(text).filter((h) => h.behaviour === 'reverse-shell').sort((a, b) => (a.severity ? 1 : 0) - (b.severity ? 1 : 0));
      for (const hit of hits) {
        const ip = /\/dev\/(?:tcp|udp)\/([^/\s]+)\/\d+/.exec(text)?.[1] ?? /\b(?:nc|ncat|netcat)\b[^\n|;&]*?\b(\d{1,3}(?:\.\d{1,3}){3}|[a-z0-9-]+(?:\.[a-z0-9-]+)+)\b/i.exec(text)?.[1];
        context.report({
          ...(hit.severity ? { severity: hit.severity } : {}),
          offset: offset + (where.startsWith('scripts.') ? 0 : hit.index),
          message: `${where.startsWith('scripts.') ? `The ${where.slice(8)} script` : `Script ${clip(where, 80)}`} ${hit.what}${ip ? ` (${quote(ip, 50)})` : ''}.`,
          ...(ip ? { indicators: indicatorsFor(ip) } : {}),
        });
        return;
      }
    }
  },
};

export default rule;
