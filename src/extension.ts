import * as vscode from 'vscode';
import { COMMANDS, type Context } from './commands';
import { describeSettings, readSettings } from './config';
import { DependencyCodeActions } from './editor/codeActions';
import { DiagnosticsPresenter } from './editor/diagnostics';
import { DependencyHoverProvider } from './editor/hover';
import { InvestigateUi } from './editor/investigate/investigateUi';
import { PACKAGE_SCHEME } from './editor/model/packageUri';
import { PackageDocumentProvider } from './editor/packageDocuments';
import { ExistingRecordDocuments, RECORD_SCHEME } from './editor/existingRecords';
import { githubApiFor } from './editor/model/submitFlow';
import { DraftValidation, reportsFolder } from './editor/reportDraft';
import { SubmitCodeLens, trackDraftEditors } from './editor/reportSubmit';
import { DEFAULT_GITHUB_API } from './engine/report/types';
import { DEPENDENCY_GLOB, ScanCoordinator } from './editor/scanCoordinator';
import { ScanProgressNotification, StatusBar } from './editor/statusBar';
import { watchDependencyFiles } from './editor/watcher';
import { createLogger } from './log';
import { WorkerPool } from './worker/pool';

/** Wiring only: every behaviour lives in the engine, the worker or a feature module under src/editor/. */
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Takedown', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  const settings = readSettings();
  log.info(`Takedown ${version} activated; settings: ${describeSettings(settings)}`);

  const workerLog = log.child('worker');
  // The pool is created on first need, and its workers on their first request: activation stays cheap.
  let pool: WorkerPool | undefined;
  const worker = () =>
    (pool ??= new WorkerPool({
      script: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
      // One worker more than parallel scans, so parsing an edited file never waits behind them.
      size: settings.concurrency + 1,
      onLog: (level, message) => (level === 'error' ? workerLog.error(message) : level === 'warn' ? workerLog.warn(message) : workerLog.info(message)),
    }));
  context.subscriptions.push({ dispose: () => void pool?.dispose() });

  const coordinator = new ScanCoordinator(worker, log.child('scan'), { global: context.globalStorageUri, ...(context.storageUri ? { workspace: context.storageUri } : {}), memento: context.workspaceState }, settings.concurrency);
  const diagnostics = new DiagnosticsPresenter(coordinator);
  const statusBar = new StatusBar(coordinator, diagnostics);
  const selector: vscode.DocumentSelector = [{ scheme: 'file', pattern: DEPENDENCY_GLOB }, { scheme: 'untitled', pattern: DEPENDENCY_GLOB }];
  context.subscriptions.push(
    coordinator,
    diagnostics,
    statusBar,
    new ScanProgressNotification(coordinator),
    watchDependencyFiles(coordinator),
    vscode.workspace.registerTextDocumentContentProvider(PACKAGE_SCHEME, new PackageDocumentProvider(coordinator)),
    vscode.languages.registerHoverProvider(selector, new DependencyHoverProvider(coordinator)),
    vscode.languages.registerCodeActionsProvider(selector, new DependencyCodeActions(coordinator, diagnostics), { providedCodeActionKinds: DependencyCodeActions.kinds }),
  );

  const restartWorkers = async () => {
    const old = pool;
    pool = undefined;
    await old?.dispose();
  };
  const drafts = new DraftValidation(context.globalStorageUri);
  const records = new ExistingRecordDocuments();
  context.subscriptions.push(
    drafts,
    vscode.languages.registerCodeLensProvider({ scheme: 'file', pattern: new vscode.RelativePattern(reportsFolder(context.globalStorageUri), '*.json') }, new SubmitCodeLens(context.globalStorageUri)),
    vscode.workspace.registerTextDocumentContentProvider(RECORD_SCHEME, records),
    trackDraftEditors(context.globalStorageUri),
  );
  // The test seam reads its environment variable only in extension test mode (docs/e2e.md).
  const githubApi = githubApiFor(context.extensionMode === vscode.ExtensionMode.Test, process.env, DEFAULT_GITHUB_API);
  if (githubApi !== DEFAULT_GITHUB_API) log.info(`report: GitHub API ${githubApi} (extension test mode)`);
  const investigate = new InvestigateUi(context.extensionUri, coordinator, diagnostics, log.child('investigate'));
  context.subscriptions.push(investigate);
  const ctx: Context = { log, coordinator, diagnostics, restartWorkers, globalStorage: context.globalStorageUri, drafts, records, githubApi, investigate };
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('takedown')) return;
      const next = readSettings();
      log.info(`settings changed: ${describeSettings(next)}`);
      coordinator.setConcurrency(next.concurrency);
      diagnostics.scheduleRefresh();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => diagnostics.scheduleRefresh()),
  );

  // The first look at the workspace happens after activation has returned, never inside it.
  const start = setTimeout(() => {
    statusBar.update();
    void coordinator.discover().catch((error) => log.error(`could not read the workspace: ${(error as Error).message}`));
  }, 0);
  context.subscriptions.push({ dispose: () => clearTimeout(start) });
}

export function deactivate(): void {}
