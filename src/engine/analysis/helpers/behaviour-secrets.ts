/**
 * Where credentials live on a developer machine, as data: the file and folder names stealers
 * read. Strings are normalised (backslashes to `/`) before matching; `~` stands for the home
 * directory when the path was built from `os.homedir()` / `$HOME` / `%USERPROFILE%`.
 */

export type SecretGroup =
  /** Developer and cloud credentials: npm, SSH, AWS, GitHub CLI, kube, docker … */
  | 'dev'
  /** Browser password, cookie and key stores. */
  | 'browser'
  /** Crypto wallets: desktop wallets, wallet extensions, key files. */
  | 'wallet'
  /** Discord / Telegram session stores. */
  | 'session'
  /** OS password stores and system account files. */
  | 'system';

export interface SecretTarget {
  kind: string;
  label: string;
  group: SecretGroup;
  /** Weak targets (`.env`, `.gitconfig`, `/etc/passwd`) only count as part of a harvest list. */
  weak?: boolean;
}

interface Entry extends SecretTarget {
  re: RegExp;
}

const ENTRIES: Entry[] = [
  // Developer credentials.
  { re: /(?:^|[/~])\.npmrc$|(?:^|[/~])\.npmrc\b(?!\.)|^npmrc$/i, kind: 'npm', label: '~/.npmrc (npm tokens)', group: 'dev' },
  { re: /(?:^|[/~])\.yarnrc(?:\.yml)?$/i, kind: 'npm', label: '.yarnrc (registry tokens)', group: 'dev', weak: true },
  { re: /\.ssh\/(?:id_[a-z0-9_]+|identity)(?:\.pub)?\b|^id_(?:rsa|dsa|ecdsa|ed25519)$/i, kind: 'ssh', label: 'SSH private keys', group: 'dev' },
  { re: /^~\/\.ssh\/?(?:\u0000|$)|^~\/\.ssh\/(?:config|known_hosts|authorized_keys)$/i, kind: 'ssh', label: 'the ~/.ssh folder', group: 'dev' },
  { re: /\.aws\/credentials\b|^~\/\.aws\/?(?:\u0000|$)/i, kind: 'aws', label: '~/.aws/credentials', group: 'dev' },
  { re: /\.aws\/config$/i, kind: 'aws', label: '~/.aws/config', group: 'dev', weak: true },
  { re: /gcloud\/(?:application_default_credentials\.json|credentials\.db|access_tokens\.db|legacy_credentials)/i, kind: 'gcloud', label: 'Google Cloud credentials', group: 'dev' },
  { re: /\.azure\/(?:accessTokens\.json|msal_token_cache|azureProfile\.json)/i, kind: 'azure', label: 'Azure CLI tokens', group: 'dev' },
  { re: /\.kube\/config$/i, kind: 'kube', label: '~/.kube/config', group: 'dev' },
  { re: /\.docker\/config\.json$/i, kind: 'docker', label: '~/.docker/config.json', group: 'dev' },
  { re: /(?:^|[/~])\.git-credentials$/i, kind: 'git-credentials', label: '~/.git-credentials', group: 'dev' },
  { re: /(?:^|[/~])\.config\/gh\/(?:hosts\.yml|config\.yml)?$|^gh\/hosts\.yml$/i, kind: 'gh', label: 'GitHub CLI tokens (~/.config/gh)', group: 'dev' },
  { re: /(?:^|[/~])[._]netrc$/i, kind: 'netrc', label: '~/.netrc', group: 'dev' },
  { re: /(?:^|[/~])\.pgpass$/i, kind: 'pgpass', label: '~/.pgpass', group: 'dev' },
  { re: /(?:^|[/~])\.(?:bash|zsh|sh|node_repl|psql|mysql|python)_history$/i, kind: 'history', label: 'shell history', group: 'dev' },
  { re: /(?:^|[/~])\.vault-token$|\.terraform\.d\/credentials\.tfrc\.json$|\.config\/hub$|\.pypirc$|\.gem\/credentials$|\.cargo\/credentials(?:\.toml)?$/i, kind: 'tool-token', label: 'CLI credential files', group: 'dev' },
  { re: /(?:^|[/~$])\.env(?:\.(?:local|production|prod|development|dev))?$/i, kind: 'env-file', label: '.env files', group: 'dev', weak: true },
  { re: /(?:^|[/~])\.gitconfig$/i, kind: 'gitconfig', label: '~/.gitconfig', group: 'dev', weak: true },
  { re: /^\/etc\/shadow$/, kind: 'shadow', label: '/etc/shadow', group: 'system' },
  { re: /^\/etc\/passwd$/, kind: 'passwd', label: '/etc/passwd', group: 'system', weak: true },
  // Browser stores.
  { re: /(?:^|\/)Login Data(?: For Account)?$|\/Login Data\b/, kind: 'browser-passwords', label: 'browser saved passwords (Login Data)', group: 'browser' },
  { re: /(?:User Data|Chrome|Chromium|Brave[\w-]*|Edge|Opera[\w ]*|Vivaldi|Yandex[\w]*)\/(?:[\w ]+\/)?(?:Network\/)?Cookies$/i, kind: 'browser-cookies', label: 'browser cookies', group: 'browser' },
  { re: /(?:User Data|Chrome|Chromium|Brave[\w-]*|Edge|Opera[\w ]*|Vivaldi|Yandex[\w]*|Local)\/Local State$/, kind: 'browser-key', label: 'the browser encryption key (Local State)', group: 'browser' },
  { re: /(?:^|\/)Web Data$/, kind: 'browser-cards', label: 'browser autofill and cards (Web Data)', group: 'browser' },
  { re: /(?:^|\/)(?:logins\.json|key[34]\.db|cookies\.sqlite)$/i, kind: 'firefox', label: 'Firefox passwords and cookies', group: 'browser' },
  // Sessions.
  { re: /discord(?:canary|ptb|development)?\/Local Storage\/leveldb|^\/?discord(?:canary|ptb)?$/i, kind: 'discord', label: 'Discord tokens (Local Storage/leveldb)', group: 'session' },
  { re: /Local Storage\/leveldb/i, kind: 'leveldb', label: 'browser Local Storage (leveldb tokens)', group: 'session' },
  { re: /Telegram Desktop\/tdata|\/tdata\/?$/i, kind: 'telegram', label: 'Telegram sessions (tdata)', group: 'session' },
  { re: /FileZilla\/(?:recentservers|sitemanager)\.xml/i, kind: 'filezilla', label: 'FileZilla saved servers', group: 'session' },
  // Wallets.
  { re: /exodus(?:\.wallet|\/exodus\.wallet)|Exodus\/(?:exodus\.wallet|Local Storage)/i, kind: 'exodus', label: 'the Exodus wallet', group: 'wallet' },
  { re: /(?:^|\/)wallet\.dat$|\.electrum[\w-]*\/wallets|Electrum[\w-]*\/wallets|Ethereum\/keystore|\/keystore\/UTC--|atomic\/Local Storage|Coinomi\/Coinomi\/wallets|Guarda\/Local Storage|com\.liberty\.jaxx|Armory\/|\.bitcoin\/wallets?|Bitcoin\/wallets?|solana\/id\.json|Monero\/wallets|Zcash\/|Daedalus Mainnet|\.wallet$/i, kind: 'wallet-file', label: 'crypto wallet files', group: 'wallet' },
  { re: /Local Extension Settings|IndexedDB\/chrome-extension_/, kind: 'extension-store', label: 'browser extension storage (wallet extensions)', group: 'wallet' },
  // OS password stores.
  { re: /Library\/Keychains|login\.keychain(?:-db)?\b/i, kind: 'keychain', label: 'the macOS keychain', group: 'system' },
  { re: /Microsoft\/(?:Credentials|Protect)\b|\/Vault\/[0-9A-F-]{36}/i, kind: 'windows-vault', label: 'Windows credential vault', group: 'system' },
];

