// Reads npm configuration the way npm does, for the options pacote needs.
//
// Layers, lowest precedence first: global npmrc (only when a path is given), user npmrc
// (`userConfigPath`, else $npm_config_userconfig, else ~/.npmrc), project `.npmrc` in the workspace
// folder, `npm_config_*` environment variables, then `overrides` (command-line style). Files are
// parsed with `ini` (npm's own parser); `${VAR}` / `${VAR?}` in keys and values expand from the
// environment like npm does.
//
// Untrusted workspace (DESIGN.md): the project .npmrc cannot change where requests go or how they are
// secured, and cannot supply credentials (which could carry `${ENV}` secrets to a host). Such keys are
// dropped and listed in `ignored`. Everything else the project file sets is irrelevant to fetching.
//
// Secrets (tokens, passwords, proxy credentials) never appear in any public field of the result;
// they are only in `pacoteOptions()`, which must never be logged. `redact()` removes them from text.
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ini from 'ini';
import { redact as redactText } from './redact';

export const DEFAULT_REGISTRY = 'https://registry.npmjs.org/';

export interface LoadNpmConfigOptions {
  /** Workspace folder whose `.npmrc` is the project config. */
  workspaceFolder?: string;
  /** VS Code workspace trust. When false the project .npmrc cannot redirect requests (see `ignored`). */
  trustedWorkspace: boolean;
  /** User config file; default $npm_config_userconfig, else ~/.npmrc. */
  userConfigPath?: string;
  /** Global config file (npm's $PREFIX/etc/npmrc); not read unless given. */
  globalConfigPath?: string;
  /** Environment for npm_config_* and ${VAR} expansion; default process.env. */
  env?: Record<string, string | undefined>;
  /** Highest-precedence values, npm key names (`registry`, `@scope:registry`, `//host/:_authToken`, ...). */
  overrides?: Record<string, string | boolean>;
}

type Source = 'global' | 'user' | 'project' | 'env' | 'overrides';
type Value = string | boolean | string[];

const AUTH_SUFFIXES = ['_authToken', '_auth', 'username', '_password', 'certfile', 'keyfile'] as const;
const NERF_AUTH = /^(\/\/.+):(_authToken|_auth|username|_password|certfile|keyfile)$/;
const SCOPE_REGISTRY = /^(@[^:/\s]+):registry$/;
/** Unscoped credentials: rejected by npm 9+ ("must be scoped to a registry"). */
const LEGACY_AUTH = new Set(['_auth', '_authtoken', '_password', 'username', 'certfile', 'keyfile']);
/** Transport keys an untrusted project may not set (they redirect or weaken requests). */
const TRANSPORT_KEYS = new Set(['strict-ssl', 'ca', 'cafile', 'cert', 'key', 'proxy', 'https-proxy', 'http-proxy', 'noproxy', 'no-proxy', 'local-address', 'replace-registry-host']);

/** npm's env-replace: `${NAME}` -> value (left as is when unset), `${NAME?}` -> value or '', `\${` escapes. */
export function expandEnv(text: string, env: Record<string, string | undefined>): string {
  return text.replace(/(?<!\\)(\\*)\$\{([^${}?]+)(\?)?\}/g, (orig, esc: string, name: string, modifier: string | undefined) => {
    const fallback = modifier === '?' ? '' : `\${${name}}`;
    const val = env[name] !== undefined ? env[name]! : fallback;
    if (esc.length % 2) return orig.slice((esc.length + 1) / 2);
    return esc.slice(esc.length / 2) + val;
  });
}

function normalizeRegistry(u: string): string | undefined {
  try {
    const url = new URL(u.trim());
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
    return url.href.endsWith('/') ? url.href : `${url.href}/`;
  } catch {
    return undefined;
  }
}

