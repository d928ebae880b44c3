import type { Node } from '@babel/types';
import type { StaticValue } from '../types';

/** Which calls decode data, for the rules that follow decoded values into eval, require and friends. */

type CalleeName = (node: Node) => string | undefined;
type Evaluate = (node: Node) => StaticValue;

/** Any call whose result is decoded text when it sits directly in an evaluated expression. */
export const DECODERS = new Set([
  'atob', 'Buffer.from', 'Buffer', 'String.fromCharCode', 'String.fromCodePoint', 'decodeURIComponent', 'unescape',
  'zlib.inflateSync', 'zlib.gunzipSync', 'zlib.brotliDecompressSync', 'zlib.inflateRawSync', 'zlib.unzipSync',
]);

/** The last part of every decoder's name, for the syntactic pre-filter. */
export const DECODER_LAST_NAMES: ReadonlySet<string> = new Set([...DECODERS].map((n) => n.slice(n.lastIndexOf('.') + 1)));

const BINARY_ENCODINGS = new Set(['base64', 'base64url', 'hex']);
const DECOMPRESSORS = new Set(['zlib.inflateSync', 'zlib.gunzipSync', 'zlib.brotliDecompressSync', 'zlib.inflateRawSync', 'zlib.unzipSync']);

/**
 * A call that really decodes an opaque encoding (base64, hex, computed char codes, compressed
 * data): what a hand-written decoding function contains. `decodeURIComponent` and constant
 * `String.fromCharCode(65)` are too ordinary to make a function a "decoder".
 */
export function strongDecoder(node: Node, calleeName: CalleeName, evaluate: Evaluate, known?: string): string | undefined {
  if (node.type !== 'CallExpression' && node.type !== 'NewExpression') return undefined;
  const name = known ?? calleeName(node);
  if (!name) return undefined;
  if (name === 'atob') return 'atob';
  if (name === 'Buffer.from' || name === 'Buffer') {
    const enc = node.arguments[1] ? evaluate(node.arguments[1] as Node) : undefined;
    return typeof enc === 'string' && BINARY_ENCODINGS.has(enc.toLowerCase()) ? `Buffer.from(…, '${enc.toLowerCase()}')` : undefined;
  }
  if (name === 'String.fromCharCode' || name === 'String.fromCodePoint') {
    // XOR / shift loops: the code is computed, not written down.
    const dynamic = node.arguments.some((a) => a.type !== 'NumericLiteral' && a.type !== 'SpreadElement');
    const spread = node.arguments.some((a) => a.type === 'SpreadElement');
    return dynamic || spread ? name : undefined;
  }
  if (DECOMPRESSORS.has(name)) return name;
  return undefined;
}
