/**
 * The local registry behind the end-to-end tests, the demo and the latency benchmark: a fresh
 * Verdaccio (test/support/verdaccio.ts) holding the `@takedown-demo` packages from
 * test/fixtures/e2e/packages/, and workspaces whose package.json and lockfile point at it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { sendJson, startFakeServer, type FakeServer } from '../support/fakeServer';
import { startVerdaccio, type Published, type Verdaccio } from '../support/verdaccio';
import { packageJsonText, packageLockText, type LockedPackage } from './workspaceFiles';

export const FIXTURE_PACKAGES = path.resolve(__dirname, '../fixtures/e2e/packages');

export const DEMO = {
  evil: '@takedown-demo/evil-setup',
  beacon: '@takedown-demo/env-beacon',
  deepEvil: '@takedown-demo/deep-evil',
  clean: '@takedown-demo/clean-util',
  knownBad: '@takedown-demo/known-bad',
  /** Malicious, with XSS payloads in its metadata, file names and code (two versions: 1.0.0, 1.0.1). */
  xss: '@takedown-demo/xss-payload',
  /** Malicious, with a name that breaks out of a quoted string (`'-alert(1)-'`): npm names allow no `<`, `>`, `"` or `=`. */
  xssName: "@takedown-demo/xss'-alert(1)-'",
} as const;

/** The OSV record the tests' fake OSV serves for DEMO.knownBad (an invented id, in MAL- form). */
export const KNOWN_BAD_RECORD = {
  id: 'MAL-2026-90001',
  summary: 'Malicious code in @takedown-demo/known-bad (npm)',
  details: 'Test record for Takedown end-to-end tests: the package exists only in a local registry.',
  modified: '2026-01-10T00:00:00Z',
  published: '2026-01-10T00:00:00Z',
  affected: [{ package: { ecosystem: 'npm', name: '@takedown-demo/known-bad' }, versions: ['1.0.0'] }],
} as const;

export interface FixtureRegistry {
  readonly verdaccio: Verdaccio;
  /** Registry URL with a trailing slash. */
  readonly url: string;
  /** Every published version, keyed by `name@version`. */
  readonly published: Map<string, Published>;
  /** Publishes `copies` renamed copies of a fixture package (`<name>-<i>`), for cold-cache measurements. */
  publishCopies(folder: string, copies: number): Promise<Published[]>;
  stop(): Promise<void>;
}

/**
 * A fixture folder's package. An optional `tarball-names.json` ({ "file on disk": "name in the
 * tarball" }) gives files names that a checkout cannot hold everywhere (`<`, `>`, `"`, U+202E).
 */
