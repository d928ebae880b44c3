import type { Node } from '@babel/types';
import type { Rule } from '../analysis/types';
import { callee, commandOf, fileTalksToNetwork, fsReadCall, initOf, isExec, propertyValue } from '../analysis/helpers/behaviour-js';

type Chain = 'ETH' | 'BTC' | 'SOL' | 'TRX' | 'LTC/DOGE/XRP';

/** Which chain an address-matching regular expression is for. */
function chainOfRegex(pattern: string): Chain | undefined {
  if (/0x\[[^\]]*(?:a-f|A-F)[^\]]*\]\{40\}/.test(pattern)) return 'ETH';
  if (/^\^?\\?b?\(?T\[[^\]]*\]\{3[34]\}|\bT\[1-9A-HJ-NP-Za-km-z\]/.test(pattern)) return 'TRX';
  if (/bc1|\[13\]\[a-km-zA-HJ-NP-Z1-9\]|\(bc1\|\[13\]\)/.test(pattern)) return 'BTC';
  if (/\[1-9A-HJ-NP-Za-km-z\]\{(?:3[2-9]|4[0-4]),(?:4[0-4])\}/.test(pattern)) return 'SOL';
  if (/\[LM3\]\[a-km-zA-HJ-NP-Z1-9\]|D\{1\}\[5-9A-HJ-NP-U\]|\^r\[0-9a-zA-Z\]\{2[4-9]|\^?\(?bitcoincash:/.test(pattern)) return 'LTC/DOGE/XRP';
  return undefined;
}

const ADDRESS_LITERAL = /^(?:0x[a-fA-F0-9]{40}|bc1[a-z0-9]{25,59}|[13][a-km-zA-HJ-NP-Z1-9]{25,34}|T[1-9A-HJ-NP-Za-km-z]{33})$/;
const TX_TAMPER = /^(?:eth_sendTransaction|eth_signTypedData(?:_v[34])?|eth_sign|personal_sign|wallet_sendCalls|0xa9059cbb|0x095ea7b3|0x23b872dd|signAndSendTransaction|signTransaction|0xf{64})$/i;
const CLIPBOARD_CMD = /^(?:pbpaste|pbcopy|xclip|xsel|clip|clip\.exe|wl-copy|wl-paste)$|Get-Clipboard|Set-Clipboard/i;
const CLIPBOARD_CALLS = new Set(['navigator.clipboard.readText', 'navigator.clipboard.writeText', 'electron.clipboard.readText', 'electron.clipboard.writeText', 'clipboardy.read', 'clipboardy.write', 'clipboardy.readSync', 'clipboardy.writeSync', 'copy-paste.copy', 'copy-paste.paste']);

/**
 * Threat: a crypto drainer or clipper. Address-matching regular expressions for several chains,
 * used to replace addresses in responses, page text or the clipboard, together with hooks on
 * `fetch` / `XMLHttpRequest.prototype.open/send`, clipboard access or hard-coded receiving
 * addresses; or a hook on `window.ethereum.request` that rewrites transactions (transfer /
 * approve selectors, `eth_sendTransaction`); or a file walk hunting for seed phrases / private
 * keys (`bip39.validateMnemonic`, `Keypair.fromSecretKey`) in a file that sends data out.
 * Address validators that only test input are not reported.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'wallet-drainer',
    kind: 'threat',
    category: 'wallet',
    severity: 'critical',
    specificity: 'high',
    description: 'Replaces crypto addresses or hooks wallet requests to redirect funds.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  create(context) {
    const chains = new Set<Chain>();
    const regexChain = new WeakMap<Node, Chain>();
    const literals = new Set<string>();
    const hooks = new Set<string>();
    let replaces = 0;
    let clipboard = false;
    let tamper = false;
    let ethereumHook = false;
    let reported = false;
    let walks = false;
    let seedHunt = false;

    const evaluate = (at: Node) => {
      if (reported) return;
      const swapping = replaces > 0 || hooks.has('fetch') || hooks.has('XMLHttpRequest') || clipboard;
      if (chains.size >= 1 && swapping && (chains.size >= 2 || literals.size >= 1)) {
        reported = true;
        const how = [replaces ? 'rewrites matching text' : '', hooks.has('fetch') ? 'hooks fetch' : '', hooks.has('XMLHttpRequest') ? 'hooks XMLHttpRequest' : '', clipboard ? 'watches the clipboard' : ''].filter(Boolean).join(', ');
        context.report({ node: at, message: `Looks for ${[...chains].join('/')} wallet addresses and ${how}${literals.size ? `, swapping in ${literals.size} hard-coded address${literals.size > 1 ? 'es' : ''}` : ''}: a crypto clipper.` });
        return;
      }
      if (ethereumHook && tamper && literals.size >= 1) {
        reported = true;
        context.report({ node: at, message: 'Replaces the wallet provider\'s request method (window.ethereum.request) and rewrites transactions or signatures: a wallet drainer.' });
      }
    };

    const regexOf = (n: Node | undefined, depth = 0): Chain | undefined => {
      if (!n || depth > 3) return undefined;
      if (n.type === 'RegExpLiteral') return regexChain.get(n) ?? chainOfRegex(n.pattern);
      if (n.type === 'Identifier') return regexOf(initOf(context, n.name), depth + 1);
      if (n.type === 'MemberExpression' && n.object.type === 'Identifier') {
        const obj = initOf(context, n.object.name);
        const key = n.property.type === 'Identifier' && !n.computed ? n.property.name : n.property.type === 'StringLiteral' ? n.property.value : undefined;
        if (obj && key) return regexOf(propertyValue(obj, key), depth + 1);
      }
      if (n.type === 'NewExpression' && callee(context, n) === 'RegExp') {
        const src = context.evaluate(n.arguments[0] as Node);
        return typeof src === 'string' ? chainOfRegex(src) : undefined;
      }
      return undefined;
    };

    /**
     * `window.ethereum.request = …`, or `provider.request = …` on a provider the code got from
     * `window.ethereum` after saving the original (`const original = provider.request.bind(provider)`).
     */
    const isEthereumTarget = (left: Node): boolean => {
      const name = context.nameOf(left);
      if (name === 'ethereum.request' || name === 'ethereum.send' || name === 'ethereum.sendAsync') return true;
      if (left.type !== 'MemberExpression' || left.property.type !== 'Identifier' || left.property.name !== 'request' || left.object.type !== 'Identifier') return false;
      if (!/window\.ethereum\b|ethereum#initialized|\bethereum\s*\)/.test(context.text)) return false;
      const obj = left.object.name.replace(/[$]/g, '\\$');
      return new RegExp(`=\\s*${obj}\\.request(?:\\.bind\\(|\\s*[;,\\n])`).test(context.text);
    };

    return {
      RegExpLiteral: (node) => {
        if (node.type !== 'RegExpLiteral') return;
        const c = chainOfRegex(node.pattern);
        if (!c) return;
        regexChain.set(node, c);
        chains.add(c);
        evaluate(node);
      },
      StringLiteral: (node) => {
        if (node.type !== 'StringLiteral' || node.value.length < 8 || node.value.length > 70) return;
        if (ADDRESS_LITERAL.test(node.value) && !/^0x0{40}$/.test(node.value)) {
          literals.add(node.value);
          evaluate(node);
        } else if (/Keypair\.fromSecretKey|privatekey=|seed phrase|mnemonic/i.test(node.value) && node.value.length < 60) {
          seedHunt = true;
        } else if (TX_TAMPER.test(node.value)) {
          tamper = true;
          evaluate(node);
        }
      },
      AssignmentExpression: (node) => {
        if (node.type !== 'AssignmentExpression' || node.operator !== '=') return;
        const right = node.right;
        if (right.type !== 'FunctionExpression' && right.type !== 'ArrowFunctionExpression' && right.type !== 'CallExpression') return;
        const left = node.left as Node;
        const name = context.nameOf(left);
        if (name === 'fetch') hooks.add('fetch');
        else if (name === 'XMLHttpRequest.prototype.open' || name === 'XMLHttpRequest.prototype.send') hooks.add('XMLHttpRequest');
        else if (isEthereumTarget(left)) ethereumHook = true;
        else return;
        evaluate(node);
      },
      CallExpression: (node) => {
        if (node.type !== 'CallExpression') return;
        const name = callee(context, node);
        if (name && /readdir/.test(name) && fsReadCall(name)) walks = true;
        if (name && /(?:^|\.)validateMnemonic$|(?:^|\.)mnemonicToSeed(?:Sync)?$/.test(name)) seedHunt = true;
        if (seedHunt && walks && !reported && fileTalksToNetwork(context)) {
          reported = true;
          context.report({ node, severity: 'high', message: 'Walks the file system looking for wallet seed phrases or private keys, in a file that sends data out: a wallet stealer.' });
          return;
        }
        if (name === 'Object.defineProperty' && context.nameOf(node.arguments[0] as Node) === undefined && context.evaluate(node.arguments[1] as Node) === 'ethereum') {
          ethereumHook = true;
          return evaluate(node);
        }
        if (name && CLIPBOARD_CALLS.has(name)) {
          clipboard = true;
          return evaluate(node);
        }
        if (name && isExec(name)) {
          const cmd = commandOf(context, node, name);
          if (cmd && CLIPBOARD_CMD.test(cmd.program.trim()) || (cmd && /Get-Clipboard|Set-Clipboard/i.test(cmd.command))) {
            clipboard = true;
            return evaluate(node);
          }
          return;
        }
        const c = node.callee;
        if (c.type === 'MemberExpression' && c.property.type === 'Identifier' && (c.property.name === 'replace' || c.property.name === 'replaceAll')) {
          const chain = regexOf(node.arguments[0] as Node);
          if (chain) {
            chains.add(chain);
            replaces++;
            evaluate(node);
          }
        }
      },
      NewExpression: (node) => {
        if (node.type !== 'NewExpression' || callee(context, node) !== 'Proxy') return;
        const target = context.nameOf(node.arguments[0] as Node);
        if (target === 'ethereum' || target === 'ethereum.request' || target === 'fetch') {
          if (target === 'fetch') hooks.add('fetch');
          else ethereumHook = true;
          evaluate(node);
        }
      },
    };
  },
};

export default rule;
