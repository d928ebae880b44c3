import assert from 'node:assert/strict';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { inspect } from 'node:util';
import { expandEnv, loadNpmConfig, nerfDart, type LoadNpmConfigOptions } from '../../../src/engine/registry/npmConfig';
import { redact } from '../../../src/engine/registry/redact';

const base = mkdtempSync(path.join(os.tmpdir(), 'takedown-npmconfig-'));
let n = 0;

function setup(user: string | undefined, project: string | undefined): { userConfigPath: string; workspaceFolder: string } {
  const dir = path.join(base, `c${n++}`);
  const ws = path.join(dir, 'ws');
  mkdirSync(ws, { recursive: true });
  const userConfigPath = path.join(dir, 'user.npmrc');
  if (user !== undefined) writeFileSync(userConfigPath, user);
  if (project !== undefined) writeFileSync(path.join(ws, '.npmrc'), project);
  return { userConfigPath, workspaceFolder: ws };
}

function load(user: string | undefined, project: string | undefined, opts: Partial<LoadNpmConfigOptions> = {}) {
  return loadNpmConfig({ trustedWorkspace: true, env: {}, ...setup(user, project), ...opts });
}

const TOKEN = 'npm_abcdefghijklmnopqrstuvwxyz0123456789';

test('defaults: npmjs registry, strict SSL, nothing ignored', () => {
  const c = load(undefined, undefined);
  assert.equal(c.registry, 'https://registry.npmjs.org/');
  assert.equal(c.strictSSL, true);
  assert.deepEqual(c.scopes, {});
  assert.deepEqual(c.ignored, []);
  assert.deepEqual(c.warnings, []);
  assert.deepEqual(c.sources, []);
  assert.deepEqual(c.pacoteOptions(), { registry: 'https://registry.npmjs.org/', strictSSL: true });
});

test('precedence: user < project < npm_config_* env < overrides', () => {
  const user = 'registry=https://user.example/\n@a:registry=https://user-a.example\n@b:registry=https://user-b.example/\n';
  const project = 'registry=https://project.example/\n@a:registry=https://project-a.example/\n';
  const c1 = load(user, project);
  assert.equal(c1.registry, 'https://project.example/');
  assert.deepEqual(c1.scopes, { '@a': 'https://project-a.example/', '@b': 'https://user-b.example/' });
  assert.equal(c1.sources.length, 2);
  const c2 = load(user, project, { env: { npm_config_registry: 'https://env.example/', NPM_CONFIG_STRICT_SSL: 'false' } });
  assert.equal(c2.registry, 'https://env.example/');
  assert.equal(c2.strictSSL, false);
  const c3 = load(user, project, { env: { npm_config_registry: 'https://env.example/' }, overrides: { registry: 'http://127.0.0.1:4873' } });
  assert.equal(c3.registry, 'http://127.0.0.1:4873/');
  assert.equal(c3.registryFor('@a/x'), 'https://project-a.example/');
  assert.equal(c3.registryFor('@zzz/x'), 'http://127.0.0.1:4873/');
  assert.equal(c3.registryFor('plain'), 'http://127.0.0.1:4873/');
});

test('the user config path can come from npm_config_userconfig', () => {
  const { userConfigPath } = setup('registry=https://from-env-userconfig.example/\n', undefined);
  const c = loadNpmConfig({ trustedWorkspace: true, env: { npm_config_userconfig: userConfigPath } });
  assert.equal(c.registry, 'https://from-env-userconfig.example/');
  assert.deepEqual(c.sources, [userConfigPath]);
});

test('${VAR} expansion in keys and values, npm style', () => {
  const env = { NPM_TOKEN: TOKEN, HOST: 'reg.example', EMPTY: '' };
  assert.equal(expandEnv('a ${HOST} b', env), 'a reg.example b');
  assert.equal(expandEnv('${MISSING}', env), '${MISSING}');
  assert.equal(expandEnv('x${MISSING?}y', env), 'xy');
  assert.equal(expandEnv('\\${HOST}', env), '${HOST}');
  assert.equal(expandEnv('\\\\${HOST}', env), '\\reg.example');
  const c = load('registry=https://${HOST}/\n//${HOST}/:_authToken=${NPM_TOKEN}\n', undefined, { env });
  assert.equal(c.registry, 'https://reg.example/');
  assert.equal(c.pacoteOptions()['//reg.example/:_authToken'], TOKEN);
  assert.deepEqual(c.credentials, [{ registry: '//reg.example/', kind: 'token' }]);
});