const TARBALL_NAMES = 'tarball-names.json';
function readFixture(folder: string): { packageJson: { name: string; version: string } & Record<string, unknown>; files: Record<string, string> } {
  const dir = path.join(FIXTURE_PACKAGES, folder);
  const names = readdirSync(dir);
  const renames = (names.includes(TARBALL_NAMES) ? JSON.parse(readFileSync(path.join(dir, TARBALL_NAMES), 'utf8')) : {}) as Record<string, string>;
  const files: Record<string, string> = {};
  for (const name of names) if (name !== 'package.json' && name !== TARBALL_NAMES) files[renames[name] ?? name] = readFileSync(path.join(dir, name), 'utf8');
  return { packageJson: JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')), files };
}

/** Older versions first, so that each package's `latest` tag ends on its newest fixture version. */
function byVersion(a: { version: string }, b: { version: string }): number {
  return a.version.localeCompare(b.version, 'en', { numeric: true });
}

/**
 * Starts Verdaccio and publishes every fixture package. Inside node:test, `registerCleanup`
 * (the default) stops it in an `after` hook; scripts pass false and call stop() themselves.
 */
export async function startFixtureRegistry(opts: { registerCleanup?: boolean } = {}): Promise<FixtureRegistry> {
  const verdaccio = await startVerdaccio({ registerCleanup: opts.registerCleanup ?? true });
  const published = new Map<string, Published>();
  const add = (p: Published) => {
    published.set(`${p.name}@${p.version}`, p);
    backdate(verdaccio, p.name);
  };
  try {
    const fixtures = readdirSync(FIXTURE_PACKAGES, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => readFixture(d.name));
    for (const fixture of fixtures.sort((a, b) => byVersion(a.packageJson, b.packageJson))) add(await verdaccio.publish(fixture));
  } catch (error) {
    await verdaccio.stop();
    throw error;
  }
  return {
    verdaccio,
    url: verdaccio.url,
    published,
    async publishCopies(folder, copies) {
      const { packageJson, files } = readFixture(folder);
      const out: Published[] = [];
      for (let i = 1; i <= copies; i++) {
        const copy = await verdaccio.publish({ packageJson: { ...packageJson, name: `${packageJson.name}-${i}` }, files });
        add(copy);
        out.push(copy);
      }
      return out;
    },
    stop: () => verdaccio.stop(),
  };
}

/**
 * A stand-in for OSV.dev that knows no malware: every querybatch query comes back without
 * vulnerabilities (the fixture packages are in no OSV record), so the known-malware lookup
 * succeeds and says "none" instead of failing as unreachable.
 */
export function startEmptyOsv(opts: { registerCleanup?: boolean } = {}): Promise<FakeServer> {
  return startFakeServer(
    async (req, res) => {
      if (req.method !== 'POST' || req.url !== '/v1/querybatch') return sendJson(res, 404, { code: 5, message: 'Not Found' });
      let body = '';
      for await (const chunk of req) body += chunk;
      const queries = (JSON.parse(body) as { queries?: unknown[] }).queries ?? [];
      sendJson(res, 200, { results: queries.map(() => ({})) });
    },
    { registerCleanup: opts.registerCleanup ?? true },
  );
}

/**
 * The fixture packages stand for releases that have been out for a while: a version published
 * seconds ago is rightly "notable" (inside the cool-down), which is not what these tests are about.
 * Verdaccio stamps the publish time itself, so the stored document is changed on disk; it reads
 * that file on every request.
 */
const PUBLISHED_AT = '2025-03-04T10:00:00.000Z';
/** Between two versions of one fixture package: far apart, so that they are no burst of releases. */
const RELEASE_GAP_MS = 30 * 24 * 3600 * 1000;
function backdate(verdaccio: Verdaccio, name: string): void {
  const file = path.join(verdaccio.storageDir, name, 'package.json');
  const doc = JSON.parse(readFileSync(file, 'utf8')) as { time?: Record<string, string> };
  // the newest version at PUBLISHED_AT, each older one a gap earlier
  const versions = Object.keys(doc.time ?? {}).filter((key) => key !== 'created' && key !== 'modified').map((version) => ({ version })).sort(byVersion).reverse();
  const at = (i: number) => new Date(Date.parse(PUBLISHED_AT) - i * RELEASE_GAP_MS).toISOString();
  doc.time = { created: at(Math.max(0, versions.length - 1)), modified: PUBLISHED_AT, ...Object.fromEntries(versions.map(({ version }, i) => [version, at(i)])) };
  writeFileSync(file, JSON.stringify(doc, null, 2));
}

/** What a lockfile records for a published fixture version (`name@version`). */
export function lockedPackage(registry: FixtureRegistry, key: string): LockedPackage {
  const p = registry.published.get(key);
  if (!p) throw new Error(`${key} was not published to the fixture registry`);
  return { name: p.name, version: p.version, resolved: p.tarballUrl, integrity: p.integrity };
}

/**
 * Writes package.json and package-lock.json into `folder` for `direct` (name@version keys) and
 * commits them in a fresh git repository: the commit is Takedown's baseline, so what a test adds
 * afterwards is what a change adds.
 */
export function writeFixtureWorkspace(folder: string, registry: FixtureRegistry, direct: string[]): void {
  const locked = direct.map((key) => lockedPackage(registry, key));
  writeFileSync(path.join(folder, 'package.json'), packageJsonText(Object.fromEntries(locked.map((p) => [p.name, p.version]))));
  writeFileSync(path.join(folder, 'package-lock.json'), packageLockText(locked));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=takedown-e2e', '-c', 'user.email=e2e@takedown.invalid', '-c', 'commit.gpgsign=false', ...args], { cwd: folder, stdio: 'pipe' });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'baseline');
}
