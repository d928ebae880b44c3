import { isScriptish } from '../analysis/helpers/concealment-content';
import type { Rule } from '../analysis/types';

/** A mining-pool address or a miner's command line: the configuration of a running miner. */
const POOL = /\bstratum\+(?:tcp|ssl|tls|udp):\/\/[^\s"'`]{3,120}|\b(?:xmrig|xmr-stak|cpuminer|minerd|t-rex|nbminer|lolminer|phoenixminer|gminer)(?:\.exe)?\b[^\n]{0,120}?\s(?:-o|--url)\s+["']?[\w.-]+:\d{2,5}|--donate-level[\s=]+\d|\bnew\s+CoinHive\.(?:Anonymous|User|Token)\s*\(/i;
/** Miner software, browser-mining services and Monero pools, named as words. */
const MINER =
  /\b(?:coinhive|coin-hive|cryptoloot|crypto-loot|webminepool|jsecoin|deepminer|xmrig|xmr-stak|cryptonight|minexmr|moneroocean|supportxmr|c3pool|nanopool|minergate|nicehash|hashvault|herominers|2miners|f2pool|ethermine)\b/i;
const MINER_GLOBAL = new RegExp(MINER.source, 'gi');
/** "stratum" alone is an English word; it counts next to a miner name. */
const STRATUM = /\bstratum\b/i;

/**
 * Cryptojacking: code that carries a cryptocurrency miner's configuration (a `stratum+tcp://`
 * pool, xmrig's `-o pool:port`, `--donate-level`, a CoinHive site key) or names browser-mining
 * services and Monero pools. Compromised packages have shipped xmrig droppers and in-page miners;
 * honest libraries have no reason to name them in code.
 */
const rule: Rule = {
  type: 'text',
  meta: {
    id: 'cryptominer',
    kind: 'threat',
    category: 'wallet',
    severity: 'medium',
    specificity: 'high',
    description: 'Cryptocurrency-miner configuration (stratum pool URL, xmrig options, CoinHive) or miner and mining-pool names in code.',
    skip: { typeDeclaration: true, test: true },
    maxPerFile: 1,
  },
  // JSON is data (mime-db lists a Monero media type); lifecycle scripts are the command rules' job.
  appliesTo: (file) => isScriptish(file.path) && !/\.json$/i.test(file.path),
  check(context) {
    const text = context.text;
    const pool = POOL.exec(text);
    if (pool) {
      context.report({ offset: pool.index, severity: 'high', message: `Configures a cryptocurrency miner (${JSON.stringify(pool[0].slice(0, 80))}): code that mines with the victim's CPU.` });
      return;
    }
    const names = new Set<string>();
    let first: number | undefined;
    MINER_GLOBAL.lastIndex = 0;
    for (let m = MINER_GLOBAL.exec(text); m && names.size < 4; m = MINER_GLOBAL.exec(text)) {
      names.add(m[0].toLowerCase());
      first ??= m.index;
    }
    if (first === undefined) return;
    const stratum = STRATUM.exec(text);
    const list = [...names, ...(stratum ? ['stratum'] : [])].map((n) => JSON.stringify(n)).join(', ');
    context.report({ offset: first, message: `Names cryptocurrency-mining software or pools (${list}): a sign of a bundled miner.` });
  },
};

export default rule;
