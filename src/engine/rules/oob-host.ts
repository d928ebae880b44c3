import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { indicatorsFor, matchHostService, quote, type HostKind } from '../analysis/helpers/behaviour-hosts';
import { fileTalksToNetwork, propertyKey, stringSite } from '../analysis/helpers/behaviour-js';

const HOST_KEYS = new Set(['host', 'hostname', 'url', 'uri', 'baseURL', 'baseUrl', 'server', 'domain', 'endpoint', 'target']);

const WHY: Record<HostKind, string> = {
  oob: 'an out-of-band callback server that records every request and DNS lookup it receives',
  'request-capture': 'a request bin that records whatever is sent to it',
  tunnel: 'a tunnel to somebody\'s own machine',
  paste: 'an anonymous paste / file-drop site',
  'paste-upload': 'data posted there is published for the author to collect',
};

/**
 * Threat: a hard-coded out-of-band interaction host (Burp Collaborator / oastify, Interactsh,
 * canarytokens, DNSLog …), a request bin (webhook.site, Pipedream, RequestBin …), a tunnel
 * (ngrok, localtunnel …) or a paste / file-drop site, in any string the resolver can rebuild
 * (split, joined, reversed or base64-decoded). The host list lives in behaviour-hosts.ts. A bare
 * service domain in an array or a comparison (a deny-list) is not reported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'oob-host',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'Names an out-of-band callback host, request bin, tunnel or paste site.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  create(context) {
    const seen = new Set<string>();
    const check = (node: Node) => {
      const s = stringSite(context, node);
      if (!s) return;
      const m = matchHostService(s);
      if (!m || seen.has(m.host)) return;
      // Tunnels and paste sites also appear in domain lists; they count where the file talks to the network.
      if ((m.kind === 'tunnel' || m.kind === 'paste') && !fileTalksToNetwork(context)) return;
      const url = /[a-z][a-z0-9+.-]*:\/\/[^\s"'`]+/i.exec(s.slice(Math.max(0, m.index - 12)))?.[0];
      // A bare service domain ("oastify.com") in a list is a deny-list or documentation; callbacks
      // use a per-target sub-domain, or name the service as a request's host.
      let severity: 'high' | 'medium' = m.kind === 'oob' || m.kind === 'request-capture' || m.kind === 'paste-upload' ? 'high' : 'medium';
      if (!url && m.kind !== 'paste-upload' && m.host.split('.').length <= 2) {
        const anc = context.ancestors();
        const parent = anc[anc.length - 1];
        const key = parent?.type === 'ObjectProperty' ? propertyKey(parent) : undefined;
        if (parent?.type === 'ArrayExpression' || (parent?.type === 'BinaryExpression' && /^[!=]==?$/.test(parent.operator))) return;
        if (!(key && HOST_KEYS.has(key)) && parent?.type !== 'CallExpression' && parent?.type !== 'NewExpression') severity = 'medium';
      }
      seen.add(m.host);
      const hidden = node.type !== 'StringLiteral' && node.type !== 'TemplateLiteral' ? ' (assembled at run time)' : '';
      context.report({
        node,
        severity,
        message: m.kind === 'paste-upload' ? `Uploads data through ${m.service}${hidden}: ${WHY[m.kind]}.` : `Contacts ${m.service} host ${quote(m.host, 60)}${hidden}: ${WHY[m.kind]}.`,
        ...(m.host ? { indicators: indicatorsFor(url && url.includes(m.host) ? url : m.host) } : {}),
      });
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
