import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { quote } from '../analysis/helpers/behaviour-hosts';
import { callee, commandOf, isExec } from '../analysis/helpers/behaviour-js';

/**
 * Window-hiding switches of Windows launchers. `windowsHide: true` is not among them: Node adds
 * it to keep a console from flashing, and honest tools set it everywhere; nor is `start /B` or
 * `/MIN`, which tools use to run a helper without a second console (nodemon's windows-kill).
 */
const HIDDEN: { re: RegExp; what: string }[] = [
  { re: /\b(?:powershell|pwsh)(?:\.exe)?\b[^\n]*?\s[-/](?:w|wi|win|wind|windo|window|windows|windowst|windowsty|windowstyl|windowstyle)\s+["']?(?:hidden|hidde|hidd|hid|hi|h|1)["']?(?=[\s"']|$)/i, what: 'PowerShell with its window hidden (-WindowStyle Hidden)' },
  { re: /\b(?:wscript|cscript)(?:\.exe)?\s+(?:[^\n]*\s)?\/\/b\b/i, what: 'Windows Script Host in batch mode (//B), without a visible window' },
  { re: /\bconhost(?:\.exe)?\s+(?:[^\n]*\s)?--headless\b/i, what: 'a headless console host (conhost --headless)' },
  { re: /\bStart-Process\b[^\n]*-WindowStyle\s+["']?Hidden\b/i, what: 'a program with Start-Process -WindowStyle Hidden' },
];

/** The launchers HIDDEN knows; a file naming none of them cannot start one. */
const PREFILTER = /powershell|pwsh|wscript|cscript|conhost|Start-Process/i;

/**
 * Threat: code that starts a shell or script host with its window hidden. A program that means to
 * be seen has no reason to hide the console it opens; droppers and stealers do it so the victim
 * never sees a PowerShell window flash up.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'hidden-window',
    kind: 'threat',
    category: 'anti-analysis',
    severity: 'medium',
    specificity: 'medium',
    description: 'Starts PowerShell or Windows Script Host with its window hidden (-WindowStyle Hidden, Start-Process -WindowStyle Hidden, //B, conhost --headless).',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    // Keyed on the programs, not on the word "hidden": `-w h` and `-WindowStyle 1` spell it otherwise.
    if (!PREFILTER.test(context.text)) return {};
    const check = (node: Node) => {
      const name = callee(context, node);
      if (!isExec(name)) return;
      const cmd = commandOf(context, node, name!);
      if (!cmd) return;
      // commandOf reduces `spawn('powershell', ['-w', 'h', '-c', x])` to x: the switches sit beside the program.
      const lines = [[cmd.command, ...cmd.args].join(' '), [cmd.program, ...cmd.args].join(' ')];
      for (const h of HIDDEN) {
        if (!lines.some((line) => h.re.test(line))) continue;
        context.report({ node, message: `Starts ${h.what} through ${name} (${quote(cmd.command.replace(/\u0000/g, '…'), 80)}).` });
        return;
      }
    };
    return { CallExpression: check, NewExpression: check };
  },
};

export default rule;
