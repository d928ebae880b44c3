import type { Node } from '@babel/types';
import type { Indicator, Rule } from '../analysis/types';
import { isPublicIPv4, matchIpUrls } from '../analysis/helpers/behaviour-hosts';
import { callee, partialString, propertyKey, siteText } from '../analysis/helpers/behaviour-js';

const HOST_KEYS = new Set(['host', 'hostname', 'server', 'address', 'ip', 'remoteAddress']);

/**
 * Threat: a network destination that is a hard-coded public IP address: `http://203.0.113.5/…`,
 * `{ host: '203.0.113.5' }`, `socket.connect(4444, '203.0.113.5')`. Services are reached by name;
 * a bare address is how throwaway collection servers and C2s are reached. Private, loopback,
 * link-local and well-known resolver addresses are ignored.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'exfil-raw-ip',
    kind: 'threat',
    category: 'exfil',
    severity: 'medium',
    specificity: 'medium',
    description: 'Sends requests or opens a socket to a hard-coded public IP address.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
    // Every hit is a dotted-quad address (IPV4, IP_URL).
    needs: /\d\.\d{1,3}\.\d/,
  },
  create(context) {
    const seen = new Set<string>();
    const report = (node: Node, ip: string, what: string, url?: string) => {
      if (seen.has(ip)) return;
      seen.add(ip);
      const indicators: Indicator[] = [{ type: 'ip', value: ip }];
      if (url) indicators.push({ type: 'url', value: url });
      context.report({ node, message: `${what} the hard-coded IP address ${ip}, not a named service.`, indicators });
    };
    const strings = (node: Node) => {
      const s = siteText(context, node);
      if (!s || s.length < 12) return;
      for (const m of matchIpUrls(s)) {
        report(node, m.ip, 'Talks to', m.url);
        return;
      }
    };
    return {
      StringLiteral: strings,
      TemplateLiteral: strings,
      BinaryExpression: strings,
      ObjectProperty: (node) => {
        if (node.type !== 'ObjectProperty') return;
        const key = propertyKey(node);
        if (!key || !HOST_KEYS.has(key)) return;
        const v = partialString(context, node.value as Node);
        if (v && isPublicIPv4(v.trim())) report(node, v.trim(), 'Connects to');
      },
      CallExpression: (node) => {
        if (node.type !== 'CallExpression') return;
        strings(node);
        const c = node.callee;
        const method = c.type === 'MemberExpression' && c.property.type === 'Identifier' ? c.property.name : undefined;
        const name = callee(context, node);
        if (method !== 'connect' && method !== 'createConnection' && name !== 'net.connect' && name !== 'net.createConnection' && name !== 'tls.connect') return;
        for (const a of node.arguments.slice(0, 2)) {
          const v = partialString(context, a as Node);
          if (v && isPublicIPv4(v.trim())) {
            const port = node.arguments.map((x) => context.evaluate(x as Node)).find((x) => typeof x === 'number');
            report(node, v.trim(), `Opens a raw socket${port !== undefined ? ` on port ${port}` : ''} to`);
            return;
          }
        }
      },
    };
  },
};

export default rule;
