import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import npa from 'npm-package-arg';
import semver from 'semver';
import { sanitiseExcerpt } from '../engine/analysis/excerpt';
import { diffContents } from '../engine/diff/diffContents';
import { choosePrevious, fetchContents } from '../engine/diff/registryDiff';
import { newRulesByRule } from '../engine/diff/summary';
import type { VersionDiff } from '../engine/diff/types';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { readDirectory, readTarball } from '../engine/tarball/readTarball';
import { DEFAULT_TARBALL_LIMITS, type TarballContents } from '../engine/tarball/types';

export interface DiffCommandOptions {
  json: boolean;
  patch: boolean;
  registry?: string;
}

interface Output {
  write(chunk: string): unknown;
}

interface Side {
  name: string;
  version: string;
  contents: TarballContents;
}

class DiffError extends Error {}

/**
 * `takedown diff <a> <b>` or `takedown diff <b>` (against the version before it in semver order).
 * Either side is name@version from the registry, a .tgz or a package folder. Exit 0 with the
 * diff, 1 when a side could not be read (never an empty diff in its place).
 */
export async function runDiff(targets: string[], options: DiffCommandOptions, out: Output, err: Output): Promise<number> {
  let registry: RegistryClient | undefined;
  const registryClient = (): RegistryClient => (registry ??= makeRegistry(options.registry));
  try {
    const after = await readSide(targets[targets.length - 1]!, registryClient);
    let before: Side;
    let basis: VersionDiff['basis'] = 'explicit';
    if (targets.length === 2) {
      before = await readSide(targets[0]!, registryClient);
    } else {
      if (!semver.valid(after.version)) throw new DiffError(`${targets[0]}: no version to find the previous one by; name both sides`);
      const choice = await choosePrevious(registryClient(), after.name, after.version);
      if (!choice.ok) throw new DiffError(`${after.name}@${after.version}: ${choice.reason}`);
      if (!choice.version) {
        out.write(options.json ? 'null\n' : `${sanitiseExcerpt(after.name)}@${sanitiseExcerpt(after.version)} is the first published version: nothing to compare with.\n`);
        return 0;
      }
      basis = choice.basis;
      const fetched = await fetchContents(registryClient(), after.name, choice.version, DEFAULT_TARBALL_LIMITS);
      if (!fetched.ok) throw new DiffError(fetched.reason);
      before = { name: after.name, version: choice.version, contents: fetched.contents };
    }
    const diff = diffContents(before.contents, after.contents, { name: after.name, from: before.version, to: after.version, basis, patches: options.patch || options.json });
    out.write(options.json ? `${JSON.stringify(diff, null, 2)}\n` : formatDiff(diff, options.patch));
    return 0;
  } catch (error) {
    if (!(error instanceof DiffError)) throw error;
    err.write(`takedown diff: ${sanitiseExcerpt(error.message)}\n`);
    return 1;
  }
}

function makeRegistry(registry: string | undefined): RegistryClient {
  const config = loadNpmConfig({ workspaceFolder: process.cwd(), trustedWorkspace: true, ...(registry ? { overrides: { registry } } : {}) });
  return new RegistryClient({ config });
}

async function readSide(target: string, registry: () => RegistryClient): Promise<Side> {
  const info = await stat(target).catch(() => undefined);
  if (info?.isDirectory()) return local(target, await readDirectory(await packageRoot(target), DEFAULT_TARBALL_LIMITS));
  if (info?.isFile()) {
    if (!/\.(?:tgz|tar\.gz)$/i.test(target)) throw new DiffError(`${target} is not a .tgz or a package folder`);
    if (info.size > DEFAULT_TARBALL_LIMITS.maxCompressedBytes) throw new DiffError(`${target} is ${info.size} bytes, over the ${DEFAULT_TARBALL_LIMITS.maxCompressedBytes}-byte limit`);
    return local(target, await readTarball(await readFile(target), DEFAULT_TARBALL_LIMITS));
  }
  let spec: npa.Result;
  try {
    spec = npa(target);
  } catch {
    throw new DiffError(`${target}: no such file or folder, and not a registry package spec (name@version)`);
  }
  if (!spec.registry || !spec.name) throw new DiffError(`${target}: no such file or folder, and not a registry package spec (name@version)`);
  const manifest = await registry().manifest(spec.name, spec.fetchSpec ?? 'latest');
  if (!manifest.ok) throw new DiffError(`${target}: ${manifest.message}`);
  const fetched = await fetchContents(registry(), spec.name, manifest.value.version, DEFAULT_TARBALL_LIMITS);
  if (!fetched.ok) throw new DiffError(fetched.reason);
  return { name: spec.name, version: manifest.value.version, contents: fetched.contents };
}

