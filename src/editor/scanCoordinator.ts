import * as vscode from 'vscode';
import { DEPENDENCY_FILE_NAMES, dependencyFileKind } from '../engine/deps/fileNames';
import { readGitBaseline } from '../engine/deps/gitBaseline';
import type { DependencyFile, DependencyFileKind } from '../engine/deps/model';
import { fromSnapshot, SnapshotStore } from '../engine/deps/snapshotStore';
import type { ScanScope } from '../engine/deps/select';
import { packageKey, type KnownMalwareStatus, type PackageVersion } from '../engine/intel/types';
import { PUBLISHER_BURST_META, withPublisherBursts } from '../engine/scan/publisherBurst';
import { REPOSITORY_CLAIMED_META, withRepositoryClaims } from '../engine/scan/repositoryClaims';
import { unknownResult, type ScanResult } from '../engine/scan/result';
import { readSettings, type Settings } from '../config';
import type { Logger } from '../log';
import { WorkerPoolError, type WorkerPool } from '../worker/pool';
import type { PackageFileText, ReadPackageFileParams } from '../worker/packageFiles';
import type { ScanSettings } from '../worker/scanHandlers';
import { KeyedDebouncer } from './model/debounce';
import { manifestsForLockfile } from './model/manifests';
import { toScanSettings } from './model/settings';
import { TaskQueue, type QueueProgress } from './model/taskQueue';
import type { PackageState } from './model/verdictView';
import { planFile, refFor, type PackageRef, type TrackedFile } from './model/workspaceState';

export const DEPENDENCY_GLOB = `**/{${Object.keys(DEPENDENCY_FILE_NAMES).join(',')}}`;
const LOOKUP_BATCH = 1000;
const FLAGGED_MEMO = 'takedown.flaggedPackages';

export interface TrackedDocument extends TrackedFile {
  uri: vscode.Uri;
  /** Baseline model (null: no usable baseline), resolved once per file until it changes on disk. */
  baseline?: DependencyFile | null;
  baselineDetail?: string;
  /** The baseline is the committed version; otherwise the last state seen is saved as the next baseline. */
  fromGit?: boolean;
  /** The text last parsed, so a save after an editor change (or the watcher after a save) is not parsed twice. */
  lastText?: string;
  /** The editor's document version the model was parsed from, when it came from an unsaved editor. */
  documentVersion?: number;
}

interface ScanJob {
  ref: PackageRef;
  settings: ScanSettings;
  /** A local folder or .tgz (Scan Package with a path). */
  localPath?: string;
}

export interface PackageOrigin {
  settings: ScanSettings;
  localPath?: string;
}

export function isInNodeModules(uri: vscode.Uri): boolean {
  return /(^|\/)node_modules\//.test(uri.path);
}

/**
 * The one store of what Takedown knows (parsed files, baselines, package states) and the queue that
 * fills it. File changes come in (debounced), are parsed in the worker, diffed against the baseline,
 * and the packages the scope selects are scanned in the worker; every change fires `onDidChange`,
 * which the diagnostics, hovers and status bar read from.
 */
export class ScanCoordinator implements vscode.Disposable {
  readonly files = new Map<string, TrackedDocument>();
  readonly states = new Map<string, PackageState>();
  readonly origins = new Map<string, PackageOrigin>();
  private readonly queue: TaskQueue<ScanJob>;
  private readonly debouncer = new KeyedDebouncer<string>(500);
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private readonly waiters = new Map<string, ((state: PackageState) => void)[]>();
  /** Keys someone asked for by name (Scan Package…, a typed name@version): listed as flagged though no file names them. */
  readonly requested = new Set<string>();
  private busy = 0;
  /** A command shows its own progress notification: the background one stays away meanwhile. */
  foregroundProgress = 0;
  /** Per file, the newest update started: an older one that finishes later must not overwrite it. */
  private readonly generations = new Map<string, number>();
  private snapshots: SnapshotStore | undefined;
  private disposed = false;

