/**
 * `npm run eval -- --malicious <dir> --benign <dir> [--out file.jsonl] [--offline]`
 * Measures detection quality: each dir holds packages (a folder per package with package/ or
 * package.json inside, or .tgz files). Prints the share flagged per side and, for the benign side,
 * which rules fired (the false positives to work on). Nothing in the packages is ever executed.
 */
import { createWriteStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { ScanResult } from '../../src/engine/scan/result';
import { Scanner } from '../../src/engine/scan/scanner';

const { values } = parseArgs({ options: { malicious: { type: 'string', multiple: true }, benign: { type: 'string', multiple: true }, out: { type: 'string' }, offline: { type: 'boolean' }, limit: { type: 'string' } } });
const scanner = new Scanner({ offline: true });
const out = values.out ? createWriteStream(values.out) : undefined;
const limit = values.limit ? Number(values.limit) : Infinity;

async function targets(dir: string): Promise<string[]> {
  const names = (await readdir(dir)).filter((n) => !n.startsWith('.') && n !== 'MANIFEST.tsv' && n !== 'README.md').sort();
  const out: string[] = [];
  for (const n of names) {
    const full = path.join(dir, n);
    const info = await stat(full);
    if (info.isDirectory() || /\.(?:tgz|tar\.gz)$/.test(n)) out.push(full);
  }
  return out.slice(0, limit);
}

interface SideSummary {
  total: number;
  verdicts: Record<string, number>;
  rules: Map<string, number>;
  seconds: number;
}

async function runSide(side: 'malicious' | 'benign', dirs: string[]): Promise<SideSummary> {
  const summary: SideSummary = { total: 0, verdicts: {}, rules: new Map(), seconds: 0 };
  const started = performance.now();
  for (const dir of dirs) {
    for (const target of await targets(dir)) {
      const result: ScanResult = target.endsWith('gz') ? await scanner.scanTarballFile(target) : await scanner.scanDirectory(target);
      summary.total += 1;
      summary.verdicts[result.verdict] = (summary.verdicts[result.verdict] ?? 0) + 1;
      const hit = [...new Set(result.findings.filter((f) => f.severity !== 'info').map((f) => f.rule))];
      for (const rule of hit) summary.rules.set(rule, (summary.rules.get(rule) ?? 0) + 1);
      out?.write(`${JSON.stringify({ side, target: path.basename(target), name: result.name, version: result.version, verdict: result.verdict, score: result.score, rules: hit, reason: result.reason })}\n`);
    }
  }
  summary.seconds = (performance.now() - started) / 1000;
  return summary;
}

const pct = (n: number, total: number) => `${total ? ((100 * n) / total).toFixed(1) : '0.0'}%`;

function print(side: string, s: SideSummary): void {
  const v = (k: string) => s.verdicts[k] ?? 0;
  console.log(`${side}: ${s.total} packages in ${s.seconds.toFixed(1)} s — malicious ${pct(v('malicious'), s.total)}, suspicious ${pct(v('suspicious'), s.total)}, notable ${pct(v('notable'), s.total)}, clean ${pct(v('clean'), s.total)}, unknown ${pct(v('unknown'), s.total)}; flagged (malicious or suspicious) ${pct(v('malicious') + v('suspicious'), s.total)}`);
}

async function main(): Promise<void> {
  const results: [string, SideSummary][] = [];
  if (values.malicious?.length) results.push(['malicious', await runSide('malicious', values.malicious)]);
  if (values.benign?.length) results.push(['benign', await runSide('benign', values.benign)]);
  if (!results.length) throw new Error('give --malicious <dir> and/or --benign <dir>');
  for (const [side, s] of results) print(side, s);
  const benign = results.find(([side]) => side === 'benign')?.[1];
  if (benign) {
    console.log('benign side, rules hit (packages):');
    for (const [rule, n] of [...benign.rules].sort((a, b) => b[1] - a[1])) console.log(`  ${rule.padEnd(32)} ${String(n).padStart(5)}  ${pct(n, benign.total)}`);
  }
  out?.end();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
