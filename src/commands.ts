import path from 'node:path';
import * as vscode from 'vscode';
import type { DiagnosticsPresenter } from './editor/diagnostics';
import type { InvestigateUi } from './editor/investigate/investigateUi';
import { pickPackage } from './editor/investigate/pickPackage';
import { addToAllowList } from './editor/model/allowList';
import { isExactVersion, parsePackageInput } from './editor/model/packageInput';
import { plainText } from './editor/model/safeText';
import { verdictView, type PackageState } from './editor/model/verdictView';
import { packageFileUri, packageSummaryUri } from './editor/packageDocuments';
import { askAboutExistingRecords, type ExistingRecordDocuments } from './editor/existingRecords';
import { existingRecordDecision } from './editor/model/existingRecordChoice';
import { openReportDraft, safeUserName, type DraftValidation } from './editor/reportDraft';
import { reportRepository, submitReport } from './editor/reportSubmit';
import { DEFAULT_OSV_API } from './engine/report/types';
import type { ScanCoordinator } from './editor/scanCoordinator';
import type { ScanResult } from './engine/scan/result';
import type { Logger } from './log';

export interface Context {
  log: Logger;
  coordinator: ScanCoordinator;
  diagnostics: DiagnosticsPresenter;
  /** Stops every worker, so the next request starts fresh ones (nothing cached in memory survives). */
  restartWorkers(): Promise<void>;
  /** The extension's global storage: report drafts live in its `reports/` folder. */
  globalStorage: vscode.Uri;
  /** Live validation of open report drafts. */
  drafts: DraftValidation;
  /** The Takedown side bar (Flagged, Investigate) and the Investigate editor tab. */
  investigate: InvestigateUi;
  /** Read-only documents showing existing OSV records. */
  records: ExistingRecordDocuments;
  /** GitHub REST root for reports: api.github.com, a local fake only in extension test mode. */
  githubApi: string;
}

type CommandFactory = (ctx: Context) => (...args: unknown[]) => unknown;

interface PackageArg {
  name: string;
  version?: string;
}

function packageArg(value: unknown): PackageArg | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Record<string, unknown>;
  if (typeof v.name !== 'string' || !v.name) return undefined;
  return { name: v.name, ...(typeof v.version === 'string' && v.version ? { version: v.version } : {}) };
}

/** The package a command is about: its argument (hover, code action), else a pick among flagged ones. */
async function choosePackage(ctx: Context, arg: unknown, verb: string): Promise<{ key: string; name: string; version: string; state: PackageState } | undefined> {
  const given = packageArg(arg);
  if (given) {
    const key = `${given.name}@${given.version ?? ''}`;
    const state = ctx.coordinator.states.get(key) ?? { name: given.name, ...(given.version ? { version: given.version } : {}) };
    return { key, name: given.name, version: given.version ?? state.result?.version ?? '', state };
  }
  // A state stored under its range and its resolved version is one package; labels are package text (no $(icon) syntax).
  const unique = new Map<PackageState, string>();
  for (const [key, state] of ctx.coordinator.states) if (!unique.has(state) || state.result?.version === key.slice(state.name.length + 1)) unique.set(state, key);
  const label = (text: string) => plainText(text, 200).replace(/\$\(/g, '$ (');
  const items = [...unique]
    .map(([state, key]) => ({ key, state, view: verdictView(state) }))
    .filter((x) => x.view && x.view.verdict !== 'clean')
    .map((x) => ({ label: label(x.key), description: x.view!.verdict, detail: label(x.view!.reason), key: x.key, state: x.state }));
  if (!items.length) {
    void vscode.window.showInformationMessage(`Takedown: nothing flagged to ${verb}. Scan a package first (Takedown: Scan Package…).`);
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, { title: `Takedown: ${verb}`, matchOnDescription: true });
  if (!picked) return undefined;
  return { key: picked.key, name: picked.state.name, version: picked.state.result?.version ?? picked.state.version ?? '', state: picked.state };
}

async function openSummary(name: string, version: string): Promise<void> {
  const doc = await vscode.workspace.openTextDocument(packageSummaryUri(name, version));
  await vscode.window.showTextDocument(doc, { preview: true });
}

/** The version a flagged package of this name has, for callers (hover links) that name only the package. */
function flaggedVersionOf(ctx: Context, name: string): string | undefined {
  for (const state of ctx.coordinator.states.values()) {
    const view = verdictView(state);
    if (state.name === name && view && view.verdict !== 'clean') return state.result?.version || state.version;
  }
  return undefined;
}

/** Scan Package… and Investigate's "Scan and investigate": fetch and analyse one package now, findable afterwards by its exact name@version. */
async function scanInput(ctx: Context, input: string): Promise<ScanResult | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  const parsed = parsePackageInput(input, folder?.uri.fsPath);
  if ('error' in parsed) {
    void vscode.window.showErrorMessage(`Takedown: ${parsed.error}`);
    return undefined;
  }
  const { scan } = ctx.coordinator.settingsFor(folder?.uri);
  const state = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: `Takedown: scanning ${input.trim()}`, cancellable: true }, (_p, token) => {
    const ref =
      parsed.kind === 'registry'
        ? { name: parsed.name, key: `${parsed.name}@${parsed.spec}`, ...(isExactVersion(parsed.spec) ? { version: parsed.spec } : { spec: parsed.spec }) }
        : { name: path.basename(parsed.path), key: `local:${parsed.path}`, spec: parsed.path };
    token.onCancellationRequested(() => ctx.coordinator.cancel(ref.key));
    ctx.coordinator.requested.add(ref.key);
    ctx.coordinator.foregroundProgress += 1;
    return ctx.coordinator
      .scanNow(ref, scan, parsed.kind === 'local' ? parsed.path : undefined)
      .then((s) => ({ s, key: ref.key }))
      .finally(() => (ctx.coordinator.foregroundProgress -= 1));
  });
  const result = state.s.result;
  if (!result) {
    void vscode.window.showWarningMessage(`Takedown: ${input.trim()} was not scanned (cancelled).`);
    return undefined;
  }
  // Findable by its exact name@version (summary, evidence documents), whatever was typed.
  const exactKey = parsed.kind === 'local' ? ctx.coordinator.adoptLocal(state.key, state.s) : `${result.name}@${result.version}`;
  if (exactKey) ctx.coordinator.requested.add(exactKey);
  if (parsed.kind === 'registry' && exactKey && exactKey !== state.key && result.version) {
    ctx.coordinator.states.set(exactKey, { ...state.s, version: result.version });
    const origin = ctx.coordinator.origins.get(state.key);
    if (origin) ctx.coordinator.origins.set(exactKey, origin);
  }
  return { ...result, name: result.name || state.s.name };
}

