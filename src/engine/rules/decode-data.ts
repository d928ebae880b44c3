import type { Node } from '@babel/types';
import { mayBeNamed } from '../analysis/helpers/concealment-ast';
import { DECODER_LAST_NAMES, strongDecoder } from '../analysis/helpers/concealment-decoders';
import type { Rule } from '../analysis/types';

/**
 * The capability to decode opaque data: base64/hex through atob or Buffer.from, char codes
 * computed at run time, compressed buffers. Everyday code (tokens, images, protocols) does this,
 * so it is a low capability; it is what turns eval, obfuscation or a hidden host in the same
 * file into a decode-then-use pair.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'decode-data',
    kind: 'capability',
    category: 'decode',
    severity: 'low',
    specificity: 'low',
    description: 'Decodes base64, hex, computed char codes or compressed data at run time.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    let done = false;
    const check = (node: Node) => {
      if (done || !mayBeNamed(node, DECODER_LAST_NAMES)) return;
      const decoder = strongDecoder(node, context.calleeName, context.evaluate);
      if (!decoder) return;
      done = true;
      context.report({ node, message: `Decodes data at run time with ${decoder}.` });
    };
    return { CallExpression: check, NewExpression: check };
  },
};

export default rule;
