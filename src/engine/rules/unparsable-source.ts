import { isScript, MAX_PARSED_CHARS } from '../analysis/parseSource';
import type { Rule } from '../analysis/types';

/**
 * A .js/.ts file that Babel cannot parse: only text rules can read it, so the reader should
 * know the JavaScript rules were blind there. Most are honest (templates with `<%= %>`, Flow or
 * syntax newer than the parser), which is why this is a low capability and never evidence
 * alone. It also says why the file does not parse when the text shows it (a shell script or
 * HTML under a .js name, a template).
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'unparsable-source',
    kind: 'capability',
    category: 'package',
    severity: 'low',
    specificity: 'low',
    description: 'A JavaScript or TypeScript file that does not parse; only text-level rules could read it.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
  },
  appliesTo: (file) => isScript(file.path),
  check(context) {
    if (context.parsed) return;
    const head = context.text.slice(0, 4096);
    let why = '';
    if (context.text.length > MAX_PARSED_CHARS) why = `: at ${(context.text.length / 1048576).toFixed(1)} MB it is larger than the ${MAX_PARSED_CHARS / 1048576} MB the JavaScript rules parse`;
    else if (/^#!\s*\/(?:usr\/)?bin\/(?:env\s+)?(?:ba|z|da)?sh\b/.test(head)) why = ': it is a shell script under a JavaScript name';
    else if (/^\s*(?:@echo\s+off|powershell\b)/i.test(head)) why = ': it is a Windows batch or PowerShell script under a JavaScript name';
    else if (/^\s*<(?:!doctype|html|script)\b/i.test(head)) why = ': it is HTML under a JavaScript name';
    else if (/<%[=-]?|\{\{[#/]?\s*\w/.test(head)) why = ': it looks like a template (<% %> or {{ }}), not a script';
    context.report({ offset: 0, message: `${context.text.length > MAX_PARSED_CHARS ? 'Did not' : 'Could not'} parse ${context.file.path} as JavaScript${why}; only text-level rules were applied.` });
  },
};

export default rule;
