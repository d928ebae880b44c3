import * as vscode from 'vscode';
import { COMMANDS, type Context } from './commands';
import { readSettings } from './config';
import { createLogger } from './log';
import { WorkerPool } from './worker/pool';

/** Wiring only: every behaviour lives in the engine, the worker or a feature module. */
export function activate(context: vscode.ExtensionContext): void {
  const channel = vscode.window.createOutputChannel('Takedown', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  const version = (context.extension.packageJSON as { version?: string }).version ?? 'unknown';
  log.info(`Takedown ${version} activated; settings: ${JSON.stringify(readSettings())}`);

  const workerLog = log.child('worker');
  // Workers start on the first request, so activation stays cheap.
  const worker = new WorkerPool({
    script: vscode.Uri.joinPath(context.extensionUri, 'dist', 'worker.js').fsPath,
    onLog: (level, message) => (level === 'error' ? workerLog.error(message) : level === 'warn' ? workerLog.warn(message) : workerLog.info(message)),
  });
  context.subscriptions.push({ dispose: () => void worker.dispose() });

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
