#!/usr/bin/env node
// Fetches registry tarballs with pacote (the library npm itself uses), many at once in one process.
// No package code is run: pacote only downloads and verifies the tarball (no install, no scripts).
//
// Usage: node test/corpus-tools/fetch-tarballs.mjs LIST DEST [JOBS]
// LIST holds `name@version` lines (# comments and blank lines ignored). Each tarball is written to
// DEST/<npm pack file name>; one already present is skipped. Prints one line per spec:
// `ok SPEC`, `skip SPEC` or `FAIL SPEC<TAB>reason`, then exits 0.
import { readFileSync, existsSync, statSync, renameSync, rmSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';

const require = createRequire(import.meta.url);
const pacote = require('pacote');

const [listPath, dest, jobsArg] = process.argv.slice(2);
if (!listPath || !dest) {
  console.error('usage: fetch-tarballs.mjs LIST DEST [JOBS]');
  process.exit(2);
}
const jobs = Math.max(1, Number(jobsArg || process.env.JOBS || 6));
mkdirSync(dest, { recursive: true });

const specs = readFileSync(listPath, 'utf8')
  .split('\n')
  .map((l) => l.trim())
  .filter((l) => l && !l.startsWith('#'));

// npm pack's naming: scope's @ dropped, / turned into -
export function tarballName(spec) {
  const at = spec.lastIndexOf('@');
  const name = spec.slice(0, at).replace(/^@/, '').replace(/\//g, '-');
  return `${name}-${spec.slice(at + 1)}.tgz`;
}

function valid(file) {
  try {
    if (statSync(file).size === 0) return false;
    gunzipSync(readFileSync(file));
    return true;
  } catch {
    return false;
  }
}

// npm's own cache layout: <npm cache dir>/_cacache
const cache = join(process.env.npm_config_cache || join(process.env.HOME || '/root', '.npm'), '_cacache');
let next = 0;
async function worker() {
  while (next < specs.length) {
    const spec = specs[next++];
    const file = join(dest, tarballName(spec));
    if (existsSync(file) && valid(file)) {
      console.log(`skip ${spec}`);
      continue;
    }
    const tmp = `${file}.partial-${process.pid}`;
    let reason = '';
    for (let attempt = 1; attempt <= 2; attempt++) {
      try {
        await pacote.tarball.file(spec, tmp, { cache, fullMetadata: false, preferOnline: false });
        renameSync(tmp, file);
        reason = '';
        break;
      } catch (err) {
        reason = String(err && (err.code || err.message) || err).replace(/\s+/g, ' ').slice(0, 300);
        rmSync(tmp, { force: true });
      }
    }
    console.log(reason ? `FAIL ${spec}\t${reason}` : `ok ${spec}`);
  }
}
await Promise.all(Array.from({ length: jobs }, worker));
