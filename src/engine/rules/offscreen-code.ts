import { isScriptish } from '../analysis/helpers/concealment-content';
import type { Rule } from '../analysis/types';

/** Width of the blank run (tabs count 4) after code on the same line. */
const AFTER_CODE = 150;
/** Width of indentation before code: deep honest indentation stays far below this. */
const INDENT = 300;
const RUN = /[ \t]{38,}/g;
/** What follows has to look like code: a name followed by a call, member access or assignment. */
const CODE = /[A-Za-z_$][\w$]*\s*(?:[(.[]|=[^=])/;
/** Hidden code that starts processes, evaluates or downloads: nothing honest hides this. */
const CRITICAL = /child_process|\b(?:exec|execSync|spawn|eval)\s*\(|\bnew\s+Function\b|https?:\/\/|\b(?:curl|wget|powershell)\b/;
const DANGEROUS = /\b(?:eval|Function|require|import|child_process|exec|execSync|spawn|atob|Buffer|fetch|https?|XMLHttpRequest|WebSocket|process\.env|curl|wget|powershell|bash|sh|node)\b/;

/**
 * Code pushed off-screen: hundreds of spaces on a line, then more code that an editor or a
 * diff view shows only after scrolling far right (or, on an indented line, not at all in a
 * narrow review pane). Honest code never needs a blank run this wide before a statement.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'offscreen-code',
    kind: 'threat',
    category: 'hidden-code',
    severity: 'medium',
    specificity: 'high',
    description: 'Code hidden off-screen after hundreds of spaces or tabs on one line.',
    skip: { typeDeclaration: true },
    maxPerFile: 2,
  },
  appliesTo: (file) => isScriptish(file.path),
  check(context) {
    const text = context.text;
    RUN.lastIndex = 0;
    for (let m = RUN.exec(text); m; m = RUN.exec(text)) {
      const run = m[0];
      let width = 0;
      for (let i = 0; i < run.length; i++) width += run.charCodeAt(i) === 9 ? 4 : 1;
      const end = m.index + run.length;
      const lineEnd = text.indexOf('\n', end);
      const after = text.slice(end, lineEnd < 0 ? text.length : lineEnd).replace(/\r$/, '');
      if (!CODE.test(after) || /^(?:\/\/|\/\*|\*|#(?!!))/.test(after)) continue;
      const lineStart = text.lastIndexOf('\n', m.index - 1) + 1;
      const before = text.slice(lineStart, m.index);
      const leading = !before.trim();
      if (width < (leading ? INDENT : AFTER_CODE)) continue;
      const danger = DANGEROUS.exec(after);
      context.report({
        offset: end,
        severity: CRITICAL.test(after) ? 'critical' : danger ? 'high' : 'medium',
        message: `Hides code ${width} columns to the right${leading ? ' of an empty-looking line' : ' of the visible statement'}${danger ? ` (it uses ${danger[0]})` : ''}: ${JSON.stringify(after.trim().slice(0, 60))}.`,
      });
    }
  },
};

export default rule;
