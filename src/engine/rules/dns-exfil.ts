import { clip } from '../analysis/helpers/behaviour-hosts';
import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { DNS_CALLS, HOLE, NETWORK_NEEDS, callee, commandOf, isExec, partialString, stringSite } from '../analysis/helpers/behaviour-js';

/** A name built as `<data>.<constant domain>`: the suffix after the last unknown part. */
function labelSuffix(raw: string | undefined): string | undefined {
  if (!raw) return undefined;
  // Placeholders for machine facts (`$HOSTNAME`, `$USER`, `~`) are data too.
  const s = raw.replace(/\$[A-Z_]{2,}|~/g, HOLE);
  const i = s.lastIndexOf(HOLE);
  if (i < 0) return undefined;
  const suffix = s.slice(i + 1);
  const m = /^[a-z0-9_-]*\.((?:[a-z0-9_-]+\.)+[a-z]{2,})\.?$/i.exec(suffix);
  if (!m) return undefined;
  const domain = m[1]!.toLowerCase();
  if (/(?:^|\.)(?:in-addr|ip6)\.arpa$|spamhaus|spamcop|sorbs|barracudacentral|surbl|uribl|dnsbl|mailspike|abuseat|torproject|dnswl/.test(domain)) return undefined;
  return domain;
}

const ENCODING = /\.toString\(\s*['"](?:hex|base64|base64url)['"]\s*\)|base32|\.match\(\s*\/\.\{1,\d+\}\/g|ABCDEFGHIJKLMNOPQRSTUVWXYZ234567|abcdefghijklmnopqrstuvwxyz234567|\.charCodeAt\([^)]*\)\.toString\(\s*16\s*\)/;
const DNS_TOOL = /^(?:.*[\\/])?(?:nslookup|dig|host|ping|Resolve-DnsName)(?:\.exe)?$/i;

/**
 * Threat: DNS exfiltration. Data is placed in the labels of a host name under the author's
 * domain (`<hex>.<id>.x.example-collab.net`) and the name is resolved with `dns.lookup` /
 * `dns.resolve*` or `nslookup`/`dig`/`ping`, so the data leaves even where HTTP is blocked.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'dns-exfil',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'Encodes data into DNS names under a fixed domain and resolves them.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
    // Every report is a DNS call (dns.*) or a DNS tool run (nslookup, dig, host, ping …).
    needs: NETWORK_NEEDS,
  },
  create(context) {
    let encodedCache: boolean | undefined;
    const isEncoded = () => (encodedCache ??= ENCODING.test(context.text));
    let reported = false;
    let labelDomain: string | undefined;
    let toolCall: Node | undefined;

    const report = (node: Node, domain: string, via: string, identity = false) => {
      if (reported) return;
      reported = true;
      const encoded = identity || isEncoded();
      context.report({
        node,
        severity: encoded ? 'high' : 'medium',
        message: `Builds host names from data under ${clip(domain, 80)} and resolves them (${clip(via, 60)})${encoded ? ', encoding the data or naming the machine first' : ''}: DNS exfiltration.`,
        indicators: [{ type: 'domain', value: domain }],
      });
    };

    const strings = (node: Node) => {
      if (reported || labelDomain) return;
      if (node.type !== 'TemplateLiteral' && node.type !== 'BinaryExpression') return;
      const d = labelSuffix(stringSite(context, node));
      if (!d) return;
      labelDomain = d;
      if (toolCall) report(node, d, 'a DNS tool');
    };

    return {
      TemplateLiteral: strings,
      BinaryExpression: strings,
      CallExpression: (node) => {
        if (reported || node.type !== 'CallExpression') return;
        strings(node);
        const name = callee(context, node);
        if (!name) return;
        if (DNS_CALLS.has(name)) {
          const raw = partialString(context, node.arguments[0] as Node);
          const d = labelSuffix(raw);
          if (d) report(node, d, name, /\$(?:HOSTNAME|USER|USERNAME|LOGNAME|COMPUTERNAME)\b/.test(raw ?? ''));
          return;
        }
        if (!isExec(name)) return;
        const cmd = commandOf(context, node, name);
        if (!cmd) return;
        for (const hit of analyseShell(cmd.command)) {
          if (hit.behaviour === 'dns-exfil') {
            reported = true;
            context.report({ node, message: `Runs a command that ${hit.what} (${clip(name)}): DNS exfiltration.`, ...(hit.target ? { indicators: [{ type: 'domain', value: hit.target.replace(/^.*:\/\//, '').replace(/[/:].*$/, '') }] } : {}) });
            return;
          }
        }
        if (DNS_TOOL.test(cmd.program.trim())) {
          const d = labelSuffix(cmd.command);
          if (d) return report(node, d, `${cmd.program.trim()} via ${name}`);
          toolCall = node;
          if (labelDomain) report(node, labelDomain, `${cmd.program.trim()} via ${name}`);
        }
      },
    };
  },
};

export default rule;
