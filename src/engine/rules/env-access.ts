import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { envVariable, findAncestor, propertyKey } from '../analysis/helpers/behaviour-js';

/** Variable names that hold credentials. */
const SENSITIVE = /(?:^|_)(?:TOKEN|SECRET|PASSWORD|PASSWD|PASS|API_?KEY|ACCESS_?KEY|PRIVATE_?KEY|AUTH|CREDENTIALS?|COOKIE|SESSION|WEBHOOK)(?:_|$)|^(?:NPM_TOKEN|NODE_AUTH_TOKEN|GITHUB_TOKEN|GH_TOKEN|GITLAB_TOKEN|AWS_SECRET_ACCESS_KEY|AWS_SESSION_TOKEN|AWS_ACCESS_KEY_ID|AZURE_CLIENT_SECRET|GOOGLE_APPLICATION_CREDENTIALS|ACTIONS_RUNTIME_TOKEN|ACTIONS_ID_TOKEN_REQUEST_TOKEN|CI_JOB_TOKEN|SLACK_BOT_TOKEN|DISCORD_TOKEN|OPENAI_API_KEY|ANTHROPIC_API_KEY|STRIPE_SECRET_KEY|DATABASE_URL)$/i;
const SPAWNERS = /^(?:spawn|spawnSync|exec|execSync|execFile|execFileSync|fork|execa|run|Worker)$/;

/**
 * Capability: reads the whole environment (`JSON.stringify(process.env)`, `Object.keys(process.env)`,
 * a spread or copy that is not a child-process `env` option) or a variable named like a
 * credential (`NPM_TOKEN`, `AWS_SECRET_ACCESS_KEY`). `process.env.NODE_ENV` and friends are not
 * reported. Scoring pairs it with exfiltration, secret-theft and worm threats.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'env-access',
    kind: 'capability',
    category: 'env',
    severity: 'low',
    specificity: 'low',
    description: 'Reads the whole environment or variables named like credentials.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
  },
  create(context) {
    if (!context.text.includes('env')) return {};
    let done = false;
    const visit = (node: Node) => {
      if (done || node.type !== 'MemberExpression') return;
      const prop = node.property;
      // process.env as a whole
      if (!node.computed && prop.type === 'Identifier' && prop.name === 'env') {
        if (context.nameOf(node) !== 'process.env') return;
        const anc = context.ancestors();
        const parent = anc[anc.length - 1];
        if (!parent) return;
        if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && parent.object === node) return;
        if (parent.type === 'BinaryExpression' && parent.operator === 'in') return;
        if (parent.type === 'AssignmentExpression' && parent.left === node) return;
        if (parent.type === 'VariableDeclarator') return; // `const env = process.env` is shorthand, not a read
        if (parent.type === 'LogicalExpression' && anc[anc.length - 2]?.type === 'VariableDeclarator') return;
        // `{ env: process.env }`, `{ env: { ...process.env, X } }`, `Object.assign({}, process.env)` for a child process
        const asOption = findAncestor(context, node, (n) => (n.type === 'ObjectProperty' && propertyKey(n) === 'env') || (n.type === 'CallExpression' && n.callee.type === 'MemberExpression' && n.callee.property.type === 'Identifier' && SPAWNERS.test(n.callee.property.name)) || (n.type === 'CallExpression' && n.callee.type === 'Identifier' && SPAWNERS.test(n.callee.name)), 5);
        if (asOption) return;
        done = true;
        context.report({ node, message: 'Reads the whole environment (process.env), including any tokens and keys in it.' });
        return;
      }
      // process.env.SOME_TOKEN
      const obj = node.object;
      if (obj.type !== 'MemberExpression' || obj.computed || obj.property.type !== 'Identifier' || obj.property.name !== 'env') return;
      const name = envVariable(context, node);
      if (!name || !SENSITIVE.test(name)) return;
      done = true;
      context.report({ node, message: `Reads the credential variable ${clip(name)} from the environment.` });
    };
    return { MemberExpression: visit };
  },
};

export default rule;