/** Browser wallet extension ids (Chrome Web Store): MetaMask, Phantom, Coinbase, Trust, TronLink … */
const WALLET_EXTENSION_IDS = new Set([
  'nkbihfbeogaeaoehlefnkodbefgpgknn', // MetaMask
  'ejbalbakoplchlghecdalmeeeajnimhm', // MetaMask (Edge)
  'bfnaelmomeimhlpmgjnjophhpkkoljpa', // Phantom
  'hnfanknocfeofbddgcijnmhnfnkdnaad', // Coinbase Wallet
  'egjidjbpglichdcondbcbdnbeeppgdph', // Trust Wallet
  'ibnejdfjmmkpcnlpebklmnkoeoihofec', // TronLink
  'fhbohimaelbohpjbbldcngcnapndodjp', // Binance Wallet
  'aholpfdialjgjfhomihkjbmgjidlcdno', // Exodus Web3
  'dmkamcknogkgcdfhhbddcghachkejeap', // Keplr
  'acmacodkjbdgmoleebolmdjonilkdbch', // Rabby
  'mcohilncbfahbmgdjkbpemcciiolgcge', // OKX Wallet
  'fnjhmkhhmkbjkkabndcnnogagogbneec', // Ronin
  'bhhhlbepdkbapadjdnnojkbgioiodbic', // Solflare
  'nphplpgoakhhjchkkhmiggakijnkhfnd', // TON
  'hifafgmccdpekplomjjkcfgodnhcellj', // Crypto.com
  'jnmbobjmhlngoefaiojfljckilhhlhcj', // OneKey
  'ppbibelpcjmhbdihakflkdcoccbgbkpo', // UniSat
  'kpfopkelmapcoipemfendmdcghnegimn', // Liquality
  'afbcbjpbpfadlkmhmclhkeeodmamcflc', // MathWallet
  'ffnbelfdoeiohenkjibnmadjiehjhajb', // Yoroi
  'nhnkbkgjikgcigadomkphalanndcapjk', // Clover
]);

