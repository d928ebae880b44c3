import type { Node } from '@babel/types';
import { clip } from '../analysis/helpers/behaviour-hosts';
import { isExec } from '../analysis/helpers/behaviour-js';
import { functionName, isFunctionNode } from '../analysis/helpers/concealment-ast';
import { DECODER_LAST_NAMES, strongDecoder } from '../analysis/helpers/concealment-decoders';
import type { Rule } from '../analysis/types';
import { walk } from '../analysis/walk';

/**
 * Every decoder's last name (zlib's decompressors included). `Buffer.from` decodes only with a
 * binary encoding, so the encoding's name stands in for it: `from` alone is in every other file.
 */
const PREFILTER_DECODE = new RegExp(`\\b(?:${[...DECODER_LAST_NAMES].filter((n) => n !== 'from' && n !== 'Buffer').join('|')})\\b|base64|['"]hex['"]`);
/** The exec-family calls come from these modules (a regex's `.exec` is no reason to look). */
const PREFILTER_EXEC = /child_process|['"](?:execa|shelljs|cross-spawn)['"]/;
const MAX_DEPTH = 8;

/**
 * Threat: a process started with a command or file name that the code decodes at run time — a
 * char-shift "cipher", `String.fromCharCode` over computed codes, `atob`, `Buffer.from(x, 'base64')`
 * — directly, through variables, or through a local decoding function. Honest code names the
 * program it runs; hiding it is how droppers keep the payload's name out of a reviewer's sight.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'decoded-command',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'high',
    description: 'Starts a process whose command or file name is decoded at run time (char-code shifting, base64, hex).',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    if (!PREFILTER_DECODE.test(context.text) || !PREFILTER_EXEC.test(context.text)) return {};
    return {
      Program: (program) => {
        // Local functions that decode, and variables bound (once) to an expression.
        const decoderFunctions = new Map<string, string>();
        const bindings = new Map<string, Node | null>();
        const execCalls: Node[] = [];
        const functionStack: { node: Node; name?: string }[] = [];
        walk(program, (node, ancestors) => {
          while (functionStack.length && !ancestors.includes(functionStack[functionStack.length - 1]!.node)) functionStack.pop();
          if (isFunctionNode(node)) functionStack.push({ node, name: functionName(node, ancestors[ancestors.length - 1]) });
          if (node.type === 'VariableDeclarator' && node.id.type === 'Identifier') {
            bindings.set(node.id.name, bindings.has(node.id.name) ? null : (node.init ?? null));
          } else if (node.type === 'CallExpression') {
            const name = context.calleeName(node);
            const decoder = strongDecoder(node, context.calleeName, context.evaluate, name);
            if (decoder) {
              const fn = functionStack[functionStack.length - 1];
              if (fn?.name && !decoderFunctions.has(fn.name)) decoderFunctions.set(fn.name, decoder);
            }
            if (isExec(name)) execCalls.push(node);
          }
        });
        if (!execCalls.length) return;

        /** The decoder behind an expression: a decoding call inside it, a decoding local function, or a variable holding one. */
        const decodedBy = (node: Node | null | undefined, depth: number, seen: Set<string>): string | undefined => {
          if (!node || depth > MAX_DEPTH) return undefined;
          switch (node.type) {
            case 'CallExpression':
            case 'NewExpression': {
              const direct = strongDecoder(node, context.calleeName, context.evaluate);
              if (direct) return direct;
              if (node.callee.type === 'Identifier' && decoderFunctions.has(node.callee.name)) return `${node.callee.name}(), which uses ${decoderFunctions.get(node.callee.name)}`;
              if (node.callee.type === 'MemberExpression') {
                const inner = decodedBy(node.callee.object as Node, depth + 1, seen);
                if (inner) return inner;
              }
              for (const arg of node.arguments) {
                const inner = decodedBy(arg as Node, depth + 1, seen);
                if (inner) return inner;
              }
              return undefined;
            }
            case 'Identifier': {
              if (seen.has(node.name)) return undefined;
              seen.add(node.name);
              return decodedBy(bindings.get(node.name), depth + 1, seen);
            }
            case 'BinaryExpression':
              return decodedBy(node.left as Node, depth + 1, seen) ?? decodedBy(node.right, depth + 1, seen);
            case 'TemplateLiteral':
              for (const e of node.expressions) {
                const inner = decodedBy(e as Node, depth + 1, seen);
                if (inner) return inner;
              }
              return undefined;
            case 'ArrayExpression':
              for (const e of node.elements) {
                const inner = decodedBy(e as Node | null, depth + 1, seen);
                if (inner) return inner;
              }
              return undefined;
            case 'AwaitExpression':
              return decodedBy(node.argument, depth + 1, seen);
            case 'ParenthesizedExpression':
              return decodedBy(node.expression, depth + 1, seen);
            default:
              return undefined;
          }
        };

        for (const call of execCalls) {
          if (call.type !== 'CallExpression') continue;
          // The program and its arguments; the options object says nothing about what runs.
          for (const arg of call.arguments.slice(0, 2)) {
            const decoder = decodedBy(arg as Node, 0, new Set());
            if (!decoder) continue;
            context.report({ node: call, message: `Starts a process with ${clip(context.calleeName(call) ?? 'a process call', 40)} whose command or file name is decoded at run time (${clip(decoder, 80)}), hiding what it runs.` });
            return;
          }
        }
      },
    };
  },
};

export default rule;
