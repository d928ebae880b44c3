import * as vscode from 'vscode';
import { readSettings } from './config';
import { readInventory } from './editor/inventory';
import type { Logger } from './log';
import type { WorkerPool } from './worker/pool';

export interface Context {
  log: Logger;
  worker: WorkerPool;
}

type CommandFactory = (ctx: Context) => (...args: unknown[]) => unknown;

const notYet = (feature: string): CommandFactory => (ctx) => async () => {
  ctx.log.info(`${feature} was requested; it is not available in this version yet`);
  await vscode.window.showInformationMessage(`Takedown: ${feature} is not available yet in this version.`);
};

/** The command table: each entry a small factory, so wiring stays declarative (rust-analyzer's pattern). */
export const COMMANDS: Record<string, CommandFactory> = {
  'takedown.scanWorkspace': (ctx) => async () => {
    const settings = readSettings();
    const items = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Takedown: reading dependency files' },
      () => readInventory(ctx.worker, settings.maxDependencyFileBytes, ctx.log),
    );
    let entries = 0;
    let broken = 0;
    for (const item of items) {
      entries += item.model.entries.length;
      if (item.model.fatal) broken += 1;
      const first = item.model.problems[0];
      ctx.log.info(`${vscode.workspace.asRelativePath(item.uri)}: ${item.model.kind}${item.model.formatVersion ? ` v${item.model.formatVersion}` : ''}, ${item.model.entries.length} entries${first ? `, ${item.model.problems.length} problem(s), first: ${first.message}` : ''}`);
    }
    const unread = broken ? ` ${broken} could not be read (see the log).` : '';
    const choice = await vscode.window.showInformationMessage(
      `Takedown read ${items.length} dependency file(s) with ${entries} entries.${unread} Package analysis is not available yet in this version: nothing was checked for malware.`,
      'Show Log',
    );
    if (choice === 'Show Log') ctx.log.show();
  },
  'takedown.scanPackage': notYet('Scan Package'),
  'takedown.investigate': notYet('Investigate'),
  'takedown.reportToOsv': notYet('Report to OSV'),
  'takedown.showLog': (ctx) => () => ctx.log.show(),
};