/** npm's nerf-dart: `//host[:port]/path/` for a registry URL. */
export function nerfDart(u: string): string {
  const parsed = new URL(u);
  const rel = new URL('.', `${parsed.protocol}//${parsed.host}${parsed.pathname}`);
  return `//${rel.host}${rel.pathname}`;
}

function stripUserInfo(u: string): string {
  try {
    const url = new URL(u);
    if (!url.username && !url.password) return u;
    url.username = '';
    url.password = '';
    return url.href;
  } catch {
    return redactText(u);
  }
}

function parseBool(v: Value): boolean | undefined {
  if (typeof v === 'boolean') return v;
  if (typeof v !== 'string') return undefined;
  const s = v.trim().toLowerCase();
  if (s === 'true') return true;
  if (s === 'false') return false;
  return undefined;
}

function splitCerts(pem: string): string[] {
  return pem
    .split(/(?<=-----END CERTIFICATE-----)/)
    .map((c) => c.trim())
    .filter((c) => c.includes('-----BEGIN CERTIFICATE-----'))
    .map((c) => c.slice(c.indexOf('-----BEGIN CERTIFICATE-----')));
}

export interface NpmConfig {
  /** Default registry, normalized with a trailing slash. */
  readonly registry: string;
  /** Scoped registries: `@scope` -> URL (trailing slash). */
  readonly scopes: Readonly<Record<string, string>>;
  readonly strictSSL: boolean;
  /** Proxy URLs with any user:password removed. */
  readonly proxy: string | undefined;
  readonly httpsProxy: string | undefined;
  readonly noProxy: string | undefined;
  /** Number of CA certificates configured (ca / cafile). */
  readonly caCount: number;
  /** Nerf-darted registries that carry credentials, with the kind of credential (never the value). */
  readonly credentials: ReadonlyArray<{ registry: string; kind: 'token' | 'basic' | 'client-cert' }>;
  /** Settings present but not honoured, with the reason; for the log / UI. Never contains secrets. */
  readonly ignored: readonly string[];
  /** Problems reading the configuration (unreadable cafile, invalid registry URL). */
  readonly warnings: readonly string[];
  /** Files that were read. */
  readonly sources: readonly string[];
  /** Registry URL for a package name (scoped registry when configured). */
  registryFor(name: string): string;
  /** Options for pacote / npm-registry-fetch, including credentials. NEVER log this object. */
  pacoteOptions(): Record<string, unknown>;
  /** Text with every configured secret (and common credential shapes) replaced by `***`. */
  redact(text: string): string;
}

interface Entry {
  value: Value;
  source: Source;
}

class NpmConfigImpl implements NpmConfig {
  readonly registry: string;
  readonly scopes: Readonly<Record<string, string>>;
  readonly strictSSL: boolean;
  readonly proxy: string | undefined;
  readonly httpsProxy: string | undefined;
  readonly noProxy: string | undefined;
  readonly caCount: number;
  readonly credentials: NpmConfig['credentials'];
  readonly ignored: readonly string[];
  readonly warnings: readonly string[];
  readonly sources: readonly string[];
  readonly #options: Record<string, unknown>;
  readonly #secrets: string[];

  constructor(init: {
    registry: string;
    scopes: Record<string, string>;
    strictSSL: boolean;
    proxy?: string;
    httpsProxy?: string;
    noProxy?: string;
    ca: string[];
    options: Record<string, unknown>;
    secrets: string[];
    credentials: NpmConfig['credentials'];
    ignored: string[];
    warnings: string[];
    sources: string[];
  }) {
    this.registry = init.registry;
    this.scopes = Object.freeze({ ...init.scopes });
    this.strictSSL = init.strictSSL;
    this.proxy = init.proxy === undefined ? undefined : stripUserInfo(init.proxy);
    this.httpsProxy = init.httpsProxy === undefined ? undefined : stripUserInfo(init.httpsProxy);
    this.noProxy = init.noProxy;
    this.caCount = init.ca.length;
    this.credentials = Object.freeze(init.credentials.map((c) => Object.freeze({ ...c })));
    this.#secrets = init.secrets;
    this.ignored = Object.freeze(init.ignored.map((s) => this.redact(s)));
    this.warnings = Object.freeze(init.warnings.map((s) => this.redact(s)));
    this.sources = Object.freeze([...init.sources]);
    this.#options = init.options;
    Object.freeze(this);
  }