  constructor(
    private readonly worker: () => WorkerPool,
    private readonly log: Logger,
    private readonly storage: { global: vscode.Uri; workspace?: vscode.Uri; memento?: vscode.Memento },
    concurrency: number,
  ) {
    this.queue = new TaskQueue(
      (job, signal) => this.runScan(job, signal),
      concurrency,
      (job) => {
        // Dropped before it started: not scanned, and free to be asked for again.
        const state = this.states.get(job.ref.key);
        if (state) state.pending = false;
        this.settleWaiters(job.ref.key);
        this.changed.fire();
      },
      // Waiters hear only once the queue has let go of the key, so one that asks again at once is queued anew.
      (job) => {
        if (this.queue.idle) this.applySetChecks();
        this.settleWaiters(job.ref.key);
      },
    );
    if (storage.workspace) this.snapshots = new SnapshotStore(vscode.Uri.joinPath(storage.workspace, 'baselines').fsPath);
  }

  get progress(): QueueProgress {
    return this.queue.progress;
  }

  onProgress(listener: (p: QueueProgress) => void): vscode.Disposable {
    return new vscode.Disposable(this.queue.onProgress(listener).dispose);
  }

  setConcurrency(n: number): void {
    this.queue.setConcurrency(n);
  }

  /** True when nothing is waiting, parsing, looking up or scanning. */
  get idle(): boolean {
    return this.debouncer.size === 0 && this.busy === 0 && this.queue.idle;
  }

  /** Resolves when idle (checked twice, since finishing one step may start the next). */
  async waitForIdle(timeoutMs = 300_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let quiet = 0;
    while (Date.now() < deadline) {
      if (this.idle) {
        if (++quiet >= 2) return true;
      } else quiet = 0;
      await new Promise((r) => setTimeout(r, 50));
    }
    return false;
  }

  // ---- settings -------------------------------------------------------------------------------

  settingsFor(uri?: vscode.Uri): { editor: Settings; scan: ScanSettings } {
    const editor = readSettings(uri);
    const folder = uri ? vscode.workspace.getWorkspaceFolder(uri) : vscode.workspace.workspaceFolders?.[0];
    const scan = toScanSettings(editor, {
      trusted: vscode.workspace.isTrusted,
      ...(folder?.uri.scheme === 'file' ? { workspaceFolder: folder.uri.fsPath } : {}),
      cacheDir: vscode.Uri.joinPath(this.storage.global, 'verdicts').fsPath,
    });
    return { editor, scan };
  }

  // ---- file events ----------------------------------------------------------------------------

  /** A change seen in an open editor (typing) or on disk (save, npm install): debounced per file. */
  schedule(uri: vscode.Uri, source: 'editor' | 'disk', delayMs?: number): void {
    if (this.disposed || !dependencyFileKind(uri.path) || isInNodeModules(uri)) return;
    const key = uri.toString();
    this.debouncer.schedule(key, () => void this.track(this.update(uri, source)).catch((e) => this.log.error(`${uri.fsPath}: ${(e as Error).message}`)), delayMs);
  }

  /** A save should not wait for the typing delay. */
  flush(uri: vscode.Uri): void {
    this.debouncer.flush(uri.toString());
  }

  removed(uri: vscode.Uri): void {
    const key = uri.toString();
    this.debouncer.cancel(key);
    if (this.files.delete(key)) this.changed.fire();
  }

  /** Every dependency file of the workspace (not under node_modules). */
  async findDependencyFiles(token?: vscode.CancellationToken): Promise<vscode.Uri[]> {
    const uris = await vscode.workspace.findFiles(DEPENDENCY_GLOB, '**/node_modules/**', 10_000, token);
    // package.json first: lockfiles take their manifests' direct dependencies from them.
    return uris.filter((u) => !isInNodeModules(u)).sort((a, b) => rank(a) - rank(b) || a.path.localeCompare(b.path));
  }

  /** First look at the workspace (after activation, never during it): parse, look up, scan what the scope selects. */
  async discover(scopeOverride?: ScanScope, token?: vscode.CancellationToken): Promise<number> {
    return this.track(
      (async () => {
        const uris = await this.findDependencyFiles(token);
        for (const uri of uris) {
          if (token?.isCancellationRequested || this.disposed) break;
          await this.update(uri, 'disk', scopeOverride);
        }
        return uris.length;
      })(),
    );
  }

  private async track<T>(work: Promise<T>): Promise<T> {
    this.busy += 1;
    try {
      return await work;
    } finally {
      this.busy -= 1;
    }
  }

