import * as vscode from 'vscode';
import { COMMANDS, type Context } from './commands';
import { readSettings } from './config';
import { createLogger } from './log';
import { EngineWorker } from './worker/client';

/** Wiring only: every behaviour lives in the engine, the worker or a feature module. */
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Takedown', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  log.info(`Takedown ${version} activated; settings: ${JSON.stringify(readSettings())}`);

  const worker = new EngineWorker(vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath, log.child('worker'));
  context.subscriptions.push({ dispose: () => worker.dispose() });

  const ctx: Context = { log, worker };
  for (const [id, factory] of Object.entries(COMMANDS)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, factory(ctx)));
  }
  context.subscriptions.push(
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('takedown')) log.info(`settings changed: ${JSON.stringify(readSettings())}`);
    }),
  );
}

export function deactivate(): void {}
