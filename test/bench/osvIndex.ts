// Offline known-malware index: time to index 100,000 OSV records and to look packages up.
//
//   npm run bench:osv-index [-- --records 100000 --layout repo|flat --keep]
//
// Writes realistic records (the shape of ossf/malicious-packages MAL- records: details, CWE-506,
// origins, versions lists and SEMVER ranges, scoped and unscoped names) to a temp folder outside the
// repository, indexes it twice (the first read is cold for this process), looks up 20,000 package
// versions (a quarter of them hits), and prints the figures. The folder is removed unless --keep.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { OfflineOsvIndex } from '../../src/engine/intel/offlineIndex';

const { values } = parseArgs({ options: { records: { type: 'string', default: '100000' }, layout: { type: 'string', default: 'repo' }, keep: { type: 'boolean', default: false } } });
const COUNT = Number(values.records);
const flat = values.layout === 'flat';

/** A deterministic pseudo-random sequence, so every run writes the same corpus. */
let seed = 42;
const rand = (): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const WORDS = ['react', 'lodash', 'axios', 'chalk', 'express', 'color', 'util', 'helper', 'sdk', 'config', 'logger', 'parser', 'crypto', 'wallet', 'eslint', 'plugin', 'core', 'types', 'async', 'pino'];
const SCOPES = ['@ctrl', '@types-dev', '@acme-internal', '@solana-utils', '@nx-tools'];

function packageName(i: number): string {
  const base = `${pick(WORDS)}-${pick(WORDS)}-${i.toString(36)}`;
  return rand() < 0.2 ? `${pick(SCOPES)}/${base}` : base;
}

function record(i: number, name: string): Record<string, unknown> {
  const id = `MAL-${2022 + (i % 5)}-${i + 1}`;
  const versions = rand() < 0.6;
  const affected: Record<string, unknown> = {
    package: { ecosystem: 'npm', name },
    database_specific: { cwes: [{ cweId: 'CWE-506', name: 'Embedded Malicious Code', description: 'The product contains code that appears to be malicious in nature.' }] },
  };
  if (versions) affected.versions = Array.from({ length: 1 + Math.floor(rand() * 4) }, (_, k) => `${1 + k}.${Math.floor(rand() * 10)}.${Math.floor(rand() * 10)}`);
  else affected.ranges = [{ type: 'SEMVER', events: rand() < 0.5 ? [{ introduced: '0' }] : [{ introduced: '1.0.0' }, { last_affected: '1.4.2' }] }];
  return {
    modified: '2026-05-26T17:12:48Z',
    published: '2026-05-20T19:34:41Z',
    schema_version: '1.7.4',
    id,
    summary: `Malicious code in ${name} (npm)`,
    details: `\n---\n_-= Per source details. Do not edit below this line.=-_\n\n## Source: ghsa-malware (${'ab'.repeat(32)})\nAny computer that has this package installed or running should be considered fully compromised. All secrets and keys stored on that computer should be rotated immediately from a different computer. The package should be removed, but as full control of the computer may have been given to an outside entity, there is no guarantee that removing the package will remove all malicious software resulting from installing it.\n`,
    affected: [affected],
    references: [{ type: 'PACKAGE', url: `https://www.npmjs.com/package/${name}` }],
    database_specific: { 'malicious-packages-origins': [{ source: 'ghsa-malware', sha256: 'cd'.repeat(32), import_time: '2026-05-26T05:50:56.773305951Z', id: `GHSA-${i.toString(36).padStart(4, 'x')}-aaaa-bbbb`, modified_time: '2026-05-20T19:34:41Z' }] },
  };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'takedown-osv-bench-'));
  const root = flat ? dir : path.join(dir, 'osv', 'malicious', 'npm');
  const names: string[] = [];
  const t0 = performance.now();
  for (let i = 0; i < COUNT; i++) {
    const name = packageName(i);
    names.push(name);
    const rec = record(i, name);
    const file = flat ? path.join(root, `${rec.id as string}.json`) : path.join(root, name.toLowerCase(), `${rec.id as string}.json`);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, JSON.stringify(rec, null, 2));
  }
  const writeMs = performance.now() - t0;

  const runs: number[] = [];
  let index: OfflineOsvIndex | undefined;
  const heapBefore = process.memoryUsage().heapUsed;
  for (let run = 0; run < 2; run++) {
    index = undefined;
    const t = performance.now();
    index = await OfflineOsvIndex.build(dir);
    runs.push(performance.now() - t);
  }
  const heapAfter = process.memoryUsage().heapUsed;

  const queries = Array.from({ length: 20_000 }, (_, k) => (k % 4 === 0 ? { name: names[Math.floor(rand() * names.length)]!, version: '1.2.0' } : { name: `not-malware-${k}`, version: '1.0.0' }));
  const tl = performance.now();
  const lookup = await index!.lookup(queries);
  const lookupMs = performance.now() - tl;
  const hits = Object.values(lookup.results).filter((r) => r.status === 'hit').length;

  const s = index!.stats;
  console.log(`layout ${flat ? 'flat (all.zip)' : 'repo (osv/malicious/npm/<name>/)'}, ${COUNT.toLocaleString('en-US')} records written in ${(writeMs / 1000).toFixed(1)} s to ${dir}`);
  console.log(`indexed: ${s.records.toLocaleString('en-US')} records, ${index!.packageCount.toLocaleString('en-US')} package names, ${s.broken} broken, ${s.tooLarge} too large`);
  console.log(`index build: first ${(runs[0]! / 1000).toFixed(2)} s, second ${(runs[1]! / 1000).toFixed(2)} s (${Math.round(COUNT / (runs[1]! / 1000)).toLocaleString('en-US')} records/s); heap +${Math.round((heapAfter - heapBefore) / 1024 / 1024)} MB`);
  console.log(`lookup: ${queries.length.toLocaleString('en-US')} package versions in ${lookupMs.toFixed(1)} ms (${((lookupMs * 1000) / queries.length).toFixed(2)} µs each), ${hits} hits`);
  console.log(`load average at the end: ${os.loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  if (!values.keep) rmSync(dir, { recursive: true, force: true });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