/** An extracted npm tarball keeps its files under package/ (as `takedown scan` reads folders). */
async function packageRoot(dir: string): Promise<string> {
  if (await stat(path.join(dir, 'package.json')).catch(() => undefined)) return dir;
  const inner = path.join(dir, 'package');
  return (await stat(inner).catch(() => undefined))?.isDirectory() ? inner : dir;
}

function local(target: string, contents: TarballContents): Side {
  const m = contents.manifest ?? {};
  return {
    name: typeof m.name === 'string' ? m.name : path.basename(path.resolve(target)),
    version: typeof m.version === 'string' ? m.version : target,
    contents,
  };
}

const BASIS: Record<VersionDiff['basis'], string> = { baseline: 'the baseline lockfile version', 'semver-previous': 'the previous version in semver order', explicit: 'as given' };

/** `git diff --stat`-like: one line per added (+), changed (~) and removed (-) file, rules that newly fire, then patches if asked. */
export function formatDiff(diff: VersionDiff, withPatches: boolean): string {
  const t = (s: string) => sanitiseExcerpt(s);
  const lines = [`${t(diff.name)} ${t(diff.from)} -> ${t(diff.to)} (${BASIS[diff.basis]})`];
  const rows: [string, string, string, string[]][] = [
    ...diff.added.map((f): [string, string, string, string[]] => ['+', f.path, bytes(f.size), f.newRules]),
    ...diff.changed.map((f): [string, string, string, string[]] => ['~', f.path, `${bytes(f.sizeBefore)} -> ${bytes(f.sizeAfter)}${f.modeAfter !== undefined ? `, mode ${octal(f.modeBefore)} -> ${octal(f.modeAfter)}` : ''}`, f.newRules]),
    ...diff.removed.map((f): [string, string, string, string[]] => ['-', f.path, bytes(f.size), []]),
  ];
  const width = Math.min(60, Math.max(0, ...rows.map((r) => t(r[1]).length)));
  for (const [mark, file, size, rules] of rows) lines.push(` ${mark} ${t(file).padEnd(width)} | ${size}${rules.length ? `  new rules: ${rules.join(', ')}` : ''}`);
  const totals = diff.totals ?? { added: diff.added.length, removed: diff.removed.length, changed: diff.changed.length };
  lines.push(` ${totals.added} added, ${totals.changed} changed, ${totals.removed} removed, ${diff.unchangedCount} unchanged`);
  const fresh = [...newRulesByRule(diff)].map(([rule, files]) => `${rule} (${files.map(t).join(', ')})`);
  lines.push(fresh.length ? `newly triggered rules: ${fresh.join('; ')}` : 'newly triggered rules: none');
  if (diff.truncated) lines.push(`incomplete: ${t(diff.truncated)}`);
  let text = `${lines.join('\n')}\n`;
  if (withPatches) {
    for (const f of diff.changed) {
      if (f.patch) text += `\n${t(f.patch)}${f.patchTruncated ? '... (patch cut)\n' : ''}`;
      else if (f.patchSkipped) text += `\n~ ${t(f.path)}: no patch (${f.patchSkipped})\n`;
    }
  }
  return text;
}

function bytes(n: number): string {
  return `${n} B`;
}

function octal(mode: number | undefined): string {
  return (mode ?? 0).toString(8);
}
