import type { Node } from '@babel/types';
import { mayBeNamed } from '../analysis/helpers/concealment-ast';
import type { Rule, Severity } from '../analysis/types';

const LAST_NAMES = new Set(['createDecipheriv', 'createDecipher', 'privateDecrypt', 'publicDecrypt', 'decrypt']);

const DECIPHERS = new Set(['crypto.createDecipheriv', 'crypto.createDecipher', 'crypto.privateDecrypt', 'crypto.publicDecrypt']);
/** crypto-js and its forks: `CryptoJS.AES.decrypt(ciphertext, key)`. */
const CRYPTOJS = /(?:^|\.)(?:AES|DES|TripleDES|RC4|RC4Drop|Rabbit|RabbitLegacy)\.decrypt$/;
const EVALUATES = /\beval\s*\(|\bnew\s+Function\s*\(|\bFunction\s*\(\s*[^'"`)]|\brunIn(?:This|New)?Context\s*\(|\bnew\s+(?:vm\.)?Script\s*\(|\._compile\s*\(/;
const EXECUTES = /\b(?:exec|execSync|spawn|spawnSync|execFile|execFileSync|fork)\s*\(/;
const WRITES = /\b(?:writeFileSync|writeFile|createWriteStream)\s*\(/;
const BLOB = /(['"`])[A-Za-z0-9+/=]{120,}\1/;

/**
 * "Encryption" as concealment: a payload stored encrypted with the key in the same file (or
 * taken from the victim app's npm_package_description, as event-stream did), decrypted at run
 * time and then evaluated or written and started. A hard-coded key alone is only a bad habit.
 */
const rule: Rule = {
  type: 'js',
  meta: {
    id: 'encrypted-payload',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'medium',
    description: 'Decrypts data with a hard-coded key (or one taken from npm_package_* or fetched), then evaluates or runs the result.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 2,
  },
  create(context) {
    /** `const key = Buffer.from('…')` and friends, for keys passed by name. */
    const inits = new Map<string, Node | null>();
    /**
     * What the code around the decipher does: within ±3,000 characters, so that one bundle that
     * happens to contain both a decipher and an unrelated eval does not count.
     */
    const around = (node: Node) => {
      const from = Math.max(0, (node.start ?? 0) - 3000);
      const near = context.text.slice(from, (node.end ?? 0) + 3000);
      return { evaluates: EVALUATES.test(near), executes: EXECUTES.test(near), writes: WRITES.test(near), blob: BLOB.test(context.text.length < 200_000 ? context.text : near) };
    };

    /** 'constant', 'npm_package' (targeted), or undefined when the key is computed at run time. */
    const keySource = (node: Node | undefined, depth = 0): 'constant' | 'npm_package' | undefined => {
      if (!node || depth > 4) return undefined;
      const name = context.nameOf(node);
      if (name && /^process\.env\.npm_package_/.test(name)) return 'npm_package';
      const value = context.evaluate(node);
      if (typeof value === 'string' && value.length >= 4) return 'constant';
      switch (node.type) {
        case 'CallExpression':
        case 'NewExpression': {
          const callee = context.calleeName(node);
          if (callee === 'Buffer.from' || callee === 'Buffer' || callee === 'Uint8Array' || callee === 'Buffer.alloc') {
            const first = node.arguments[0] as Node | undefined;
            if (first?.type === 'ArrayExpression') return first.elements.length >= 4 && first.elements.every((e) => e?.type === 'NumericLiteral') ? 'constant' : undefined;
            return keySource(first, depth + 1);
          }
          // createHash('sha256').update('secret').digest(): a constant passphrase, hashed.
          if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && ['digest', 'slice', 'subarray', 'substr', 'substring', 'toString'].includes(node.callee.property.name)) {
            return keySource(node.callee.object, depth + 1);
          }
          if (node.callee.type === 'MemberExpression' && node.callee.property.type === 'Identifier' && node.callee.property.name === 'update') {
            return keySource(node.arguments[0] as Node | undefined, depth + 1);
          }
          if (callee === 'crypto.scryptSync' || callee === 'crypto.pbkdf2Sync') return keySource(node.arguments[0] as Node | undefined, depth + 1);
          return undefined;
        }
        case 'Identifier': {
          const init = inits.get(node.name);
          return init ? keySource(init, depth + 1) : undefined;
        }
        case 'MemberExpression':
          return undefined;
        default:
          return undefined;
      }
    };

    const check = (node: Extract<Node, { type: 'CallExpression' | 'NewExpression' }>) => {
      if (!mayBeNamed(node, LAST_NAMES)) return;
      const name = context.calleeName(node);
      if (!name) return;
      let key: Node | undefined;
      if (DECIPHERS.has(name)) key = node.arguments[1] as Node | undefined;
      else if (CRYPTOJS.test(name) || (node.callee.type === 'MemberExpression' && /(?:AES|DES|TripleDES|RC4|Rabbit)\.decrypt$/.test(name))) key = node.arguments[1] as Node | undefined;
      else return;
      if (name === 'crypto.privateDecrypt' || name === 'crypto.publicDecrypt') key = node.arguments[0] as Node | undefined;
      const source = keySource(key);
      const t = around(node);
      if (!source) {
        // A key from elsewhere (fetched, read from a file) with the plaintext evaluated or compiled
        // in the same file: the payload is encrypted so that only its operator can read it.
        if (t.evaluates) context.report({ node, severity: 'high', message: `Decrypts data with ${name} using a key obtained at run time, and the code next to it evaluates or compiles the result: an encrypted payload whose key is held elsewhere.` });
        return;
      }
      if (source === 'npm_package') {
        context.report({ node, severity: 'high', message: `Decrypts data with ${name} using a key read from npm_package_* variables: the payload only decrypts inside the one app it targets.` });
        return;
      }
      let severity: Severity = 'low';
      let tail = 'the key is hard-coded.';
      if (t.evaluates) {
        severity = 'high';
        tail = 'the key is hard-coded and the code next to it evaluates code, the shape of an encrypted payload that is decrypted and run.';
      } else if (t.executes && t.writes) {
        severity = 'high';
        tail = 'the key is hard-coded and the code next to it writes files and starts processes, the shape of an encrypted dropper.';
      } else if (t.blob) {
        severity = 'medium';
        tail = 'the key is hard-coded and the file embeds a long encoded blob to decrypt.';
      }
      context.report({ node, severity, message: `Decrypts data with ${name}: ${tail}` });
    };

    return {
      VariableDeclarator: (n) => {
        const node = n as Extract<Node, { type: 'VariableDeclarator' }>;
        if (node.id.type !== 'Identifier') return;
        inits.set(node.id.name, inits.has(node.id.name) ? null : (node.init ?? null));
      },
      CallExpression: (n) => check(n as Extract<Node, { type: 'CallExpression' }>),
      NewExpression: (n) => check(n as Extract<Node, { type: 'NewExpression' }>),
    };
  },
};

export default rule;
