import * as vscode from 'vscode';
import { dependencyFileKind } from '../engine/deps/fileNames';
import { DEPENDENCY_GLOB, isInNodeModules, type ScanCoordinator } from './scanCoordinator';

/**
 * Every package.json and lockfile of every workspace folder, however deep (monorepos), never under
 * node_modules: disk changes (saves, npm install, git checkout) and edits in an open editor before
 * they are saved. The coordinator debounces per file.
 */
export function watchDependencyFiles(coordinator: ScanCoordinator): vscode.Disposable {
  const disposables: vscode.Disposable[] = [];
  const watchers = new Map<string, vscode.Disposable>();
  const watchFolder = (folder: vscode.WorkspaceFolder) => {
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, DEPENDENCY_GLOB));
    watcher.onDidCreate((uri) => coordinator.schedule(uri, 'disk'));
    watcher.onDidChange((uri) => coordinator.schedule(uri, 'disk'));
    watcher.onDidDelete((uri) => coordinator.removed(uri));
    watchers.set(folder.uri.toString(), watcher);
  };
  for (const folder of vscode.workspace.workspaceFolders ?? []) watchFolder(folder);
  const relevant = (doc: vscode.TextDocument) => doc.uri.scheme !== 'takedown-pkg' && !!dependencyFileKind(doc.uri.path) && !isInNodeModules(doc.uri) && !!vscode.workspace.getWorkspaceFolder(doc.uri);
  disposables.push(
    vscode.workspace.onDidChangeWorkspaceFolders((e) => {
      for (const folder of e.removed) {
        watchers.get(folder.uri.toString())?.dispose();
        watchers.delete(folder.uri.toString());
      }
      for (const folder of e.added) watchFolder(folder);
      if (e.added.length) void coordinator.discover();
    }),
    vscode.workspace.onDidChangeTextDocument((e) => {
      if (e.contentChanges.length && relevant(e.document)) coordinator.schedule(e.document.uri, 'editor');
    }),
    vscode.workspace.onDidSaveTextDocument((doc) => {
      if (!relevant(doc)) return;
      coordinator.schedule(doc.uri, 'disk', 0);
    }),
  );
  return new vscode.Disposable(() => {
    for (const w of watchers.values()) w.dispose();
    for (const d of disposables) d.dispose();
  });
}
