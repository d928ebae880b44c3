import type { Rule } from '../analysis/types';
import { indicatorsFor, quote, clip } from '../analysis/helpers/behaviour-hosts';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { launchedAtInstall, scriptLike, textChunks } from '../analysis/helpers/behaviour-text';
import { isPublicIPv4 } from '../analysis/helpers/behaviour-hosts';

/**
 * Threat (scripts): download-and-execute in a shell / batch / PowerShell file, unparsable
 * JavaScript or a package.json script: `curl … | sh`, `wget -O x && chmod +x x && ./x`,
 * `curl -o a.exe … & start a.exe`, `powershell -EncodedCommand`, `iex (… DownloadString …)`,
 * certutil / bitsadmin / mshta downloads. High when the script runs at install (package.json
 * lifecycle scripts and the files they launch) or fetches from a raw IP; low for helper scripts
 * a CLI runs on request (e.g. browser installers).
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'script-download-exec',
    kind: 'threat',
    category: 'download-exec',
    severity: 'high',
    specificity: 'high',
    description: 'A script downloads a program or script and runs it.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  appliesTo: (file) => scriptLike(file),
  check(context) {
    const atInstall = /(?:^|\/)package\.json$|\.gypi?$/.test(context.file.path) || launchedAtInstall(context);
    for (const { text, offset, where } of textChunks(context)) {
      for (const hit of analyseShell(text)) {
        if (hit.behaviour !== 'download-exec' && hit.behaviour !== 'encoded-powershell') continue;
        // Scripts a CLI runs on request (browser installers) are not install-time droppers.
        const rawIp = !!hit.target && isPublicIPv4(hit.target.replace(/^[a-z]+:\/\//i, '').replace(/[:/].*$/, ''));
        context.report({
          ...(atInstall || rawIp ? {} : { severity: 'low' as const }),
          offset: offset + (where.startsWith('scripts.') ? 0 : hit.index),
          message: `${where.startsWith('scripts.') ? `The ${where.slice(8)} script` : `Script ${clip(where, 80)}`} ${hit.what}${hit.target ? ` (${quote(hit.target, 60)})` : ''}.`,
          ...(hit.target ? { indicators: indicatorsFor(hit.target) } : {}),
        });
        return;
      }
    }
  },
};

export default rule;
