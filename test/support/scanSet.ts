// For the tests of the passes over a whole scan set (publisher-burst, repository-claimed): scanned
// registry results built by hand, and `takedown scan --json` of a lockfile against a local Verdaccio.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Finding, RuleMeta } from '../../src/engine/analysis/types';
import { RULES } from '../../src/engine/rules/index';
import { scoredResult, type RegistrySummary, type ScanResult } from '../../src/engine/scan/result';
import type { Verdaccio } from './verdaccio';

/** A scanned registry version as the scanner leaves it: verdict from its own findings. */
export function registryResult(name: string, version: string, registry: Partial<RegistrySummary> | undefined, findings: Finding[] = []): ScanResult {
  return scoredResult(`${name}@${version}`, name, version, findings, {
    integrity: 'sha512-AAAA',
    ...(registry ? { registry: { maintainers: [], distTags: {}, versions: [], versionCount: 3, provenance: false, ...registry } } : {}),
  });
}

export interface SetPackage {
  name: string;
  version: string;
  /** `_npmUser` and only maintainer of the version. */
  publisher: string;
  /** Publish time (ISO); Verdaccio stamps the present, which cool-down would report. */
  time: string;
  /** More package.json fields (`repository`). */
  manifest?: Record<string, unknown>;
}

/**
 * Publishes the packages to Verdaccio (an inert index.js each) and gives each its publisher and
 * publish time on disk (Verdaccio stamps its own user and the present, and reads the stored
 * documents on every request); writes a package-lock.json locking them all in `dir`; runs
 * `takedown scan --json` of it with an empty OSV folder, and returns the parsed results.
 */
export async function scanLockfileOf(verdaccio: Verdaccio, dir: string, published: readonly SetPackage[]): Promise<{ name: string; verdict: string; findings: { rule: string; message: string }[] }[]> {
  mkdirSync(path.join(dir, 'osv'), { recursive: true });
  for (const { name, version, publisher, time, manifest } of published) {
    await verdaccio.publish({ packageJson: { name, version, main: 'index.js', ...manifest }, files: { 'index.js': 'module.exports = (a, b) => a + b;\n' } });
    const file = path.join(verdaccio.storageDir, name, 'package.json');
    const doc = JSON.parse(readFileSync(file, 'utf8')) as { versions: Record<string, Record<string, unknown>>; time: Record<string, string> };
    Object.assign(doc.versions[version]!, { _npmUser: { name: publisher }, maintainers: [{ name: publisher }] });
    doc.time = { created: '2024-01-01T00:00:00.000Z', modified: time, [version]: time };
    writeFileSync(file, JSON.stringify(doc, null, 2));
  }
  const lock = path.join(dir, 'package-lock.json');
  const packages: Record<string, unknown> = { '': { name: 'app', version: '1.0.0', dependencies: Object.fromEntries(published.map((p) => [p.name, p.version])) } };
  for (const { name, version } of published) packages[`node_modules/${name}`] = { version };
  writeFileSync(lock, JSON.stringify({ name: 'app', version: '1.0.0', lockfileVersion: 3, requires: true, packages }, null, 2));

  const root = path.join(__dirname, '../..');
  const run = await new Promise<{ code: number; out: string; err: string }>((resolve) => {
    const args = ['--import', pathToFileURL(require.resolve('tsx')).href, path.join(root, 'src/cli/main.ts'), 'scan', '--json', '--registry', verdaccio.url, '--osv-dir', path.join(dir, 'osv'), lock];
    execFile(process.execPath, args, { cwd: dir, env: { ...process.env, npm_config_userconfig: path.join(dir, 'no-npmrc') }, timeout: 60_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : -1) : 0, out: stdout, err: stderr });
    });
  });
  if (run.code !== 0) throw new Error(`takedown scan exited ${run.code}: ${run.err}`);
  return JSON.parse(run.out) as { name: string; verdict: string; findings: { rule: string; message: string }[] }[];
}

/**
 * A set-level finding is not a code rule (the rules harness checks RULES for fixtures, and it needs
 * other packages' results), yet has a rule page like theirs, linked from `linkedFrom`'s page.
 */
export function assertSetRulePage(meta: RuleMeta, linkedFrom: string): void {
  assert.equal(RULES.some((r) => r.meta.id === meta.id), false);
  const docs = path.join(__dirname, '../../docs/rules');
  const page = readFileSync(path.join(docs, `${meta.id}.md`), 'utf8');
  for (const heading of ['## What it catches', '## Why it matters', '## Known false positives', '## Example']) assert.ok(page.includes(heading), heading);
  assert.ok(page.includes(`Kind: ${meta.kind} · Category: ${meta.category} · Severity: ${meta.severity} · Specificity: ${meta.specificity}`));
  assert.ok(readFileSync(path.join(docs, `${linkedFrom}.md`), 'utf8').includes(`(${meta.id}.md)`), `${linkedFrom}.md links ${meta.id}.md`);
}