test('per-registry credentials: token, _auth, username/_password, client certs', () => {
  const pw = Buffer.from('s3cret-pw').toString('base64');
  const auth = Buffer.from('bob:b0b-pass').toString('base64');
  const c = load(
    [
      'registry=https://a.example/',
      `//a.example/:_authToken=${TOKEN}`,
      `//b.example/npm/:_auth=${auth}`,
      '//c.example/:username=carol',
      `//c.example/:_password=${pw}`,
      '//d.example/:certfile=/x/cert.pem',
      '//d.example/:keyfile=/x/key.pem',
    ].join('\n'),
    undefined,
  );
  const o = c.pacoteOptions();
  assert.equal(o['//a.example/:_authToken'], TOKEN);
  assert.equal(o['//b.example/npm/:_auth'], auth);
  assert.equal(o['//c.example/:username'], 'carol');
  assert.equal(o['//c.example/:_password'], pw);
  assert.equal(o['//d.example/:certfile'], '/x/cert.pem');
  assert.deepEqual(
    [...c.credentials].sort((x, y) => x.registry.localeCompare(y.registry)),
    [
      { registry: '//a.example/', kind: 'token' },
      { registry: '//b.example/npm/', kind: 'basic' },
      { registry: '//c.example/', kind: 'basic' },
      { registry: '//d.example/', kind: 'client-cert' },
    ],
  );
  // no secret in anything printable
  for (const printed of [JSON.stringify(c), inspect(c, { depth: 10 }), String(c.ignored), String(c.warnings)]) {
    for (const secret of [TOKEN, auth, 'b0b-pass', pw, 's3cret-pw']) assert.ok(!printed.includes(secret), `${secret} leaked`);
  }
  // redact() knows every form of every secret
  const text = `t=${TOKEN} a=${auth} p=b0b-pass q=${pw} r=s3cret-pw basic=${Buffer.from('carol:s3cret-pw').toString('base64')}`;
  const red = c.redact(text);
  for (const secret of [TOKEN, auth, 'b0b-pass', pw, 's3cret-pw', Buffer.from('carol:s3cret-pw').toString('base64')]) assert.ok(!red.includes(secret), `${secret} in ${red}`);
});

test('unscoped credentials are ignored, as npm 9+ does', () => {
  const c = load(`_authToken=${TOKEN}\n_auth=Zm9vOmJhcg==\nusername=x\n_password=eA==\n`, undefined);
  assert.deepEqual(Object.keys(c.pacoteOptions()).sort(), ['registry', 'strictSSL']);
  assert.equal(c.ignored.length, 4);
  assert.ok(c.ignored.every((m) => m.includes('must be scoped to a registry')));
  assert.ok(!c.ignored.join('\n').includes(TOKEN));
});

test('untrusted workspace: the project .npmrc cannot redirect, authenticate, proxy or weaken TLS', () => {
  const project = [
    'registry=https://evil.example/',
    '@corp:registry=https://evil.example/corp/',
    '//evil.example/:_authToken=${NPM_TOKEN}',
    'proxy=http://evil-proxy.example:8080',
    'https-proxy=http://evil-proxy.example:8080',
    'strict-ssl=false',
    'cafile=/etc/evil-ca.pem',
    'save-exact=true',
  ].join('\n');
  const user = `registry=https://user.example/\n//user.example/:_authToken=${TOKEN}\n`;
  const env = { NPM_TOKEN: 'env-secret-123456' };
  const c = load(user, project, { trustedWorkspace: false, env });
  assert.equal(c.registry, 'https://user.example/');
  assert.deepEqual(c.scopes, {});
  assert.equal(c.strictSSL, true);
  assert.equal(c.proxy, undefined);
  assert.equal(c.httpsProxy, undefined);
  assert.equal(c.caCount, 0);
  assert.deepEqual(c.credentials, [{ registry: '//user.example/', kind: 'token' }]);
  const o = c.pacoteOptions();
  assert.equal(o['//evil.example/:_authToken'], undefined);
  assert.ok(!JSON.stringify(o).includes('env-secret-123456'));
  assert.equal(c.ignored.length, 7);
  for (const key of ['registry', '@corp:registry', '//evil.example/:_authToken', 'proxy', 'https-proxy', 'strict-ssl', 'cafile']) {
    assert.ok(c.ignored.some((m) => m.includes(`"${key}" ignored (untrusted workspace`)), key);
  }
  assert.ok(!c.ignored.join('\n').includes('env-secret-123456'));
  // the same project file in a trusted workspace is honoured
  const t = load(user, project, { trustedWorkspace: true, env });
  assert.equal(t.registry, 'https://evil.example/');
  assert.equal(t.registryFor('@corp/x'), 'https://evil.example/corp/');
  assert.equal(t.strictSSL, false);
  assert.equal(t.pacoteOptions()['//evil.example/:_authToken'], 'env-secret-123456');
  assert.deepEqual(t.ignored, []);
});

