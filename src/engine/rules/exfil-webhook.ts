import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { indicatorsFor, matchChatEndpoints, quote } from '../analysis/helpers/behaviour-hosts';
import { siteText } from '../analysis/helpers/behaviour-js';

const BOT_PATH = /^\/?bot\d{6,12}:[\w-]{20,}\/\w+/;
const BOT_TOKEN = /^\d{6,12}:[\w-]{30,}$/;

/**
 * Threat: a chat drop box with its credential baked in: a Discord or Slack webhook URL with id
 * and token, a Teams webhook, a Telegram bot URL or token. Honest libraries take the webhook
 * from their user; only a stealer ships one that posts to its author.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'exfil-webhook',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'Posts to a hard-coded Discord/Slack/Teams webhook or Telegram bot.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  create(context) {
    const telegram = /api\.telegram\./i.test(context.text);
    let done = 0;
    const check = (node: Node) => {
      if (done >= 2) return;
      const s = siteText(context, node);
      if (!s || s.length < 12) return;
      for (const m of matchChatEndpoints(s)) {
        done++;
        context.report({ node, message: `Sends data to ${m.service} hard-coded in the package (${quote(m.url.replace(/\/[\w-]{12,}$/, '/…'), 70)}).`, indicators: indicatorsFor(m.url.startsWith('http') ? m.url : `https://${m.url}`) });
        return;
      }
      if (telegram && (BOT_PATH.test(s) || BOT_TOKEN.test(s))) {
        done++;
        context.report({ node, message: 'Sends data to a Telegram bot whose token is hard-coded in the package (api.telegram.org).', indicators: [{ type: 'domain', value: 'api.telegram.org' }] });
      }
    };
    return {
      StringLiteral: check,
      TemplateLiteral: check,
      BinaryExpression: check,
      CallExpression: check,
    };
  },
};

export default rule;
