import { createHash } from 'node:crypto';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import npa from 'npm-package-arg';
import semver from 'semver';
import { loadNpmConfig } from '../engine/registry/npmConfig';
import { RegistryClient } from '../engine/registry/registryClient';
import { buildDraft, editFileLink, findExistingRecords, newFileLink, npmMalwareFormUrl, offerVersions, recordJson, updateExistingRecord, validateRecord, type Diagnostic, type DraftChoices, type ExistingRecordCheck } from '../engine/report/index';
import { unknownResult, type ScanResult } from '../engine/scan/result';
import { Scanner } from '../engine/scan/scanner';
import { NEW_RECORD_FILE } from '../engine/report/repositoryPath';

export interface ReportOptions {
  target: string;
  /** Versions to report besides the flagged ones (registry targets scan them too). */
  versions: string[];
  allVersions: boolean;
  credit?: string;
  writeUp?: string;
  /** Write the file at its repository path under this folder instead of printing it. */
  out?: string;
  registry?: string;
  /** No registry download and no existing-record check. */
  offline: boolean;
  osvApi?: string;
  githubApi?: string;
  repo?: string;
}

interface Output {
  write(chunk: string): unknown;
}

/** Parses `takedown report` arguments; a string is a usage error. */
export function parseReportArgs(args: string[]): ReportOptions | string {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      version: { type: 'string', multiple: true },
      'all-versions': { type: 'boolean' },
      credit: { type: 'string' },
      'write-up': { type: 'string' },
      out: { type: 'string' },
      registry: { type: 'string' },
      offline: { type: 'boolean' },
      'osv-url': { type: 'string' },
      'github-url': { type: 'string' },
      repo: { type: 'string' },
    },
  });
  if (positionals.length !== 1) return 'report takes one package: name@version, a package folder or a .tgz';
  if (!values.credit?.trim()) return 'report needs --credit "your name" (the command line has no GitHub sign-in)';
  const bad = (values.version ?? []).find((v) => !semver.valid(v));
  if (bad) return `--version ${bad} is not an exact version`;
  if (values['write-up'] !== undefined && !/^https:\/\/\S+$/.test(values['write-up'])) return '--write-up takes an https:// URL';
  for (const key of ['osv-url', 'github-url', 'registry'] as const) {
    if (values[key] !== undefined && !/^https?:\/\/\S+$/i.test(values[key]!)) return `--${key} takes an http(s) URL`;
  }
  if (values.repo !== undefined && !/^[A-Za-z0-9-]+\/[A-Za-z0-9._-]+$/.test(values.repo)) return '--repo takes owner/name';
  return {
    target: positionals[0]!,
    versions: values.version ?? [],
    allVersions: !!values['all-versions'],
    credit: values.credit.trim(),
    offline: !!values.offline,
    ...(values['write-up'] ? { writeUp: values['write-up'] } : {}),
    ...(values.out ? { out: values.out } : {}),
    ...(values.registry ? { registry: values.registry } : {}),
    ...(values['osv-url'] ? { osvApi: values['osv-url'] } : {}),
    ...(values['github-url'] ? { githubApi: values['github-url'] } : {}),
    ...(values.repo ? { repo: values.repo } : {}),
  };
}

/**
 * `takedown report <name@version | dir | .tgz>`: scans, checks for an existing record, drafts (or
 * updates) the OSV record, validates it, and prints it or writes it at its repository path. Notes
 * go to `err` so `out` is the JSON alone. Exit 0 when a valid record was produced, 1 otherwise.
 */
