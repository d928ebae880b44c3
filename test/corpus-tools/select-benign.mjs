#!/usr/bin/env node
// Builds test/corpus-tools/benign-packages.txt from a public download-count listing.
//
// Input: a TSV with a header line and the columns name, version, downloads_a_month, summary
// (the workplace copy is /work/.library/env/packages/npm.tsv). Output: one `name@version` line per
// package, most-downloaded first, then a curated set of packages that are known to trip scanners
// (install scripts, native addons, shipped binaries, minified bundles, honest use of the APIs that
// malware uses). Versions are pinned exactly as listed.
//
// Usage: node test/corpus-tools/select-benign.mjs [--tsv FILE] [--top N] [--out FILE]
// Packages named in benign-exclude.txt (one `name<TAB>reason` a line) are skipped.
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 && args[i + 1] ? args[i + 1] : dflt;
};
const tsvPath = opt('--tsv', '/work/.library/env/packages/npm.tsv');
const top = Number(opt('--top', '1150'));
const outPath = opt('--out', join(here, 'benign-packages.txt'));
const MAX_TYPES = 8; // @types/* packages are all alike: keep a few

// Packages that honest projects install and that look like malware to a naive scanner.
const CURATED = [
  // native addons, node-gyp / prebuild / node-pre-gyp install scripts, binding.gyp
  'bcrypt', 'node-sass', 'canvas', 'sqlite3', 'better-sqlite3', 'bufferutil', 'utf-8-validate', 're2',
  'argon2', 'leveldown', 'deasync', 'node-pty', 'keytar', 'cpu-features', 'ssh2', 'dtrace-provider',
  'microtime', 'farmhash', 'lmdb', 'msgpackr-extract', 'grpc', 'isolated-vm', 'node-pre-gyp',
  '@mapbox/node-pre-gyp', 'prebuild-install', 'node-gyp', 'node-gyp-build', 'nan', 'node-addon-api',
  // postinstall that downloads or selects a platform binary
  'esbuild', 'esbuild-wasm', 'sharp', 'puppeteer', 'cypress', 'electron', '@electron/get', 'lefthook',
  '@sentry/cli', 'chromedriver', 'geckodriver', 'phantomjs-prebuilt', '@vscode/ripgrep', '@biomejs/biome',
  '@swc/core', 'nx', 'prisma', '@prisma/client', '@sentry/profiling-node', 'playwright', 'playwright-core',
  // platform binary packages (ship ELF files on purpose)
  '@esbuild/linux-x64', '@rollup/rollup-linux-x64-gnu', '@img/sharp-linux-x64', 'lightningcss-linux-x64-gnu',
  // husky / patch-package / opencollective / funding messages
  'husky', 'patch-package', 'opencollective-postinstall', 'core-js', 'core-js-pure', 'es5-ext', 'nodemon',
  'msw', '@nestjs/core', '@angular/core', 'styled-components',
  // honest network, process, publish, wallet and bot APIs
  'ngrok', 'localtunnel', 'node-machine-id', 'systeminformation', 'public-ip', 'internal-ip', 'getmac',
  'macaddress', 'ps-list', 'libnpmpublish', 'np', 'semantic-release', '@semantic-release/npm', 'release-it',
  'lerna', '@changesets/cli', 'gh-pages', 'simple-git', 'isomorphic-git', '@octokit/rest', 'crypto-js',
  'bcryptjs', 'ethers', 'web3', '@metamask/detect-provider', 'bitcoinjs-lib', 'discord.js',
  'node-telegram-bot-api', 'telegraf', 'nodemailer', 'pm2', 'forever', 'socket.io', 'socket.io-client',
  'shelljs', 'cross-env', 'node-cron', 'cron', 'ip', 'node-notifier', 'update-notifier', 'is-ci', 'envinfo',
  'vm2', 'serialize-javascript', 'javascript-obfuscator', 'electron-builder',
  // minified browser bundles
  'jquery', 'chart.js', 'd3', 'bootstrap', 'highlight.js', 'katex', 'codemirror', 'quill', 'video.js', 'vue',
  'angular', 'svelte', 'preact',
];

const lines = readFileSync(tsvPath, 'utf8').split('\n');
const rows = [];
for (const line of lines.slice(1)) {
  const [name, version, downloads] = line.split('\t');
  if (!name || !version || !/^\d+$/.test(downloads ?? '')) continue;
  rows.push({ name, version, downloads: Number(downloads) });
}
rows.sort((a, b) => b.downloads - a.downloads);
const byName = new Map(rows.map((r) => [r.name, r]));

const exclude = new Map();
const exPath = join(here, 'benign-exclude.txt');
if (existsSync(exPath)) {
  for (const line of readFileSync(exPath, 'utf8').split('\n')) {
    if (!line.trim() || line.startsWith('#')) continue;
    const [name, reason = ''] = line.split('\t');
    exclude.set(name.trim(), reason);
  }
}

const picked = [];
const seen = new Set();
let types = 0;
const add = (r) => {
  if (seen.has(r.name) || exclude.has(r.name)) return;
  seen.add(r.name);
  picked.push(`${r.name}@${r.version}`);
};
for (const r of rows) {
  if (picked.length >= top) break;
  if (r.name.startsWith('@types/')) {
    if (types >= MAX_TYPES || exclude.has(r.name)) continue;
    types++;
  }
  add(r);
}
const missing = [];
for (const name of CURATED) {
  const r = byName.get(name);
  if (r) add(r);
  else missing.push(name);
}
writeFileSync(outPath, picked.join('\n') + '\n');
console.error(`wrote ${picked.length} packages to ${outPath}` + (missing.length ? `; not in listing: ${missing.join(', ')}` : ''));
