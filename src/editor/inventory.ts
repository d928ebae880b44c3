import * as vscode from 'vscode';
import { dependencyFileKind, DEPENDENCY_FILE_NAMES } from '../engine/deps/fileNames';
import type { DependencyFile } from '../engine/deps/model';
import type { WorkerPool } from '../worker/pool';
import type { Logger } from '../log';

export interface InventoryItem {
  uri: vscode.Uri;
  model: DependencyFile;
}

const GLOB = `**/{${Object.keys(DEPENDENCY_FILE_NAMES).join(',')}}`;

/** Every dependency file of the open workspace, parsed in the worker (never on the host thread). */
export async function readInventory(worker: WorkerPool, maxBytes: number, log: Logger, token?: vscode.CancellationToken): Promise<InventoryItem[]> {
  const uris = await vscode.workspace.findFiles(GLOB, '**/node_modules/**', 5000, token);
  const items: InventoryItem[] = [];
  for (const uri of uris.sort((a, b) => a.fsPath.localeCompare(b.fsPath))) {
    if (token?.isCancellationRequested) break;
    const kind = dependencyFileKind(uri.path);
    if (!kind) continue;
    try {
      const bytes = await vscode.workspace.fs.readFile(uri);
      const model = await worker.run({ type: 'parseDependencyFile', kind, text: new TextDecoder().decode(bytes), maxBytes });
      items.push({ uri, model });
    } catch (error) {
      log.warn(`could not read ${uri.fsPath}: ${(error as Error).message}`);
    }
  }
  return items;
}