export async function runReport(options: ReportOptions, out: Output, err: Output): Promise<number> {
  const registry = options.offline ? undefined : new RegistryClient({ config: loadNpmConfig({ workspaceFolder: process.cwd(), trustedWorkspace: true, ...(options.registry ? { overrides: { registry: options.registry } } : {}) }) });
  const scanner = new Scanner({ offline: options.offline, ...(registry ? { registry } : {}) });
  const { scans, integrity } = await scanTargets(scanner, registry, options);
  const primary = scans[0]!;
  if (primary.verdict === 'unknown') {
    err.write(`takedown: not drafted: ${primary.name}${primary.version ? `@${primary.version}` : ''} could not be scanned (${primary.error?.message ?? primary.reason}).\n`);
    return 1;
  }
  const offer = offerVersions(scans);
  if (offer.flagged.length === 0) {
    err.write(`takedown: not drafted: the scan found nothing malicious in ${primary.name}@${primary.version} (verdict ${primary.verdict}). A report is written from evidence.\n`);
    return 1;
  }
  const failed = scans.filter((s) => s.verdict === 'unknown');
  for (const s of failed) err.write(`takedown: note: ${s.name}@${s.version} could not be scanned (${s.error?.message ?? s.reason}); it is reported on your word only.\n`);
  const versions = [...new Set([...offer.flagged, ...options.versions])];
  if (options.allVersions && !offer.allVersionsMalicious) err.write(`takedown: note: reporting all versions on your word: ${offer.allVersionsReason ?? 'not every version was scanned'}.\n`);

  const choices: DraftChoices = {
    versions,
    allVersions: options.allVersions,
    credit: { name: options.credit ?? '' },
    integrity,
    privateStrings: [os.homedir(), process.cwd(), path.resolve(options.target)],
    ...(options.writeUp ? { writeUp: options.writeUp } : {}),
  };
  let draft;
  try {
    draft = buildDraft(scans.filter((s) => s.verdict !== 'unknown'), choices);
  } catch (error) {
    err.write(`takedown: not drafted: ${(error as Error).message}\n`);
    return 1;
  }

  const existing: ExistingRecordCheck = options.offline ? { status: 'unknown', reasons: ['offline: not checked'] } : await findExistingRecords(primary.name, { ...(options.osvApi ? { osvApi: options.osvApi } : {}), ...(options.githubApi ? { githubApi: options.githubApi } : {}), ...(options.repo ? { repo: options.repo } : {}) });
  let record: unknown = draft.record;
  let filePath = draft.path;
  let kind: 'new' | 'existing' = 'new';
  if (existing.status === 'unknown') err.write(`takedown: note: could not check for an existing record (${existing.reasons.join('; ')}); if ${primary.name} already has one, the repository will refuse a new file.\n`);
  if (existing.status === 'found') {
    for (const r of existing.records) err.write(`takedown: ${primary.name} already has ${r.id} (${r.path}), covering ${describeCoverage(r.covers)}.\n`);
    for (const note of existing.notes) err.write(`takedown: note: ${note}\n`);
    const base = existing.records.find((r) => r.record);
    if (!base?.record) {
      err.write(`takedown: not drafted: a new MAL-0000 file would be refused; update the existing record instead: ${editFileLink(existing.records[0]!.path, options.repo ? { repo: options.repo } : {})}\n`);
      return 1;
    }
    const update = updateExistingRecord(base.record, draft.record);
    record = update.record;
    filePath = base.path;
    // A MAL-0000 file merged but not yet given its id is still a contributor's report.
    kind = NEW_RECORD_FILE.test(path.posix.basename(base.path)) ? 'new' : 'existing';
    err.write(`takedown: drafted an update of ${base.id} instead of a new file: ${update.addedVersions.length ? `adds ${update.addedVersions.join(', ')}` : 'no new versions'}${update.alreadyCovered.length ? ` (${update.alreadyCovered.join(', ')} already covered)` : ''}, ${update.addedReferences} reference(s), ${update.addedCredits} credit(s).\n`);
  }

  const validation = validateRecord(record, { kind, filePath });
  for (const d of validation.warnings) err.write(`takedown: warning ${formatDiagnostic(d)}\n`);
  if (!validation.ok) {
    for (const d of validation.errors) err.write(`takedown: error ${formatDiagnostic(d)}\n`);
    return 1;
  }
  const json = recordJson(record);
  if (options.out) {
    const file = path.join(options.out, ...filePath.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, json);
    out.write(`${file}\n`);
  } else out.write(json);
  err.write(`takedown: repository path: ${filePath}\n`);
  if (kind === 'new') {
    const link = newFileLink(filePath, json, options.repo ? { repo: options.repo } : {});
    err.write(`takedown: propose it in the browser: ${link.url}${link.includesContent ? '' : ' (too long for the link: paste the JSON into the new file)'}\n`);
  } else err.write(`takedown: edit it in the browser: ${editFileLink(filePath, options.repo ? { repo: options.repo } : {})}\n`);
  err.write(`takedown: also tell npm: ${npmMalwareFormUrl(primary.name, primary.version)}\n`);
  return 0;
}

function describeCoverage(covers: { versions: string[]; ranges: string[] }): string {
  const parts = [...(covers.versions.length ? [`versions ${covers.versions.slice(0, 10).join(', ')}${covers.versions.length > 10 ? ', …' : ''}`] : []), ...covers.ranges.map((r) => `range ${r}`)];
  return parts.length ? parts.join('; ') : 'versions that could not be read';
}

function formatDiagnostic(d: Diagnostic): string {
  return `${d.path}: ${d.message}`;
}

/** The target's scan first, then scans of the other requested versions (registry targets only). */
async function scanTargets(scanner: Scanner, registry: RegistryClient | undefined, options: ReportOptions): Promise<{ scans: ScanResult[]; integrity: NonNullable<DraftChoices['integrity']> }> {
  const integrity: NonNullable<DraftChoices['integrity']> = {};
  const info = await stat(options.target).catch(() => undefined);
  if (info?.isDirectory()) return { scans: [await scanner.scanDirectory(options.target)], integrity };
  if (info?.isFile() && /\.(?:tgz|tar\.gz)$/i.test(options.target)) {
    const scan = await scanner.scanTarballFile(options.target);
    if (scan.verdict !== 'unknown' && scan.version) {
      const data = await readFile(options.target);
      integrity[scan.version] = { sha1: createHash('sha1').update(data).digest('hex'), sha512_sri: `sha512-${createHash('sha512').update(data).digest('base64')}` };
    }
    return { scans: [scan], integrity };
  }
  let name: string | undefined;
  let spec = 'latest';
  try {
    const parsed = npa(options.target);
    if (parsed.registry && parsed.name) {
      name = parsed.name;
      spec = parsed.fetchSpec && parsed.rawSpec !== '*' && parsed.rawSpec !== '' ? parsed.fetchSpec : options.versions[0] ?? 'latest';
    }
  } catch {
    /* not a spec: reported below */
  }
  if (!name) {
    return { scans: [unknownResult(options.target, options.target, '', 'E_TARGET', 'no such file or folder, and not a registry package spec (name@version)')], integrity };
  }
  const first = await scanner.scanRegistry(name, spec, { target: options.target, versionDiff: false });
  const scans = [first];
  for (const v of options.versions) if (v !== first.version) scans.push(await scanner.scanRegistry(name, v, { versionDiff: false }));
  if (registry) {
    for (const s of scans) {
      if (s.verdict === 'unknown' || !s.integrity) continue;
      const manifest = await registry.manifest(name, s.version);
      // The registry's shasum describes the bytes behind its integrity: only trust it for the same tarball.
      if (manifest.ok && manifest.value.dist?.integrity === s.integrity && typeof manifest.value.dist.shasum === 'string') integrity[s.version] = { sha1: manifest.value.dist.shasum, sha512_sri: s.integrity };
    }
  }
  return { scans, integrity };
}
