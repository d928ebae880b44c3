import * as vscode from 'vscode';
import { PACKAGE_SCHEME, packageDocumentPath, parsePackageDocumentPath } from './model/packageUri';
import { summaryText } from './model/summaryText';
import type { ScanCoordinator } from './scanCoordinator';

export function packageFileUri(name: string, version: string, path: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PACKAGE_SCHEME, path: packageDocumentPath({ kind: 'file', name, version, path }) });
}

export function packageSummaryUri(name: string, version: string): vscode.Uri {
  return vscode.Uri.from({ scheme: PACKAGE_SCHEME, path: packageDocumentPath({ kind: 'summary', name, version }) });
}

/**
 * Read-only `takedown-pkg:` documents: a package file as the scanned tarball holds it (read in the
 * worker, capped, never written to disk or run), or the plain-text summary Investigate opens.
 */
export class PackageDocumentProvider implements vscode.TextDocumentContentProvider, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.changed.event;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly coordinator: ScanCoordinator) {
    // A summary that was opened while scanning fills in when the scan ends.
    this.subscription = coordinator.onDidChange(() => {
      for (const doc of vscode.workspace.textDocuments) {
        if (doc.uri.scheme === PACKAGE_SCHEME && parsePackageDocumentPath(doc.uri.path)?.kind === 'summary') this.changed.fire(doc.uri);
      }
    });
  }

  async provideTextDocumentContent(uri: vscode.Uri, token: vscode.CancellationToken): Promise<string> {
    const doc = parsePackageDocumentPath(uri.path);
    if (!doc) return 'Takedown: this address does not name a package document.\n';
    const key = `${doc.name}@${doc.version}`;
    if (doc.kind === 'summary') {
      const state = this.coordinator.states.get(key) ?? { name: doc.name, version: doc.version };
      return summaryText(state, new Date());
    }
    const origin = this.coordinator.origins.get(key);
    const settings = origin?.settings ?? this.coordinator.settingsFor().scan;
    const controller = new AbortController();
    const cancel = token.onCancellationRequested(() => controller.abort());
    try {
      const file = await this.coordinator.readPackageFile({ name: doc.name, version: doc.version, path: doc.path, settings, ...(origin?.localPath ? { source: origin.localPath } : {}) }, controller.signal);
      if (file.text === undefined) return `(${file.note ?? 'not shown'})\n`;
      return file.note ? `${file.text}\n\n(Takedown: ${file.note})\n` : file.text;
    } catch (error) {
      return `(Takedown could not read ${doc.path} from ${key}: ${(error as Error).message})\n`;
    } finally {
      cancel.dispose();
    }
  }

  dispose(): void {
    this.subscription.dispose();
    this.changed.dispose();
  }
}
