// Writes src/engine/data/popular-npm.json, the names the typosquat rule protects, from a table of
// public monthly download counts (tab-separated: name, version, downloads_a_month, summary).
//
//   npm run data:popular -- [path/to/npm.tsv]
//
// `names`: the top TOP_N packages by monthly downloads, most downloaded first. Typosquats aim at
// what people type most; every extra target adds honest neighbours, so the list stops where a name
// is still typed millions of times a month. `established`: less popular packages that are one edit
// (or a separator or scope) away from a target but are widely used in their own right, so that the
// rule never flags them. Only those neighbours are kept, which keeps the file small.
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { PopularIndex } from '../../src/engine/analysis/helpers/metadata-names';

const TOP_N = 5000;
const ESTABLISHED_MIN_MONTHLY = 50_000;
const DEFAULT_SOURCE = '/work/.library/env/packages/npm.tsv';

const source = process.argv[2] ?? DEFAULT_SOURCE;
const rows = readFileSync(source, 'utf8')
  .split('\n')
  .slice(1)
  .map((line) => line.split('\t'))
  .filter((cols) => cols.length >= 3 && /^\d+$/.test(cols[2]!))
  .map((cols) => ({ name: cols[0]!, downloads: Number(cols[2]) }))
  .sort((a, b) => b.downloads - a.downloads || (a.name < b.name ? -1 : 1));

const top = rows.slice(0, TOP_N);
const index = new PopularIndex({ names: top.map((r) => r.name) });
const established = rows
  .slice(TOP_N)
  .filter((r) => r.downloads >= ESTABLISHED_MIN_MONTHLY && index.match(r.name) !== undefined)
  .map((r) => r.name)
  .sort();

const out = {
  source: `${path.basename(source)}: public npm monthly download counts (downloads_a_month), ${rows.length} packages`,
  sourceFileDate: statSync(source).mtime.toISOString().slice(0, 10),
  generatedBy: 'npm run data:popular (test/tools/popular-npm.ts)',
  topN: TOP_N,
  minMonthlyDownloads: top[top.length - 1]!.downloads,
  establishedMinMonthlyDownloads: ESTABLISHED_MIN_MONTHLY,
  names: top.map((r) => r.name),
  established,
};
const target = path.join(__dirname, '../../src/engine/data/popular-npm.json');
writeFileSync(target, JSON.stringify(out, null, 0).replace(/,"(?=[a-zA-Z]+":)/g, ',\n"') + '\n');
console.log(`${target}: ${out.names.length} names (>= ${out.minMonthlyDownloads}/month), ${established.length} established neighbours`);
