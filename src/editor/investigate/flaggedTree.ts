import * as vscode from 'vscode';
import { readSettings } from '../../config';
import type { AllowEntry } from '../model/allowList';
import type { DiagnosticsPresenter } from '../diagnostics';
import { flaggedPackages, groupFlagged, listedInWorkspace, type FlaggedGroup, type FlaggedPackage } from '../model/flaggedPackages';
import type { ShownVerdict } from '../model/settings';
import type { ScanCoordinator } from '../scanCoordinator';

const ICONS: Record<ShownVerdict, vscode.ThemeIcon> = {
  malicious: new vscode.ThemeIcon('error', new vscode.ThemeColor('errorForeground')),
  suspicious: new vscode.ThemeIcon('warning', new vscode.ThemeColor('editorWarning.foreground')),
  unknown: new vscode.ThemeIcon('question'),
  notable: new vscode.ThemeIcon('info', new vscode.ThemeColor('editorInfo.foreground')),
};

type Node = FlaggedGroup | FlaggedPackage;

function isGroup(node: Node): node is FlaggedGroup {
  return 'items' in node;
}

/** Allowed versions from the workspace and from each folder (takedown.allow is resource-scoped). */
export function allowedEverywhere(): AllowEntry[] {
  const folders = vscode.workspace.workspaceFolders ?? [];
  return [...readSettings().allow, ...folders.flatMap((f) => readSettings(f.uri).allow)];
}

/**
 * The Flagged view: every flagged package version the store knows, by verdict. Labels, descriptions
 * and tooltips are plain strings (package text never reaches Markdown or codicon syntax here).
 */
export class FlaggedTreeProvider implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groups: FlaggedGroup[] = [];
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly coordinator: ScanCoordinator,
    private readonly diagnostics: DiagnosticsPresenter,
  ) {
    this.compute();
    this.subscriptions.push(
      coordinator.onDidChange(() => this.scheduleRefresh()),
      // Membership follows the diagnostics: a dependency removed from its file leaves the view.
      diagnostics.onDidChangeCounts(() => this.scheduleRefresh()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('takedown.allow')) this.scheduleRefresh();
      }),
      vscode.workspace.onDidGrantWorkspaceTrust(() => this.scheduleRefresh()),
    );
  }

  /** What the tree shows now (for the test hook). */
  get current(): readonly FlaggedGroup[] {
    return this.groups;
  }

  scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 250);
  }

  refresh(): void {
    this.compute();
    this.changed.fire();
  }

  private compute(): void {
    const listed = listedInWorkspace([...this.diagnostics.data.values()].flat(), this.coordinator.requested);
    this.groups = groupFlagged(flaggedPackages(this.coordinator.states, allowedEverywhere(), listed));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups;
    return isGroup(node) ? node.items : [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (isGroup(node)) {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${node.verdict}`;
      item.iconPath = ICONS[node.verdict];
      item.contextValue = 'takedown.flaggedGroup';
      return item;
    }
    const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
    item.id = `package:${node.verdict}:${node.name}@${node.version}`;
    item.description = node.reason;
    item.tooltip = `${node.label}\n${node.verdict}: ${node.reason}`;
    item.iconPath = ICONS[node.verdict];
    item.contextValue = 'takedown.flaggedPackage';
    item.command = { title: 'Investigate', command: 'takedown.investigate', arguments: [{ name: node.name, version: node.version }] };
    return item;
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.changed.dispose();
  }
}
