import { gunzipSync, inflateSync } from 'node:zlib';
import type { Node } from '@babel/types';
import { mayBeNamed } from '../analysis/helpers/concealment-ast';
import { bareHost, dangerousContent, executableMagic, indicatorsIn, isBenignMedia, isMostlyPrintable, quote, usesNetwork } from '../analysis/helpers/concealment-content';
import type { Indicator, Rule, Severity } from '../analysis/types';

const LAST_NAMES = new Set(['atob', 'from', 'Buffer']);
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;
const HEX = /^(?:[0-9a-fA-F]{2})+$/;
/** Decoded strings shorter than this are labels and keys, not payloads. */
const MIN_DECODED = 8;
/** A literal this long is examined even when the file does not visibly decode it. */
const LONG_LITERAL = 4096;
const MAX_DECODE = 2_000_000;

type Encoding = 'base64' | 'hex';

interface Verdict {
  severity: Severity;
  address?: boolean;
  what: string;
  indicators: Indicator[];
}

/**
 * Long base64 or hex strings that decode to something worth hiding: an executable, a script
 * that starts processes or makes requests, or a bare host/URL. Fonts, images, wasm and
 * ordinary data decode to nothing of the kind and are never reported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'encoded-blob',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'high',
    description: 'A base64 or hex string that decodes to an executable, a script that runs commands, or a hidden host.',
    skip: { typeDeclaration: true },
    maxPerFile: 3,
  },
  create(context) {
    const seen = new Set<string>();

    const examine = (node: Node, data: string, encoding: Encoding, decodedHere: boolean) => {
      const clean = encoding === 'base64' ? data.replace(/\s+/g, '') : data;
      if (clean.length > MAX_DECODE * 2 || seen.has(clean.slice(0, 200))) return;
      const bytes = Buffer.from(clean, encoding === 'base64' ? 'base64' : 'hex');
      const verdict = classify(bytes, decodedHere);
      if (!verdict) return;
      // A host hidden in base64 in a file that connects somewhere: the beacon's endpoint.
      if (verdict.address && usesNetwork(context.text)) {
        verdict.severity = 'high';
        verdict.what += ', and this file makes network requests';
      }
      seen.add(clean.slice(0, 200));
      context.report({
        node,
        severity: verdict.severity,
        message: `Embeds ${encoding === 'base64' ? 'a base64' : 'a hex'} string (${clean.length} characters) that decodes to ${verdict.what}.`,
        ...(verdict.indicators.length ? { indicators: verdict.indicators } : {}),
      });
    };

    const encodingOf = (value: string): Encoding | undefined => {
      if (HEX.test(value)) return 'hex';
      if (BASE64.test(value.replace(/\s+/g, ''))) return 'base64';
      return undefined;
    };

    const decoderCall = (n: Node) => {
      const node = n as Extract<Node, { type: 'CallExpression' | 'NewExpression' }>;
      if (!node.arguments.length || !mayBeNamed(node, LAST_NAMES)) return;
      const name = context.calleeName(node);
      if (name !== 'atob' && name !== 'Buffer.from' && name !== 'Buffer') return;
      const arg = node.arguments[0];
      if (!arg || arg.type === 'SpreadElement') return;
      let encoding: Encoding | undefined;
      if (name === 'atob') encoding = 'base64';
      else {
        const enc = node.arguments[1] ? context.evaluate(node.arguments[1] as Node) : undefined;
        if (typeof enc !== 'string') return;
        const e = enc.toLowerCase();
        encoding = e === 'base64' || e === 'base64url' ? 'base64' : e === 'hex' ? 'hex' : undefined;
      }
      if (!encoding) return;
      const value = context.evaluate(arg as Node);
      if (typeof value !== 'string' || value.length < 12) return;
      if (encoding === 'hex' ? !HEX.test(value) : !BASE64.test(value.replace(/\s+/g, ''))) return;
      examine(node, value, encoding, true);
    };

    return {
      CallExpression: decoderCall,
      NewExpression: decoderCall,
      StringLiteral: (n) => {
        const node = n as Extract<Node, { type: 'StringLiteral' }>;
        if (node.value.length < LONG_LITERAL) return;
        const value = node.value.startsWith('data:') ? dataUrlPayload(node.value) : node.value;
        if (!value) return;
        const encoding = encodingOf(value);
        if (encoding) examine(node, value, encoding, false);
      },
    };
  },
};

/** The base64 part of a `data:` URL whose media type is a script or an executable (images and fonts are skipped). */
function dataUrlPayload(url: string): string | undefined {
  const m = /^data:([^;,]*)(?:;[^,]*)?;base64,/i.exec(url.slice(0, 200));
  if (!m) return undefined;
  const type = m[1]!.toLowerCase();
  if (!/javascript|ecmascript|octet-stream|x-msdownload|x-executable|x-sh|x-elf|x-mach/.test(type)) return undefined;
  return url.slice(m[0].length);
}

function classify(bytes: Buffer, decodedHere: boolean, depth = 0): Verdict | undefined {
  if (bytes.length < MIN_DECODED) return undefined;
  const exe = executableMagic(bytes.subarray(0, 64));
  if (exe) return { severity: 'high', what: `a ${exe === 'PE' ? 'Windows (PE)' : exe} executable of ${bytes.length} bytes`, indicators: [] };
  if (isBenignMedia(bytes)) return undefined;
  if (depth === 0 && bytes[0] === 0x1f && bytes[1] === 0x8b) {
    try {
      return classify(gunzipSync(bytes, { maxOutputLength: MAX_DECODE }), decodedHere, 1);
    } catch {
      return undefined;
    }
  }
  if (depth === 0 && bytes[0] === 0x78 && (bytes[1] === 0x9c || bytes[1] === 0xda || bytes[1] === 0x01)) {
    try {
      return classify(inflateSync(bytes, { maxOutputLength: MAX_DECODE }), decodedHere, 1);
    } catch {
      return undefined;
    }
  }
  const text = bytes.toString('utf8');
  if (!isMostlyPrintable(text)) return undefined;
  // Source maps and JSON documents carry URLs and code-like text honestly.
  if (/^\s*\{\s*"(?:version|mappings|sources|\$schema)"/.test(text)) return undefined;
  const danger = dangerousContent(text);
  const indicators = indicatorsIn(text);
  if (danger) {
    const shebang = text.startsWith('#!') ? 'a script' : 'code';
    return { severity: 'high', what: `${shebang} that uses ${danger}: ${quote(text, 60)}`, indicators };
  }
  // A bare host or URL, hidden in base64: what dependency-confusion beacons do with their endpoint.
  const trimmed = text.trim();
  if (decodedHere && trimmed.length < 300 && !/\s/.test(trimmed) && (bareHost(trimmed) || /^(?:https?|wss?):\/\//i.test(trimmed)) && indicators.length) {
    return { severity: 'medium', address: true, what: `the address ${quote(trimmed, 80)}`, indicators };
  }
  return undefined;
}

export default rule;
