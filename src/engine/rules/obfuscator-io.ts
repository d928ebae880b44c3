import { indicatorsIn, isJavaScriptPath } from '../analysis/helpers/concealment-content';
import type { Indicator, Rule } from '../analysis/types';

const HEX_ID = /_0x[0-9a-f]{4,6}\b/g;
const ROTATION_LOOP = /while\s*\(\s*!!\s*\[\s*\]\s*\)/;
const PUSH_SHIFT = /\[\s*(['"])push\1\s*\]\s*\(\s*[\w$]+\s*\[\s*(['"])shift\2\s*\]\s*\(\s*\)\s*\)/;
const CHECKSUM = /parseInt\(\s*[\w$]+\(\s*0x[0-9a-f]+(?:\s*,\s*[^)]{1,40})?\)\s*\)\s*\/\s*0x[0-9a-f]+/;
/** Every quoted literal, short ones included, so that quotes pair up as the lexer pairs them. */
const STRING_LITERAL = /'((?:[^'\\\n]|\\.){0,300})'|"((?:[^"\\\n]|\\.){0,300})"/g;
/** Enough distinct `_0x…` names that no hand-written or minified file has them. */
const MANY_HEX_IDS = 25;

/**
 * javascript-obfuscator (obfuscator.io) output. Minifiers rename to short names; this tool
 * renames every identifier to `_0x` + hex, moves every string into one array that a
 * `while(!![])` loop rotates until a `parseInt(...)/0x..` checksum matches, then reads strings
 * back by index. Honest packages ship minified code, almost never this.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'obfuscator-io',
    kind: 'threat',
    category: 'obfuscation',
    severity: 'high',
    specificity: 'high',
    description: 'Code obfuscated with javascript-obfuscator (obfuscator.io): hex identifiers, a rotated string array and a checksum loop.',
    skip: { typeDeclaration: true },
    maxPerFile: 1,
  },
  appliesTo: (file) => isJavaScriptPath(file.path),
  check(context) {
    const text = context.text;
    const first = text.indexOf('_0x');
    const loop = ROTATION_LOOP.exec(text);
    if (first < 0 && !loop) return;
    const ids = new Set<string>();
    HEX_ID.lastIndex = 0;
    for (let m = HEX_ID.exec(text); m && ids.size < 1000; m = HEX_ID.exec(text)) ids.add(m[0]);
    const pushShift = PUSH_SHIFT.test(text);
    const checksum = CHECKSUM.test(text);
    const rotation = !!loop && (pushShift || checksum);
    if (!rotation && ids.size < MANY_HEX_IDS) return;

    const { indicators, behaviours } = readStringTable(text);
    const named = indicators.filter((i) => i.type !== 'url').map((i) => i.value);
    const hosts = named.length ? `; its strings name ${named.slice(0, 3).join(', ')}` : '';
    // Hidden behaviour: the table names two of exec / network / host information / environment /
    // secrets. Obfuscation that hides recon-and-send is the threat itself, not a licence wrapper.
    const telling = [...behaviours].filter(([b]) => b !== 'environment' || behaviours.has('network'));
    const hidden = telling.length >= 2 ? `; the hidden strings reveal ${telling.slice(0, 4).map(([b, v]) => `${b} (${JSON.stringify(v.slice(0, 40))})`).join(', ')}` : '';
    const severity = hidden ? 'critical' : undefined;
    if (rotation) {
      context.report({
        offset: loop!.index,
        ...(severity ? { severity } : {}),
        message: `Obfuscated with javascript-obfuscator: a while(!![]) loop rotates a hidden string array until a parseInt checksum matches${ids.size ? `, and ${ids.size} identifiers are renamed to _0x… hex names` : ''}${hidden || hosts}.`,
        ...(indicators.length ? { indicators } : {}),
      });
    } else {
      context.report({
        offset: first,
        severity: hidden ? 'high' : 'medium',
        message: `${ids.size} identifiers are renamed to _0x… hex names, the mark of javascript-obfuscator output${hidden || hosts}.`,
        ...(indicators.length ? { indicators } : {}),
      });
    }
  },
};

type Behaviour = 'exec' | 'network' | 'host information' | 'environment' | 'secrets';

/** Exact strings in an obfuscator's table that say what the hidden code does. */
const TELLING = new Map<string, Behaviour>([
  ...['child_process', 'exec', 'execSync', 'spawn', 'spawnSync', 'execFile', 'execFileSync', 'powershell', 'powershell.exe', 'cmd.exe', '/bin/sh', '/bin/bash'].map((k) => [k, 'exec'] as const),
  ...['http', 'https', 'net', 'dns', 'request', 'lookup', 'fetch', 'XMLHttpRequest', 'axios', 'got', 'node-fetch', 'WebSocket', 'ws', 'sendBeacon', 'createConnection'].map((k) => [k, 'network'] as const),
  ...['hostname', 'userInfo', 'username', 'homedir', 'networkInterfaces', 'getServers', 'cpus', 'totalmem', 'USERDNSDOMAIN', 'COMPUTERNAME', 'USERNAME'].map((k) => [k, 'host information'] as const),
  ...['env', 'dotenv'].map((k) => [k, 'environment'] as const),
  ...['.ssh', 'id_rsa', '.npmrc', '.aws', 'credentials', 'Local Storage', 'leveldb', 'Login Data', 'Cookies', 'Local State', 'wallet', 'token', 'password', 'passwords', '.kube', 'keychain'].map((k) => [k, 'secrets'] as const),
]);

interface StringTable {
  indicators: Indicator[];
  behaviours: Map<Behaviour, string>;
}

/**
 * What the file's string literals give away: obfuscator.io moves strings into one array but
 * (without string-array encoding) keeps them readable, so the table still names the modules,
 * functions, hosts and paths the code uses.
 */
function readStringTable(text: string): StringTable {
  const indicators: Indicator[] = [];
  const behaviours = new Map<Behaviour, string>();
  const seen = new Set<string>();
  STRING_LITERAL.lastIndex = 0;
  let scanned = 0;
  for (let m = STRING_LITERAL.exec(text); m && scanned < 20000; m = STRING_LITERAL.exec(text)) {
    scanned++;
    const raw = (m[1] ?? m[2] ?? '').replace(/\\x([0-9a-fA-F]{2})/g, (_s, h: string) => String.fromCharCode(parseInt(h, 16)));
    const behaviour = TELLING.get(raw);
    if (behaviour && !behaviours.has(behaviour)) behaviours.set(behaviour, raw);
    if (/^(?:https?|wss?):\/\//i.test(raw) && !behaviours.has('network')) behaviours.set('network', raw.slice(0, 60));
    if (/(?:^|[\\/])(?:\.ssh|\.npmrc|\.aws|Local Storage|Login Data)(?:[\\/]|$)/.test(raw) && !behaviours.has('secrets')) behaviours.set('secrets', raw.slice(0, 60));
    if (indicators.length >= 5 || raw.length < 6 || !/[.:/]/.test(raw)) continue;
    for (const indicator of indicatorsIn(raw, 3)) {
      const key = `${indicator.type}:${indicator.value}`;
      if (seen.has(key) || indicators.length >= 5) continue;
      seen.add(key);
      indicators.push(indicator);
    }
  }
  return { indicators, behaviours };
}

export default rule;
