/**
 * `npm run bench:scan -- <dir> [--limit N]`: scan throughput on a folder of packages (.tgz files or
 * package folders). Reports packages/s and MB/s for the whole pipeline (read + analyse + score),
 * peak RSS, and the time @babel/parser alone needs for the same script files: the floor of a
 * one-parse-per-file design, so engine / parse-only is the overhead of the rules themselves.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { analyzePackage } from '../../src/engine/analysis/analyze';
import { isScript, parseSource } from '../../src/engine/analysis/parseSource';
import { score } from '../../src/engine/analysis/score';
import { RULES } from '../../src/engine/rules/index';
import { toPackageInput } from '../../src/engine/scan/scanContents';
import { readDirectory, readTarball } from '../../src/engine/tarball/readTarball';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string' } } });
const dir = positionals[0];
if (!dir) throw new Error('usage: npm run bench:scan -- <dir> [--limit N]');
const limit = values.limit ? Number(values.limit) : Infinity;

async function main(): Promise<void> {
  const names = (await readdir(dir!)).filter((n) => !n.startsWith('.')).sort().slice(0, limit);
  let read = 0;
  let parseOnly = 0;
  let engine = 0;
  let bytes = 0;
  let scripts = 0;
  let packages = 0;
  const wall = performance.now();
  for (const name of names) {
    const full = path.join(dir!, name);
    const info = await stat(full);
    let t = performance.now();
    const contents = info.isDirectory() ? await readDirectory((await stat(path.join(full, 'package')).catch(() => undefined)) ? path.join(full, 'package') : full) : /\.t(?:ar\.)?gz$/.test(name) ? await readTarball(await readFile(full)) : undefined;
    if (!contents) continue;
    read += performance.now() - t;
    packages += 1;
    bytes += contents.totalUnpackedBytes;

    t = performance.now();
    for (const f of contents.files) {
      if (f.text !== undefined && isScript(f.path)) {
        parseSource(f.text, f.path);
        scripts += 1;
      }
    }
    parseOnly += performance.now() - t;

    t = performance.now();
    const pkg = toPackageInput(contents, { target: name, fallbackName: name });
    score({ findings: analyzePackage(pkg, RULES).findings });
    engine += performance.now() - t;
  }
  // The parse-only pass is the yardstick, not part of the product: throughput counts read + engine.
  const seconds = (read + engine) / 1000;
  const wallSeconds = (performance.now() - wall) / 1000;
  const rssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`packages ${packages}, script files ${scripts}, unpacked ${(bytes / 1048576).toFixed(1)} MB, wall ${wallSeconds.toFixed(1)} s (node ${process.version})`);
  console.log(`throughput      ${(packages / seconds).toFixed(1)} packages/s, ${(bytes / 1048576 / seconds).toFixed(1)} MB/s (read + analyse + score)`);
  console.log(`time split      read ${(read / 1000).toFixed(1)} s, analyse+score ${(engine / 1000).toFixed(1)} s, parse-only ${(parseOnly / 1000).toFixed(1)} s`);
  console.log(`engine / parse  ${(engine / parseOnly).toFixed(2)}x  (target <= 1.5x)`);
  console.log(`peak RSS        ${rssMb.toFixed(0)} MB  (target <= 350 MB)`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
