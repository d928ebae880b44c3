import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Rule } from '../analysis/types';
import type { RegistryClient } from '../registry/registryClient';
import type { VerdictCache } from '../registry/verdictCache';
import { RULES } from '../rules/index';
import { readDirectory, readTarball } from '../tarball/readTarball';
import { DEFAULT_TARBALL_LIMITS, type TarballContents, type TarballLimits } from '../tarball/types';
import { ENGINE_VERSION, unknownResult, type ScanResult } from './result';
import { scanContents } from './scanContents';

export interface ScannerOptions {
  registry?: RegistryClient;
  rules?: readonly Rule[];
  limits?: Partial<TarballLimits>;
  /** No network at all: registry targets come back `unknown` with the reason. */
  offline?: boolean;
  cache?: VerdictCache<ScanResult>;
}

const EMPTY_CONTENTS: TarballContents = { files: [], capsHit: [], suspiciousPaths: [], specialEntries: [], duplicatePaths: [], totalUnpackedBytes: 0, fileCount: 0, topFolders: [], warnings: [] };

/**
 * Fetches (when it has to) and analyses one package. Every path that cannot finish says why and
 * returns `unknown`; nothing here turns a failure into `clean`.
 */
export class Scanner {
  private readonly rules: readonly Rule[];

  constructor(private readonly options: ScannerOptions = {}) {
    this.rules = options.rules ?? RULES;
  }

  async scanRegistry(name: string, spec: string, opts: { integrity?: string; target?: string } = {}): Promise<ScanResult> {
    const target = opts.target ?? `${name}@${spec}`;
    if (this.options.offline) return withSkipped(unknownResult(target, name, spec, 'E_OFFLINE', 'Not scanned: offline mode, the package was not downloaded.'), ['package download (offline)']);
    const registry = this.options.registry;
    if (!registry) return unknownResult(target, name, spec, 'E_CONFIG', 'Not scanned: no registry is configured.');

    const manifest = await registry.manifest(name, spec);
    if (!manifest.ok) return unknownResult(target, name, spec, manifest.code, `Not scanned: ${manifest.message}`);
    const version = manifest.value.version;
    const integrity = opts.integrity ?? manifest.value._integrity ?? manifest.value.dist?.integrity;
    const key = integrity ? { name, version, integrity, engineVersion: ENGINE_VERSION } : undefined;
    if (key && this.options.cache) {
      const cached = await this.options.cache.get(key);
      if (cached) return { ...cached, target };
    }

    const tarball = await registry.tarball(name, version, { integrity: opts.integrity ?? null });
    if (!tarball.ok) {
      if (tarball.code === 'E_INTEGRITY') {
        // The served bytes are not the locked ones: that is the finding, whatever else they hold.
        return scanContents(EMPTY_CONTENTS, { target, name, version, integrityMismatch: { expected: tarball.expected, actual: tarball.actual }, skipped: ['code analysis (the tarball did not match the locked integrity)'] }, this.rules);
      }
      return unknownResult(target, name, version, tarball.code, `Not scanned: ${tarball.message}`);
    }
    const contents = await readTarball(tarball.value.data, this.limits());
    const result = scanContents(contents, { target, name, version, integrity: tarball.value.integrity }, this.rules);
    if (key && this.options.cache && result.verdict !== 'unknown') await this.options.cache.set(key, result);
    return result;
  }

  async scanTarballFile(file: string): Promise<ScanResult> {
    const limits = this.limits();
    const info = await stat(file).catch(() => undefined);
    if (!info?.isFile()) return unknownResult(file, path.basename(file), '', 'E_NOT_FOUND', `Not scanned: ${file} is not a file.`);
    if (info.size > limits.maxCompressedBytes) {
      return unknownResult(file, path.basename(file), '', 'E_TOO_LARGE', `Not scanned: the tarball is ${info.size} bytes, over the ${limits.maxCompressedBytes}-byte limit.`);
    }
    const data = await readFile(file);
    const contents = await readTarball(data, limits);
    return scanContents(contents, { target: file, fallbackName: path.basename(file).replace(/\.(?:tgz|tar\.gz)$/i, ''), integrity: `sha512-${createHash('sha512').update(data).digest('base64')}` }, this.rules);
  }

  async scanDirectory(dir: string): Promise<ScanResult> {
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) return unknownResult(dir, path.basename(dir), '', 'E_NOT_FOUND', `Not scanned: ${dir} is not a folder.`);
    // An extracted npm tarball keeps its files under package/.
    const inner = path.join(dir, 'package');
    const root = (await stat(path.join(dir, 'package.json')).catch(() => undefined)) ? dir : (await stat(inner).catch(() => undefined))?.isDirectory() ? inner : dir;
    const contents = await readDirectory(root, this.limits());
    return scanContents(contents, { target: dir, fallbackName: path.basename(path.resolve(dir)) }, this.rules);
  }

  private limits(): TarballLimits {
    return { ...DEFAULT_TARBALL_LIMITS, ...this.options.limits };
  }
}

function withSkipped(result: ScanResult, skipped: string[]): ScanResult {
  return { ...result, skipped: [...result.skipped, ...skipped] };
}