const QUICK = /npmrc|yarnrc|\.ssh|id_|\.aws|gcloud|\.azure|\.kube|\.docker|git-credentials|gh\/|\.config|netrc|pgpass|_history|vault-token|terraform|pypirc|credentials|\.env|gitconfig|\/etc\/|Login Data|Cookies|Local State|Web Data|logins\.json|key[34]\.db|cookies\.sqlite|discord|leveldb|tdata|FileZilla|exodus|wallet|Electrum|Ethereum|keystore|atomic|Coinomi|Guarda|jaxx|Armory|bitcoin|solana|Monero|Zcash|Daedalus|Extension|Keychain|keychain|Microsoft|Vault/i;

/** Text a file must contain to name a credential store: QUICK or a wallet-extension id (`meta.needs`). */
export const SECRET_NEEDS = new RegExp(`${QUICK.source}|[a-p]{32}`, 'i');

/** What credential store a (partially evaluated) path or name points at. */
export function classifySecretPath(raw: string): SecretTarget | undefined {
  if (raw.length < 4 || raw.length > 600) return undefined;
  if (raw.length === 32 && WALLET_EXTENSION_IDS.has(raw)) return { kind: 'wallet-extension', label: 'a crypto wallet browser extension', group: 'wallet' };
  // Paths have a separator, a dot or (browser stores) a space.
  if (raw.indexOf('/') < 0 && raw.indexOf('\\') < 0 && raw.indexOf('.') < 0 && raw.indexOf(' ') < 0 && raw.indexOf('_') < 0) return undefined;
  if (!QUICK.test(raw)) {
    return /[a-p]{32}/.test(raw) ? extensionIdIn(raw) : undefined;
  }
  const s = raw.replace(/\\+/g, '/').replace(/\/{2,}/g, '/');
  for (const e of ENTRIES) {
    if (e.re.test(s)) return { kind: e.kind, label: e.label, group: e.group, ...(e.weak ? { weak: true } : {}) };
  }
  return /[a-p]{32}/.test(raw) ? extensionIdIn(raw) : undefined;
}

function extensionIdIn(s: string): SecretTarget | undefined {
  const m = /(?:^|[^a-z])([a-p]{32})(?:[^a-z]|$)/.exec(s);
  return m && WALLET_EXTENSION_IDS.has(m[1]!) ? { kind: 'wallet-extension', label: 'a crypto wallet browser extension', group: 'wallet' } : undefined;
}

/** Regular expressions that look for wallet or key files by name (`/\.(dat|wallet|key)$/`). */
export function classifySecretRegex(pattern: string): SecretTarget | undefined {
  if (/wallet/i.test(pattern) && /\\\.|\$/.test(pattern)) return { kind: 'wallet-file', label: 'crypto wallet files', group: 'wallet' };
  if (/\bid_\(?(?:rsa|ed25519)/i.test(pattern) && /\\\.ssh|\^id_/i.test(pattern)) return { kind: 'ssh', label: 'SSH private keys', group: 'dev' };
  return undefined;
}
