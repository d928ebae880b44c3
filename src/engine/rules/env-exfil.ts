import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { FlowTracker, sinkIndicators, sinkPhrase } from '../analysis/helpers/behaviour-flow';
import { callee, findAncestor, isExec, isOutbound, isProcessEnv, propertyKey } from '../analysis/helpers/behaviour-js';

const SERIALISERS = new Set(['JSON.stringify', 'Buffer.from', 'Buffer', 'querystring.stringify', 'querystring.encode', 'qs.stringify', 'util.inspect', 'util.format', 'String', 'btoa', 'encodeURIComponent']);
const SPAWNERS = /^(?:spawn|spawnSync|exec|execSync|execFile|execFileSync|fork|execa|execaSync|Worker|run|postMessage)$/;
const BODY_KEYS = new Set(['json', 'body', 'data', 'form', 'payload', 'content', 'text', 'message']);

/**
 * Threat: the whole environment (`process.env`, where CI and developer machines keep npm,
 * GitHub and cloud tokens) is serialised (`JSON.stringify`, `Buffer.from`, querystring …) or
 * used as a request body, and reaches a network call in the same file, or is handed to a
 * sending helper imported from a sibling module. Passing `process.env` to a child process or
 * worker is not reported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'env-exfil',
    kind: 'threat',
    category: 'secrets',
    severity: 'high',
    specificity: 'high',
    description: 'Sends a copy of the whole environment (all tokens and keys in it) over the network.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    if (!context.text.includes('env')) return {};
    const flow = new FlowTracker<string>(context);
    const holders = new Set<string>();
    let reported = false;

    const forChild = (node: Node) =>
      !!findAncestor(context, node, (n) => {
        if (n.type !== 'CallExpression' && n.type !== 'NewExpression') return false;
        if (isExec(callee(context, n))) return true;
        const c = n.callee;
        const method = c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : c.type === 'Identifier' ? c.name : '';
        return SPAWNERS.test(method);
      }, 6);

    const done = (f: NonNullable<typeof flow.flow>, at: Node) => {
      if (reported) return;
      reported = true;
      const indicators = sinkIndicators(f.sink);
      context.report({ node: at, message: `Sends the whole environment (process.env, with any tokens in it) ${sinkPhrase(f.sink)}.`, ...(indicators.length ? { indicators } : {}) });
    };

    /** process.env itself, an alias of it, an object literal holding it, or a variable that holds it. */
    const envLike = (n: Node | undefined): boolean => {
      if (!n) return false;
      if (isProcessEnv(context, n)) return true;
      if (n.type === 'Identifier') return holders.has(n.name);
      if (n.type === 'ObjectExpression') return n.properties.some((p) => (p.type === 'ObjectProperty' && isProcessEnv(context, p.value as Node)) || (p.type === 'SpreadElement' && isProcessEnv(context, p.argument)));
      return false;
    };

    const call = (node: Node) => {
      if (reported || (node.type !== 'CallExpression' && node.type !== 'NewExpression')) return;
      const f = flow.onCall(node);
      if (f) return done(f, node);
      const name = callee(context, node);
      if (!name) return;
      const args = node.arguments as Node[];
      if (SERIALISERS.has(name) && envLike(args[0]) && !forChild(node)) {
        const g = flow.addSource(node, 'env');
        if (g) done(g, node);
        return;
      }
      if (isOutbound(name)) {
        // axios.post(url, process.env) / got.post(url, { json: process.env })
        for (const a of args) {
          if (isProcessEnv(context, a) || (a?.type === 'ObjectExpression' && a.properties.some((p) => p.type === 'ObjectProperty' && BODY_KEYS.has(propertyKey(p) ?? '') && envLike(p.value as Node)))) {
            reported = true;
            context.report({ node, message: `Sends the whole environment (process.env, with any tokens in it) as the body of ${clip(name)}.` });
            return;
          }
        }
      }
      // helper(JSON.stringify(process.env)) with helper imported from a sibling module.
      if (/^\.{1,2}\//.test(name)) {
        for (const a of args) {
          if (a?.type === 'CallExpression' && SERIALISERS.has(callee(context, a) ?? '') && envLike(a.arguments[0] as Node)) {
            reported = true;
            context.report({ node, severity: 'medium', message: `Hands a serialised copy of the whole environment to ${clip(name.replace(/^(.*)\.([^.]+)$/, '$2() from $1'), 80)}.` });
            return;
          }
        }
      }
    };

    return {
      VariableDeclarator: (node) => {
        flow.onBinding(node);
        if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier' && node.init?.type === 'ObjectExpression' && envLike(node.init)) holders.add(node.id.name);
      },
      AssignmentExpression: (node) => {
        flow.onBinding(node);
        if (node.type === 'AssignmentExpression' && node.left.type === 'MemberExpression' && node.left.object.type === 'Identifier' && isProcessEnv(context, node.right) && !forChild(node)) {
          // `payload.env = process.env`: the object now carries it (to a serialiser or a sending helper).
          holders.add(node.left.object.name);
          flow.carryName(node.left.object.name, 'env', node);
        }
      },
      CallExpression: call,
      NewExpression: call,
    };
  },
};

export default rule;
