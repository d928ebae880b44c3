import * as vscode from 'vscode';
import type { Logger } from '../../log';
import type { DiagnosticsPresenter } from '../diagnostics';
import type { ScanCoordinator } from '../scanCoordinator';
import { InvestigateController, type InvestigateSnapshot } from './controller';
import { FlaggedTreeProvider } from './flaggedTree';
import { FLAGGED_VIEW, INVESTIGATE_VIEW, InvestigatePanel, InvestigateViewProvider } from './views';

/** What `takedown.internal.investigateState` returns to the extension-host tests. */
export interface InvestigateTestState extends InvestigateSnapshot {
  visible: boolean;
  viewVisible: boolean;
  panelVisible: boolean;
  treeGroups: { label: string; items: string[] }[];
}

/**
 * The Takedown side bar (Flagged tree, Investigate view) and the Investigate editor tab, sharing one
 * controller: whichever shows, shows the same package.
 */
export class InvestigateUi implements vscode.Disposable {
  readonly controller: InvestigateController;
  readonly view: InvestigateViewProvider;
  readonly panel: InvestigatePanel;
  readonly flagged: FlaggedTreeProvider;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(extensionUri: vscode.Uri, coordinator: ScanCoordinator, diagnostics: DiagnosticsPresenter, log: Logger) {
    this.controller = new InvestigateController(extensionUri, coordinator, diagnostics, log);
    this.view = new InvestigateViewProvider(this.controller);
    this.panel = new InvestigatePanel(this.controller);
    this.flagged = new FlaggedTreeProvider(coordinator, diagnostics);
    const tree = vscode.window.createTreeView(FLAGGED_VIEW, { treeDataProvider: this.flagged, showCollapseAll: false });
    const updateBadge = () => {
      const count = this.flagged.current.reduce((n, g) => n + g.items.length, 0);
      tree.badge = count ? { value: count, tooltip: `${count} flagged package version(s)` } : undefined;
    };
    this.disposables.push(
      this.controller,
      this.view,
      this.panel,
      this.flagged,
      tree,
      this.flagged.onDidChangeTreeData(updateBadge),
      vscode.window.registerWebviewViewProvider(INVESTIGATE_VIEW, this.view),
    );
    updateBadge();
  }

  /** Shows a package in the editor tab when one is open, else in the side bar view. */
  async show(name: string, version: string): Promise<void> {
    this.controller.show(name, version);
    if (this.panel.open) this.panel.reveal();
    else await this.view.reveal();
  }

  openInEditor(): void {
    this.panel.reveal();
  }

  testState(): InvestigateTestState {
    return {
      ...structuredClone(this.controller.snapshot),
      visible: this.view.visible || this.panel.visible,
      viewVisible: this.view.visible,
      panelVisible: this.panel.visible,
      treeGroups: this.flagged.current.map((g) => ({ label: g.label, items: g.items.map((i) => i.label) })),
    };
  }

  dispose(): void {
    for (const d of this.disposables) d.dispose();
  }
}
