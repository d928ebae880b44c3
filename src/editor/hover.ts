import * as vscode from 'vscode';
import { readSettings } from '../config';
import { isAllowed } from './model/allowList';
import { HOVER_COMMANDS, hoverMarkdown } from './model/hoverText';
import { verdictView } from './model/verdictView';
import { entryAt, refFor } from './model/workspaceState';
import { toRange } from './diagnostics';
import { modelIsCurrent, type ScanCoordinator } from './scanCoordinator';

/** Hover on a dependency: what Takedown knows about the version it resolves to. Text from packages is escaped in hoverMarkdown. */
export class DependencyHoverProvider implements vscode.HoverProvider {
  constructor(private readonly coordinator: ScanCoordinator) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const file = this.coordinator.files.get(document.uri.toString());
    // The model was parsed from an older text while the user types: positions may not match yet.
    if (!file || !modelIsCurrent(file, document)) return undefined;
    const entry = entryAt(file.model, position.line, position.character);
    if (!entry) return undefined;
    const ref = refFor(file, entry, this.coordinator.trackedLockfiles());
    const state = this.coordinator.states.get(ref.key);
    const settings = readSettings(document.uri);
    const version = ref.version ?? state?.result?.version;
    const allowed = isAllowed(settings.allow, ref.name, version);
    const view = state ? verdictView(state) : undefined;
    const markdown = new vscode.MarkdownString(
      hoverMarkdown({
        name: ref.name,
        ...(version ? { version } : {}),
        ...(ref.spec ? { spec: ref.spec } : {}),
        ...(state ? { state } : {}),
        ...(view ? { view } : {}),
        ...(allowed ? { allowed } : {}),
        ...(ref.notScannable ? { notScanned: ref.notScannable } : !state?.result && !state?.pending ? { notScanned: `outside takedown.scan.scope "${settings.scanScope}" (Scan Workspace scans everything)` } : {}),
        now: new Date(),
      }),
    );
    markdown.isTrusted = { enabledCommands: [...HOVER_COMMANDS] };
    markdown.supportHtml = false;
    markdown.supportThemeIcons = false;
    return new vscode.Hover(markdown, toRange(entry.range));
  }
}