/** The command table: each entry a small factory, so wiring stays declarative (rust-analyzer's pattern). */
export const COMMANDS: Record<string, CommandFactory> = {
  'takedown.scanWorkspace': (ctx) => async () => {
    const files = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Takedown: scanning the workspace', cancellable: true },
      async (progress, token) => {
        ctx.coordinator.foregroundProgress += 1;
        const listener = ctx.coordinator.onProgress((p) => progress.report({ message: `scanning ${Math.min(p.total, p.done + 1)} of ${p.total}` }));
        try {
          token.onCancellationRequested(() => ctx.coordinator.cancelAll());
          progress.report({ message: 'reading dependency files' });
          const count = await ctx.coordinator.discover('all', token);
          await ctx.coordinator.waitForIdle();
          return count;
        } finally {
          listener.dispose();
          ctx.coordinator.foregroundProgress -= 1;
        }
      },
    );
    ctx.diagnostics.refresh();
    const c = ctx.diagnostics.counts;
    const scanned = new Set([...ctx.coordinator.states.values()].filter((s) => s.result)).size;
    const choice = await vscode.window.showInformationMessage(
      `Takedown scanned ${scanned} package(s) from ${files} dependency file(s): ${c.malicious} malicious, ${c.suspicious} suspicious, ${c.unknown} unknown.`,
      'Show Problems',
      'Show Log',
    );
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
    if (choice === 'Show Log') ctx.log.show();
  },

  'takedown.scanPackage': (ctx) => async (arg?: unknown) => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    const input =
      typeof arg === 'string'
        ? arg
        : await vscode.window.showInputBox({
            title: 'Takedown: Scan Package',
            prompt: 'A package to fetch and analyse (never installed or run): name@version, a name, or a local folder or .tgz',
            placeHolder: 'left-pad@1.3.0',
            ignoreFocusOut: true,
            validateInput: (v) => {
              const parsed = parsePackageInput(v, folder?.uri.fsPath);
              return 'error' in parsed ? parsed.error : undefined;
            },
          });
    if (input === undefined) return undefined;
    const result = await scanInput(ctx, input);
    if (result) await ctx.investigate.show(result.name, result.version || 'local');
    return result;
  },

  'takedown.investigate': (ctx) => async (arg?: unknown) => {
    const given = packageArg(arg);
    if (given) {
      await ctx.investigate.show(given.name, given.version ?? flaggedVersionOf(ctx, given.name) ?? '');
      return;
    }
    const picked = await pickPackage(ctx.coordinator, vscode.workspace.workspaceFolders?.[0]?.uri.fsPath);
    if (!picked) return;
    if (picked.kind === 'flagged') {
      await ctx.investigate.show(picked.name, picked.version);
      return;
    }
    const result = await scanInput(ctx, picked.input);
    if (result) await ctx.investigate.show(result.name, result.version || 'local');
  },

  'takedown.investigateInEditor': (ctx) => (arg?: unknown) => {
    const given = packageArg(arg);
    if (given) ctx.investigate.controller.show(given.name, given.version ?? flaggedVersionOf(ctx, given.name) ?? '');
    ctx.investigate.openInEditor();
  },

  'takedown.investigateAsText': (ctx) => async (arg?: unknown) => {
    const given = packageArg(arg) ?? ctx.investigate.controller.current;
    if (given) await openSummary(given.name, given.version || 'unknown');
    else void vscode.window.showInformationMessage('Takedown: no package is being investigated. Pick one in the Flagged view first.');
  },

  'takedown.refreshFlagged': (ctx) => () => ctx.investigate.flagged.refresh(),

  'takedown.reportToOsv': (ctx) => async (arg?: unknown) => {
    const chosen = await choosePackage(ctx, arg, 'Report to OSV');
    if (!chosen) return;
    const result = chosen.state.result;
    if (!result || !chosen.version) {
      void vscode.window.showWarningMessage(`Takedown: ${chosen.key} has no scan result to report from; scan it first (Takedown: Scan Package…).`);
      return;
    }
    // A caller may name the credit and the existing-record choice (automation, tests); otherwise the user is asked.
    const credit = typeof (arg as { credit?: unknown } | undefined)?.credit === 'string' ? (arg as { credit: string }).credit : undefined;
    const decision = existingRecordDecision((arg as { existingRecord?: unknown } | undefined)?.existingRecord);
    try {
      const { editor } = ctx.coordinator.settingsFor();
      const existing = await askAboutExistingRecords(result.name, chosen.version, { osvApi: editor.osvEndpoint ?? DEFAULT_OSV_API, githubApi: ctx.githubApi, repo: reportRepository(), offline: editor.offline, ...(decision ? { decision } : {}) }, ctx.records, ctx.log);
      if (!existing) return undefined;
      return await openReportDraft(result, chosen.version, ctx.globalStorage, credit, existing.kind === 'update' ? existing.record : undefined);
    } catch (error) {
      void vscode.window.showErrorMessage(`Takedown: could not draft the report: ${(error as Error).message}`);
      return undefined;
    }
  },

  'takedown.submitReport': (ctx) => async (arg?: unknown) => {
    try {
      return await submitReport(arg, { globalStorage: ctx.globalStorage, validation: ctx.drafts, log: ctx.log, githubApi: ctx.githubApi });
    } catch (error) {
      ctx.log.error(`report: ${(error as Error).message}`);
      void vscode.window.showErrorMessage(`Takedown: the report was not submitted: ${(error as Error).message}. The draft is kept; retry from its "Submit pull request" link.`);
      return undefined;
    }
  },

  'takedown.allowVersion': (ctx) => async (arg?: unknown) => {
    const given = packageArg(arg);
    if (!given?.version) return;
    const uriText = (arg as { uri?: unknown }).uri;
    const resource = typeof uriText === 'string' ? vscode.Uri.parse(uriText) : undefined;
    const config = vscode.workspace.getConfiguration('takedown', resource);
    const multiRoot = (vscode.workspace.workspaceFolders?.length ?? 0) > 1 && resource && vscode.workspace.getWorkspaceFolder(resource);
    const target = multiRoot ? vscode.ConfigurationTarget.WorkspaceFolder : vscode.ConfigurationTarget.Workspace;
    const inspected = config.inspect('allow');
    const current = multiRoot ? inspected?.workspaceFolderValue : inspected?.workspaceValue;
    const next = addToAllowList(current, given.name, given.version, safeUserName(), new Date());
    await config.update('allow', next, target);
    ctx.log.info(`allowed ${given.name}@${given.version} in the ${multiRoot ? 'workspace folder' : 'workspace'} settings (takedown.allow)`);
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage('Takedown: recorded in the workspace settings, but this workspace is not trusted, so its takedown.allow is ignored until you trust it.');
    }
    ctx.diagnostics.refresh();
  },

  'takedown.openPackageFile': () => async (arg?: unknown) => {
    const given = packageArg(arg);
    const file = (arg as { path?: unknown } | undefined)?.path;
    const line = Number((arg as { line?: unknown } | undefined)?.line ?? 1);
    if (!given?.version || typeof file !== 'string') return;
    const doc = await vscode.workspace.openTextDocument(packageFileUri(given.name, given.version, file));
    const at = new vscode.Position(Math.max(0, Math.min(doc.lineCount - 1, (Number.isFinite(line) ? line : 1) - 1)), 0);
    await vscode.window.showTextDocument(doc, { preview: true, selection: new vscode.Range(at, at) });
  },

  'takedown.clearCache': (ctx) => async () => {
    try {
      const cleared = await ctx.coordinator.clearCache();
      await ctx.restartWorkers();
      ctx.log.info(`cache cleared: ${cleared.join(', ')}`);
      void vscode.window.showInformationMessage(`Takedown: cache cleared (${cleared.join(', ')}).`);
      void ctx.coordinator.discover();
    } catch (error) {
      void vscode.window.showErrorMessage(`Takedown: could not clear the cache: ${(error as Error).message}`);
    }
  },

  'takedown.showLog': (ctx) => () => ctx.log.show(),

  /** For tests: what the Investigate page was last sent, whether it is visible, and the Flagged tree. */
  'takedown.internal.investigateState': (ctx) => () => ctx.investigate.testState(),

  /** For tests: resolves once no file change is pending and no scan is queued or running. */
  'takedown.internal.waitForIdle': (ctx) => async (timeoutMs?: unknown) => {
    const idle = await ctx.coordinator.waitForIdle(typeof timeoutMs === 'number' ? timeoutMs : undefined);
    ctx.diagnostics.refresh();
    return idle;
  },
};