test('untrusted workspace: user and environment settings still apply', () => {
  const c = load('@corp:registry=https://corp.example/\n', 'registry=https://evil.example/\n', {
    trustedWorkspace: false,
    env: { npm_config_registry: 'https://env.example/' },
  });
  assert.equal(c.registry, 'https://env.example/');
  assert.equal(c.registryFor('@corp/pkg'), 'https://corp.example/');
  assert.equal(c.ignored.length, 1);
});

test('strict-ssl, cafile, ca, proxies with credentials', () => {
  const pem = (s: string) => `-----BEGIN CERTIFICATE-----\n${s}\n-----END CERTIFICATE-----\n`;
  const dir = path.join(base, 'ca');
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'ca.pem'), pem('QUFB') + 'junk between\n' + pem('QkJC'));
  const c = load(
    [`strict-ssl=false`, `cafile=${path.join(dir, 'ca.pem')}`, 'proxy=http://pu:proxy-pass-99@proxy.example:3128', 'https-proxy=http://proxy.example:3129', 'noproxy=localhost,127.0.0.1'].join('\n'),
    undefined,
  );
  assert.equal(c.strictSSL, false);
  assert.equal(c.caCount, 2);
  const o = c.pacoteOptions();
  assert.deepEqual(o.ca, [pem('QUFB').trim(), pem('QkJC').trim()]);
  assert.equal(o.proxy, 'http://pu:proxy-pass-99@proxy.example:3128');
  assert.equal(o.httpsProxy, 'http://proxy.example:3129');
  assert.equal(o.noProxy, 'localhost,127.0.0.1');
  assert.equal(c.proxy, 'http://proxy.example:3128/');
  assert.ok(!JSON.stringify(c).includes('proxy-pass-99'));
  assert.equal(c.redact('via http://pu:proxy-pass-99@proxy.example:3128 and proxy-pass-99'), 'via http://***@proxy.example:3128 and ***');

  const missing = load(`cafile=${path.join(dir, 'nope.pem')}\nca[]=${pem('Q0ND').replace(/\n/g, '\\n')}\nstrict-ssl=maybe\n`, undefined);
  assert.equal(missing.caCount, 1);
  assert.equal(missing.strictSSL, true);
  assert.equal(missing.warnings.length, 2);
  assert.match(missing.warnings.join('\n'), /cafile: cannot read .*nope\.pem \(ENOENT\)/);
  assert.match(missing.warnings.join('\n'), /strict-ssl/);
});

test('invalid registry URLs are rejected with a warning', () => {
  const c = load('registry=file:///etc/passwd\n@x:registry=not a url\n', undefined);
  assert.equal(c.registry, 'https://registry.npmjs.org/');
  assert.deepEqual(c.scopes, {});
  assert.equal(c.warnings.length, 2);
});

test('nerfDart matches npm', () => {
  assert.equal(nerfDart('https://registry.npmjs.org/'), '//registry.npmjs.org/');
  assert.equal(nerfDart('http://127.0.0.1:4873'), '//127.0.0.1:4873/');
  assert.equal(nerfDart('https://corp.example/api/npm/npm-virtual/'), '//corp.example/api/npm/npm-virtual/');
  assert.equal(nerfDart('https://corp.example/api/npm/pkg.tgz'), '//corp.example/api/npm/');
});

test('redact(): URL user-info, token shapes, auth headers, key=value pairs, literal secrets', () => {
  const cases: Array<[string, string]> = [
    ['GET https://user:pa55@registry.example/x', 'GET https://***@registry.example/x'],
    ['GET https://tok3n@registry.example/x', 'GET https://***@registry.example/x'],
    [`token ${TOKEN} failed`, 'token *** failed'],
    [`found ${TOKEN}`, 'found npm_***'],
    ['ghp_abcdefghijklmnopqrstuvwxyz0123456789', 'ghp_***'],
    ['authorization: Bearer abc.def-123', 'authorization: Bearer ***'],
    ['Authorization: Basic Zm9vOmJhcg==', 'Authorization: Basic ***'],
    ['//reg.example/:_authToken=abcdef123', '//reg.example/:_authToken=***'],
    ['https://h/x.tgz?access_token=zzz999&x=1', 'https://h/x.tgz?access_token=***&x=1'],
    ['{"password":"hunter22"}', '{"password":"***"}'],
    ['plain message, 404 Not Found - GET https://registry.npmjs.org/x', 'plain message, 404 Not Found - GET https://registry.npmjs.org/x'],
  ];
  for (const [input, want] of cases) assert.equal(redact(input), want, input);
  assert.equal(redact('a my-literal-secret b my-literal-secret', ['my-literal-secret']), 'a *** b ***');
  assert.equal(redact('short abc stays', ['abc']), 'short abc stays');
  assert.equal(redact('x%2Fy-secret', ['x/y-secret']), '***');
});
