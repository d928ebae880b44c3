import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { GEO_HOSTS, quote } from '../analysis/helpers/behaviour-hosts';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { FS_OR_EXEC_NEEDS, callee, commandOf, fsReadCall, fsWriteCall, isDeleteCall, isExec, partialString, propertyValue, siteText } from '../analysis/helpers/behaviour-js';

/** The whole home folder, the project, a drive or the root (possibly under a prefix). */
const WHOLE_TREE = /(?:^|\/)(?:~|\$CWD(?:\/\.\.)*|\$HOME)\/?\*?$|^\/\*?$|^[A-Za-z]:\/?\*?$|^\/(?:home|Users|root)\/?\*?$|^~\/(?:Desktop|Documents|Downloads|Pictures)\/?\*?$|(?:^|\/)\.\.\/\.\.\/?\*?$/;
const GEO_STRING = /^(?:russia|belarus|russian federation)$/i;
const GEO_TZ = /Europe\/(?:Moscow|Minsk|Samara|Kaliningrad|Volgograd)|\bru_RU\b|\bbe_BY\b/;

/**
 * Threat: sabotage. Recursively deleting a home directory, the project, a drive or the root
 * (`fs.rmSync(os.homedir(), { recursive: true })`, `rm -rf ~`, `rd /s /q C:\`); or any
 * overwrite/delete gated on the victim's location (a geolocation service, a Moscow/Minsk time
 * zone, "russia"/"belarus"): the node-ipc protestware pattern.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'destructive-wipe',
    kind: 'threat',
    category: 'destructive',
    severity: 'high',
    specificity: 'high',
    description: 'Deletes or overwrites home, project or system folders, or wipes files by geolocation.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
    // Every report is a delete, a write or a command (a location check alone is not reported).
    needs: FS_OR_EXEC_NEEDS,
  },
  create(context) {
    let reported = false;
    let geo: string | undefined;
    let harm: { node: Node; what: string } | undefined;
    let walks = false;

    const report = (node: Node, message: string) => {
      if (reported) return;
      reported = true;
      context.report({ node, message });
    };
    const combine = (node: Node) => {
      if (geo && harm) report(node, `Checks the victim's location (${geo}) and then ${harm.what}: geotargeted sabotage.`);
    };

    const strings = (node: Node) => {
      if (reported || geo) return;
      const s = siteText(context, node);
      if (!s || s.length > 300) return;
      if (GEO_HOSTS.test(s)) geo = `geolocation lookup ${quote(s, 50)}`;
      else if (GEO_STRING.test(s) || GEO_TZ.test(s)) geo = quote(s, 40);
      if (geo) combine(node);
    };

    return {
      StringLiteral: strings,
      TemplateLiteral: strings,
      RegExpLiteral: (node) => {
        if (reported || geo || node.type !== 'RegExpLiteral') return;
        if (/Moscow|Minsk|Samara|ru_RU|be_BY|\b(?:russia|belarus)\b/i.test(node.pattern)) {
          geo = `/${node.pattern.slice(0, 40)}/`;
          combine(node);
        }
      },
      CallExpression: (node) => {
        if (reported || node.type !== 'CallExpression') return;
        strings(node);
        const name = callee(context, node);
        if (!name) return;
        if (fsReadCall(name) && /readdir|opendir/.test(name)) walks = true;
        if (isDeleteCall(name)) {
          const target = partialString(context, node.arguments[0] as Node);
          if (target && WHOLE_TREE.test(target.replace(/\\/g, '/').replace(/\/+$/, '') || '/')) {
            return report(node, `Recursively deletes ${quote(target, 50)} (${name}): a home, project or system folder.`);
          }
          const recursive = name.includes('rimraf') || /^del\b/.test(name) || /remove|emptyDir/.test(name) || node.arguments.some((a) => a.type === 'ObjectExpression' && context.evaluate(propertyValue(a, 'recursive') as Node) === true);
          if (walks || recursive) harm ??= { node, what: `deletes files (${name})` };
          return combine(node);
        }
        const w = fsWriteCall(name);
        if (w && walks && /write|truncate|outputFile/i.test(w)) {
          harm ??= { node, what: `overwrites the files it walks (${name})` };
          return combine(node);
        }
        if (isExec(name)) {
          const cmd = commandOf(context, node, name);
          if (!cmd) return;
          for (const hit of analyseShell(cmd.command)) {
            if (hit.behaviour === 'destructive') return report(node, `Runs a command that ${hit.what} (${name} ${quote(cmd.command, 50)}).`);
          }
        }
      },
    };
  },
};

export default rule;
