import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Rule } from '../analysis/types';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { scriptLike, textChunks } from '../analysis/helpers/behaviour-text';

/**
 * Threat (scripts): sabotage in a shell / batch / PowerShell file, unparsable JavaScript or a
 * package.json script: `rm -rf ~`, `rm -rf /`, `rm -fr $DIR/../..`, `rd /s /q C:\`, a fork bomb,
 * `dd` over a disk, `mkfs`.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'script-destructive',
    kind: 'threat',
    category: 'destructive',
    severity: 'high',
    specificity: 'high',
    description: 'A script deletes home/system folders, fork-bombs or overwrites disks.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  appliesTo: (file) => scriptLike(file),
  check(context) {
    for (const { text, offset, where } of textChunks(context)) {
      for (const hit of analyseShell(text)) {
        if (hit.behaviour !== 'destructive') continue;
        context.report({
          offset: offset + (where.startsWith('scripts.') ? 0 : hit.index),
          message: `${where.startsWith('scripts.') ? `The ${where.slice(8)} script` : `Script ${clip(where, 80)}`} ${hit.what}.`,
        });
        return;
      }
    }
  },
};

export default rule;