  private async readText(uri: vscode.Uri, maxBytes: number): Promise<string | { tooLarge: number } | { text: string; version: number }> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && (open.isDirty || uri.scheme !== 'file')) return { text: open.getText(), version: open.version };
    const stat = await vscode.workspace.fs.stat(uri);
    if (stat.size > maxBytes) return { tooLarge: stat.size };
    return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
  }

  private async update(uri: vscode.Uri, source: 'editor' | 'disk', scopeOverride?: ScanScope): Promise<void> {
    const kind = dependencyFileKind(uri.path);
    if (!kind || this.disposed) return;
    const key = uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);
    const stale = () => this.generations.get(key) !== generation || this.disposed;
    const { editor, scan } = this.settingsFor(uri);
    let text: string | { tooLarge: number };
    let documentVersion: number | undefined;
    try {
      const read = await this.readText(uri, editor.maxDependencyFileBytes);
      if (typeof read === 'object' && 'text' in read) {
        text = read.text;
        documentVersion = read.version;
      } else text = read;
    } catch (error) {
      if (error instanceof vscode.FileSystemError || (error as { code?: string }).code === 'FileNotFound') this.removed(uri);
      else this.log.warn(`could not read ${uri.fsPath}: ${(error as Error).message}`);
      return;
    }
    const previous = this.files.get(key);
    if (typeof text === 'string' && previous?.lastText === text && !scopeOverride) return;
    let model: DependencyFile;
    try {
      model =
        typeof text === 'string'
          ? await this.parse(kind, text, uri, editor.maxDependencyFileBytes)
          : tooLargeModel(kind, text.tooLarge, editor.maxDependencyFileBytes);
    } catch (error) {
      this.log.warn(`could not parse ${uri.fsPath}: ${(error as Error).message}`);
      return;
    }
    // Half-typed JSON: keep the last good model (the JSON language service reports the syntax error).
    if (model.fatal && source === 'editor' && previous && !previous.model.fatal) return;
    const tracked: TrackedDocument = { uri, path: uri.fsPath, model, ...(typeof text === 'string' ? { lastText: text } : {}), ...(documentVersion !== undefined ? { documentVersion } : {}) };
    // Typing keeps the baseline (without one, the state before the edits is the last state seen); a
    // change on disk may be a checkout or an install, so the committed version is read again.
    if (previous && previous.baseline !== undefined && source === 'editor') {
      const lastSeen = previous.baseline ?? (previous.model.fatal ? null : previous.model);
      tracked.baseline = lastSeen;
      tracked.baselineDetail = previous.baseline || !lastSeen ? (previous.baselineDetail ?? 'none') : 'last state seen before the edits';
      if (previous.fromGit) tracked.fromGit = true;
    } else await this.resolveBaseline(tracked, kind, editor.maxDependencyFileBytes);
    if (stale()) return;
    this.files.set(key, tracked);
    const first = model.problems[0];
    this.log.info(`${vscode.workspace.asRelativePath(uri)}: ${model.kind}${model.formatVersion ? ` v${model.formatVersion}` : ''}, ${model.entries.length} entries, baseline: ${tracked.baselineDetail ?? 'none'}${first ? `; ${model.problems.length} problem(s), first: ${first.message}` : ''}`);
    this.changed.fire();
    if (model.fatal) return;

    const scope = scopeOverride ?? editor.scanScope;
    const lockfiles = this.trackedLockfiles();
    const plan = planFile(tracked, tracked.baseline ?? undefined, scope, lockfiles, editor.allow);
    const remembered = this.rememberedKeys();
    const wanted = editor.scanOnChange || scopeOverride ? plan.scan : [];
    const refs = new Map(wanted.map((r) => [r.key, r]));
    // Packages flagged in an earlier session are checked again (their verdicts come from the disk cache).
    for (const entry of model.entries) {
      const ref = refFor(tracked, entry, lockfiles);
      if (!ref.notScannable && remembered.has(ref.key) && !refs.has(ref.key)) refs.set(ref.key, ref);
    }
    for (const ref of refs.values()) this.enqueue(ref, scan);
    if (plan.lookup.length) void this.track(this.lookup(plan.lookup, scan));
    if (this.snapshots && !tracked.fromGit && source === 'disk' && uri.scheme === 'file') {
      // No committed version: this state on disk is the baseline of the next change.
      void this.track(this.snapshots.set(uri.fsPath, model)).catch((e) => this.log.warn(`could not save the baseline of ${uri.fsPath}: ${(e as Error).message}`));
    }
  }

  private async parse(kind: DependencyFileKind, text: string, uri: vscode.Uri, maxBytes: number): Promise<DependencyFile> {
    const manifests = kind === 'package-json' ? undefined : manifestsForLockfile(uri.fsPath, [...this.files.values()].filter((f) => f.model.kind === 'package-json'));
    return this.worker().run({ type: 'parseDependencyFile', kind, text, maxBytes, ...(manifests && Object.keys(manifests).length ? { manifests } : {}) });
  }

  private async resolveBaseline(tracked: TrackedDocument, kind: DependencyFileKind, maxBytes: number): Promise<void> {
    tracked.baseline = null;
    if (tracked.uri.scheme !== 'file') {
      tracked.baselineDetail = 'not a file on disk: every entry is new';
      return;
    }
    const git = await readGitBaseline(tracked.path, { maxBytes });
    if (git.status === 'found') {
      const parsed = await this.parse(kind, git.text, tracked.uri, maxBytes);
      if (!parsed.fatal) {
        tracked.baseline = parsed;
        tracked.baselineDetail = 'committed version (HEAD)';
        tracked.fromGit = true;
        return;
      }
    }
    // Not committed (or no git): the last state seen on disk, once there is one.
    const snapshot = await this.snapshots?.get(tracked.path);
    if (snapshot) {
      tracked.baseline = fromSnapshot(snapshot);
      tracked.baselineDetail = `last state seen at ${snapshot.savedAt}`;
      return;
    }
    if (git.status === 'not-committed') tracked.baselineDetail = 'not committed yet: every entry is new';
    else tracked.baselineDetail = git.status === 'unavailable' ? `no git history (${git.reason}); first time this file is seen` : 'first time this file is seen';
  }

  trackedLockfiles(): TrackedFile[] {
    return [...this.files.values()].filter((f) => f.model.kind !== 'package-json');
  }

  // ---- known malware --------------------------------------------------------------------------

  private async lookup(packages: PackageVersion[], settings: ScanSettings): Promise<void> {
    const todo = packages.filter((p) => {
      const status = this.states.get(packageKey(p))?.knownMalware?.status;
      return status === undefined || status === 'unknown';
    });
    for (let i = 0; i < todo.length && !this.disposed; i += LOOKUP_BATCH) {
      const batch = todo.slice(i, i + LOOKUP_BATCH);
      let answers: Record<string, KnownMalwareStatus>;
      try {
        const lookup = await this.worker().run({ type: 'lookupKnownMalware', packages: batch, settings });
        answers = lookup.results;
        this.log.info(`known-malware lookup of ${batch.length} package(s) via ${lookup.source}`);
      } catch (error) {
        // E_PROTOCOL (a worker without the lookup) or a failure: unavailable, never "not malware".
        const reason = error instanceof WorkerPoolError && error.code === 'E_PROTOCOL' ? 'known-malware lookup unavailable in this version' : `known-malware lookup failed: ${(error as Error).message}`;
        this.log.warn(reason);
        answers = Object.fromEntries(batch.map((p) => [packageKey(p), { status: 'unknown', reason } satisfies KnownMalwareStatus]));
      }
      for (const p of batch) {
        const key = packageKey(p);
        const answer = answers[key] ?? { status: 'unknown', reason: 'no answer from the known-malware lookup' };
        const state = this.stateFor({ name: p.name, version: p.version, key });
        state.knownMalware = answer;
        if (answer.status === 'hit') this.remember(key, true);
      }
      this.changed.fire();
    }
  }

  // ---- scans ----------------------------------------------------------------------------------

  stateFor(ref: Pick<PackageRef, 'name' | 'version' | 'spec' | 'key'>): PackageState {
    let state = this.states.get(ref.key);
    if (!state) {
      state = { name: ref.name, ...(ref.version ? { version: ref.version } : {}), ...(ref.spec ? { spec: ref.spec } : {}) };
      this.states.set(ref.key, state);
    }
    return state;
  }

  /** Queues a scan unless this key has a result or is queued. `force`: scan again anyway (an explicit request). */
  enqueue(ref: PackageRef, settings: ScanSettings, options: { force?: boolean; localPath?: string } = {}): boolean {
    const state = this.stateFor(ref);
    if (!options.force && (state.result || state.pending)) return false;
    if (this.queue.has(ref.key)) return false;
    state.pending = true;
    this.origins.set(ref.key, { settings, ...(options.localPath ? { localPath: options.localPath } : {}) });
    return this.queue.add(ref.key, { ref, settings, ...(options.localPath ? { localPath: options.localPath } : {}) }, options.force === true);
  }

  /** Scans one package now (ahead of queued work) and resolves with its state. */
  scanNow(ref: PackageRef, settings: ScanSettings, localPath?: string): Promise<PackageState> {
    return new Promise((resolve) => {
      const list = this.waiters.get(ref.key) ?? [];
      list.push(resolve);
      this.waiters.set(ref.key, list);
      if (!this.enqueue(ref, settings, { force: true, ...(localPath ? { localPath } : {}) }) && !this.queue.has(ref.key)) this.settleWaiters(ref.key);
    });
  }

  /**
   * Scans a package again as it was scanned (same settings, same local source), past the disk cache
   * of verdicts: Investigate's Rescan. The old result stays shown until the new one replaces it.
   */
  rescan(key: string): Promise<PackageState> | undefined {
    const state = this.states.get(key);
    if (!state) return undefined;
    const origin = this.origins.get(key);
    const { cacheDir: _cached, ...settings } = origin?.settings ?? this.settingsFor().scan;
    const version = state.result?.version || state.version;
    const ref: PackageRef = { name: state.name, key, ...(version && !origin?.localPath ? { version } : state.spec ? { spec: state.spec } : {}) };
    const pending = this.scanNow(ref, settings, origin?.localPath);
    // Later scans and file reads of this key keep the settings it was first scanned with.
    if (origin) this.origins.set(key, origin);
    return pending;
  }

  cancelAll(): void {
    this.queue.cancelAll();
  }

  cancel(key: string): void {
    this.queue.cancel(key);
  }

  /** A local scan is known by its path until its manifest names it; then it is findable by name@version too. */
  adoptLocal(pathKey: string, state: PackageState): string | undefined {
    const result = state.result;
    if (!result?.name || !result.version) return undefined;
    const key = `${result.name}@${result.version}`;
    const origin = this.origins.get(pathKey);
    this.states.set(key, { ...state, name: result.name, version: result.version });
    if (origin) this.origins.set(key, origin);
    return key;
  }

  readPackageFile(params: ReadPackageFileParams, signal?: AbortSignal): Promise<PackageFileText> {
    return this.track(this.worker().run({ type: 'readPackageFile', ...params }, signal ? { signal } : {}));
  }

  private async runScan(job: ScanJob, signal: AbortSignal): Promise<void> {
    const { ref } = job;
    const state = this.stateFor(ref);
    this.changed.fire();
    const target = ref.version ?? ref.spec ?? 'latest';
    let result: ScanResult;
    try {
      result = job.localPath
        ? await this.worker().run({ type: 'scanLocal', path: job.localPath, settings: job.settings }, { signal })
        : await this.worker().run(
            {
              type: 'scanRegistry',
              name: ref.name,
              spec: target,
              settings: job.settings,
              ...(ref.integrity ? { integrity: ref.integrity } : {}),
              ...(ref.previousVersion ? { previousVersion: ref.previousVersion } : {}),
              ...settledLookup(ref.version ? state.knownMalware : undefined),
            },
            { signal },
          );
    } catch (error) {
      const code = error instanceof WorkerPoolError ? (error.code === 'E_TIMEOUT' ? 'E_SCAN_TIMEOUT' : error.code) : 'E_WORKER';
      if (code === 'E_CANCELLED' || code === 'E_DISPOSED') {
        // Not scanned, and not a verdict either: it can be asked for again.
        state.pending = false;
        this.changed.fire();
        return;
      }
      result = unknownResult(`${ref.name}@${target}`, ref.name, target, code, `Not scanned: ${(error as Error).message}`);
    }
    state.result = result;
    state.scanned = result;
    state.pending = false;
    if (result.version && !state.version && !job.localPath) state.version = result.version;
    // A range (`^1.2.0`) resolved to an exact version: findable by that too (Investigate, evidence documents).
    const exact = `${ref.name}@${result.version}`;
    if (!job.localPath && result.version && exact !== ref.key && !this.states.get(exact)?.result) {
      this.states.set(exact, state);
      const origin = this.origins.get(ref.key);
      if (origin) this.origins.set(exact, origin);
    }
    this.remember(ref.key, result.verdict !== 'clean');
    this.log.info(`${ref.name}@${target}: ${result.verdict}${result.verdict === 'clean' ? '' : ` (${result.reason.slice(0, 200)})`}`);
    this.changed.fire();
  }

  /**
   * The checks that need every scanned package at once (one publisher releasing many unrelated
   * packages within minutes; one repository claimed by many packages), run when the queue empties,
   * each time from the scans' own results, so a finding goes away with the packages that caused it.
   */
  private applySetChecks(): void {
    const disabled = new Set(this.settingsFor().scan.disabledRules ?? []);
    const states = [...new Set(this.states.values())].filter((s): s is PackageState & { scanned: ScanResult } => s.scanned !== undefined);
    const own = states.map((s) => s.scanned);
    let checked = own;
    if (!disabled.has(PUBLISHER_BURST_META.id)) checked = withPublisherBursts(checked);
    if (!disabled.has(REPOSITORY_CLAIMED_META.id)) checked = withRepositoryClaims(checked);
    let changed = false;
    states.forEach((state, i) => {
      const next = checked[i]!;
      if (state.result !== next) {
        state.result = next;
        changed = true;
      }
    });
    if (changed) this.changed.fire();
  }

  private settleWaiters(key: string): void {
    const list = this.waiters.get(key);
    if (!list) return;
    this.waiters.delete(key);
    const state = this.states.get(key);
    for (const resolve of list) resolve(state ?? { name: key });
  }

  // ---- memory of flagged packages across sessions -------------------------------------------

  private rememberedKeys(): Set<string> {
    return new Set(this.storage.memento?.get<string[]>(FLAGGED_MEMO, []) ?? []);
  }

  private remember(key: string, flagged: boolean): void {
    const memento = this.storage.memento;
    if (!memento) return;
    const keys = this.rememberedKeys();
    if (flagged === keys.has(key)) return;
    if (flagged) keys.add(key);
    else keys.delete(key);
    void memento.update(FLAGGED_MEMO, [...keys].slice(-5000));
  }

  /** Clear Cache: forget every result here, in the worker and on disk, then look again. */
  async clearCache(): Promise<string[]> {
    this.queue.cancelAll();
    this.states.clear();
    this.origins.clear();
    this.requested.clear();
    for (const f of this.files.values()) delete f.lastText;
    await this.storage.memento?.update(FLAGGED_MEMO, []);
    const { scan } = this.settingsFor();
    const { cleared } = await this.worker().run({ type: 'clearCaches', settings: scan });
    this.changed.fire();
    return ['editor results', ...cleared];
  }

  dispose(): void {
    this.disposed = true;
    this.debouncer.dispose();
    this.queue.cancelAll();
    this.changed.dispose();
  }
}

function rank(uri: vscode.Uri): number {
  return uri.path.endsWith('/package.json') ? 0 : 1;
}

function tooLargeModel(kind: DependencyFileKind, size: number, max: number): DependencyFile {
  const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
  return {
    kind,
    workspaces: [],
    entries: [],
    fatal: true,
    problems: [{ code: 'E_TOO_LARGE', severity: 'error', message: `File is ${mb(size)}, over the ${mb(max)} limit for dependency files (takedown.limits.maxDependencyFileMB); it was not parsed.`, range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } } }],
  };
}

/**
 * The model matches what the editor shows: parsed from this very version of an unsaved document,
 * or from disk while the document is saved. Hovers and quick fixes need matching positions.
 */
export function modelIsCurrent(file: TrackedDocument, document: vscode.TextDocument): boolean {
  return document.isDirty ? file.documentVersion === document.version : file.documentVersion === undefined || file.documentVersion === document.version;
}

/** The batch lookup's answer for an exact version, when it is settled: the scan then skips its own lookup. */
function settledLookup(status: KnownMalwareStatus | undefined): { knownMalware?: KnownMalwareStatus } {
  return status && status.status !== 'unknown' ? { knownMalware: status } : {};
}