  registryFor(name: string): string {
    if (name.startsWith('@')) {
      const scope = name.slice(0, name.indexOf('/'));
      const reg = this.scopes[scope];
      if (reg) return reg;
    }
    return this.registry;
  }

  pacoteOptions(): Record<string, unknown> {
    return { ...this.#options };
  }

  redact(text: string): string {
    return redactText(text, this.#secrets);
  }

  toJSON(): Record<string, unknown> {
    return {
      registry: this.registry,
      scopes: this.scopes,
      strictSSL: this.strictSSL,
      proxy: this.proxy,
      httpsProxy: this.httpsProxy,
      noProxy: this.noProxy,
      caCount: this.caCount,
      credentials: this.credentials,
      ignored: this.ignored,
      warnings: this.warnings,
      sources: this.sources,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): Record<string, unknown> {
    return this.toJSON();
  }
}

function readIni(file: string): { data?: Record<string, unknown>; error?: string } {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return code === 'ENOENT' || code === 'ENOTDIR' ? {} : { error: `${file}: cannot read (${code ?? 'error'})` };
  }
  try {
    return { data: ini.parse(text) as Record<string, unknown> };
  } catch (e) {
    return { error: `${file}: cannot parse (${(e as Error).message})` };
  }
}

/** Environment keys `npm_config_*` -> npm config keys, as @npmcli/config does. */
function envLayer(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [envKey, envVal] of Object.entries(env)) {
    if (!/^npm_config_/i.test(envKey) || envVal === undefined || envVal === '') continue;
    let key = envKey.slice('npm_config_'.length);
    if (!key.startsWith('//')) key = key.replace(/(?!^)_/g, '-').toLowerCase();
    out[key] = envVal;
  }
  return out;
}

/** Reads npm configuration for fetching; never throws (problems go to `warnings`). */
export function loadNpmConfig(opts: LoadNpmConfigOptions): NpmConfig {
  const env = opts.env ?? process.env;
  const ignored: string[] = [];
  const warnings: string[] = [];
  const sources: string[] = [];
  const merged = new Map<string, Entry>();

  const addLayer = (source: Source, data: Record<string, unknown>, label: string): void => {
    // An untrusted project file gets no ${ENV} expansion: nothing it says may carry the user's
    // environment anywhere (and every key that could is dropped below anyway).
    const expand = source === 'project' && !opts.trustedWorkspace ? (t: string) => t : (t: string) => expandEnv(t, env);
    for (const [rawKey, rawValue] of Object.entries(data)) {
      const key = expand(rawKey);
      let value: Value;
      if (typeof rawValue === 'string') value = expand(rawValue);
      else if (typeof rawValue === 'boolean') value = rawValue;
      else if (Array.isArray(rawValue)) value = rawValue.filter((v): v is string => typeof v === 'string').map(expand);
      else continue; // ini sections / nulls: nothing npm fetch options use

      // messages name the key as written (an expanded key could contain an environment secret)
      if (LEGACY_AUTH.has(key.toLowerCase())) {
        ignored.push(`${label}: "${rawKey}" ignored (credentials must be scoped to a registry, e.g. //registry.example/:${rawKey})`);
        continue;
      }
      if (source === 'project' && !opts.trustedWorkspace) {
        if (key === 'registry' || SCOPE_REGISTRY.test(key)) {
          ignored.push(`${label}: "${rawKey}" ignored (untrusted workspace: the project cannot change where requests go)`);
          continue;
        }
        if (NERF_AUTH.test(key)) {
          ignored.push(`${label}: "${rawKey}" ignored (untrusted workspace: the project cannot supply registry credentials)`);
          continue;
        }
        if (TRANSPORT_KEYS.has(key)) {
          ignored.push(`${label}: "${rawKey}" ignored (untrusted workspace: the project cannot change proxies or TLS settings)`);
          continue;
        }
      }
      merged.set(key, { value, source });
    }
  };

  const fileLayer = (source: Source, file: string): void => {
    const { data, error } = readIni(file);
    if (error) warnings.push(error);
    if (!data) return;
    sources.push(file);
    addLayer(source, data, file);
  };

  if (opts.globalConfigPath) fileLayer('global', opts.globalConfigPath);
  const userConfig = opts.userConfigPath ?? env.npm_config_userconfig ?? env.NPM_CONFIG_USERCONFIG ?? path.join(os.homedir(), '.npmrc');
  fileLayer('user', userConfig);
  if (opts.workspaceFolder) {
    const projectConfig = path.join(opts.workspaceFolder, '.npmrc');
    if (path.resolve(projectConfig) !== path.resolve(userConfig)) fileLayer('project', projectConfig);
  }
  const envData = envLayer(env);
  if (Object.keys(envData).length) addLayer('env', envData, 'environment');
  if (opts.overrides) addLayer('overrides', opts.overrides, 'overrides');

  const get = (key: string): Value | undefined => merged.get(key)?.value;
  const getString = (key: string): string | undefined => {
    const v = get(key);
    if (typeof v === 'string') return v.trim() === '' ? undefined : v.trim();
    if (Array.isArray(v)) return v[v.length - 1];
    return undefined;
  };

  const secrets: string[] = [];
  const options: Record<string, unknown> = {};

  // registries
  let registry = DEFAULT_REGISTRY;
  const regRaw = getString('registry');
  if (regRaw !== undefined) {
    const r = normalizeRegistry(regRaw);
    if (r) registry = r;
    else warnings.push(`registry: "${stripUserInfo(regRaw)}" is not an http(s) URL; using ${DEFAULT_REGISTRY}`);
  }
  options.registry = registry;
  const scopes: Record<string, string> = {};
  for (const [key, { value }] of merged) {
    const m = SCOPE_REGISTRY.exec(key);
    if (!m || typeof value !== 'string') continue;
    const r = normalizeRegistry(value);
    if (!r) {
      warnings.push(`${key}: "${stripUserInfo(value)}" is not an http(s) URL; ignored`);
      continue;
    }
    scopes[m[1]!] = r;
    options[key] = r;
  }
  for (const u of [registry, ...Object.values(scopes)]) {
    const url = new URL(u);
    if (url.password) secrets.push(decodeURIComponent(url.password));
    if (url.username && url.password) secrets.push(`${url.username}:${url.password}`);
  }

  // credentials, nerf-darted
  const byDart = new Map<string, Partial<Record<(typeof AUTH_SUFFIXES)[number], string>>>();
  for (const [key, { value }] of merged) {
    const m = NERF_AUTH.exec(key);
    if (!m) continue;
    const v = typeof value === 'string' ? value : Array.isArray(value) ? value[value.length - 1] : undefined;
    if (v === undefined || v === '') continue;
    options[key] = v;
    const dart = m[1]!;
    const kind = m[2] as (typeof AUTH_SUFFIXES)[number];
    const rec = byDart.get(dart) ?? {};
    rec[kind] = v;
    byDart.set(dart, rec);
  }
  const credentials: Array<{ registry: string; kind: 'token' | 'basic' | 'client-cert' }> = [];
  for (const [dart, rec] of byDart) {
    if (rec._authToken) {
      secrets.push(rec._authToken);
      credentials.push({ registry: dart, kind: 'token' });
    } else if (rec._auth) {
      secrets.push(rec._auth);
      const decoded = Buffer.from(rec._auth, 'base64').toString('utf8');
      secrets.push(decoded);
      const colon = decoded.indexOf(':');
      if (colon >= 0) secrets.push(decoded.slice(colon + 1));
      credentials.push({ registry: dart, kind: 'basic' });
    } else if (rec.username && rec._password) {
      const password = Buffer.from(rec._password, 'base64').toString('utf8');
      secrets.push(rec._password, password, Buffer.from(`${rec.username}:${password}`, 'utf8').toString('base64'));
      credentials.push({ registry: dart, kind: 'basic' });
    } else if (rec._password) {
      secrets.push(rec._password, Buffer.from(rec._password, 'base64').toString('utf8'));
    }
    if (rec.certfile && rec.keyfile) credentials.push({ registry: dart, kind: 'client-cert' });
  }

  // TLS
  const strictRaw = get('strict-ssl');
  let strictSSL = true;
  if (strictRaw !== undefined) {
    const b = parseBool(strictRaw);
    if (b === undefined) warnings.push(`strict-ssl: "${String(strictRaw)}" is not true/false; using true`);
    else strictSSL = b;
  }
  options.strictSSL = strictSSL;
  const ca: string[] = [];
  const caRaw = get('ca');
  if (typeof caRaw === 'string' || Array.isArray(caRaw)) {
    for (const c of Array.isArray(caRaw) ? caRaw : [caRaw]) {
      const pem = c.replace(/\\n/g, '\n');
      const certs = splitCerts(pem);
      if (certs.length) ca.push(...certs);
      else if (pem.trim()) warnings.push('ca: value holds no PEM certificate');
    }
  }
  const cafile = getString('cafile');
  if (cafile !== undefined) {
    try {
      const certs = splitCerts(readFileSync(cafile, 'utf8'));
      if (certs.length === 0) warnings.push(`cafile: ${cafile} holds no PEM certificate`);
      // npm: cafile replaces ca
      ca.length = 0;
      ca.push(...certs);
    } catch (e) {
      warnings.push(`cafile: cannot read ${cafile} (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
    }
  }
  if (ca.length) options.ca = ca;
  const cert = getString('cert');
  const key = getString('key');
  if (cert && key) {
    options.cert = cert.replace(/\\n/g, '\n');
    options.key = key.replace(/\\n/g, '\n');
    secrets.push(key);
  }

  // proxies (make-fetch-happen also honours HTTP(S)_PROXY / NO_PROXY from the environment itself)
  const proxy = getString('proxy');
  const httpsProxy = getString('https-proxy');
  const noProxyRaw = get('noproxy') ?? get('no-proxy');
  const noProxy = noProxyRaw === undefined || typeof noProxyRaw === 'boolean' ? undefined : Array.isArray(noProxyRaw) ? noProxyRaw.join(',') : noProxyRaw;
  for (const p of [proxy, httpsProxy]) {
    if (!p) continue;
    try {
      const u = new URL(p);
      if (u.password) secrets.push(decodeURIComponent(u.password), u.password);
    } catch {
      /* left as is; make-fetch-happen reports it */
    }
  }
  if (proxy) options.proxy = proxy;
  if (httpsProxy) options.httpsProxy = httpsProxy;
  if (noProxy) options.noProxy = noProxy;
  const localAddress = getString('local-address');
  if (localAddress) options.localAddress = localAddress;
  const replaceHost = getString('replace-registry-host');
  if (replaceHost) options.replaceRegistryHost = replaceHost;

  return new NpmConfigImpl({
    registry,
    scopes,
    strictSSL,
    ...(proxy ? { proxy } : {}),
    ...(httpsProxy ? { httpsProxy } : {}),
    ...(noProxy ? { noProxy } : {}),
    ca,
    options,
    secrets: secrets.filter((s) => s.length > 0),
    credentials,
    ignored,
    warnings,
    sources,
  });
}
