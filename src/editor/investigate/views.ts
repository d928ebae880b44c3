import * as vscode from 'vscode';
import { safeLabel } from '../model/flaggedPackages';
import type { InvestigateController, PageSurface } from './controller';
import { investigateWebviewOptions } from './webviewPage';

export const INVESTIGATE_VIEW = 'takedown.investigate';
export const FLAGGED_VIEW = 'takedown.flagged';
const PANEL_TYPE = 'takedown.investigatePanel';

/** The Investigate view in the Takedown side bar. */
export class InvestigateViewProvider implements vscode.WebviewViewProvider, vscode.Disposable {
  private view: vscode.WebviewView | undefined;
  private surface: PageSurface | undefined;

  constructor(private readonly controller: InvestigateController) {}

  get visible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.view = view;
    view.webview.options = investigateWebviewOptions(this.controller.extensionUri);
    const surface = this.controller.attach(view.webview);
    this.surface = surface;
    const subscriptions = [
      // Not kept alive while hidden: shown again, it is a new page (with a new nonce).
      view.onDidChangeVisibility(() => (view.visible ? surface.load() : surface.hidden())),
      this.controller.onDidChangeSelection(() => this.updateDescription()),
    ];
    view.onDidDispose(() => {
      for (const s of subscriptions) s.dispose();
      surface.dispose();
      if (this.view === view) this.view = undefined;
    });
    this.updateDescription();
  }

  private updateDescription(): void {
    const current = this.controller.current;
    if (this.view) this.view.description = current ? safeLabel(`${current.name}@${current.version}`) : undefined;
  }

  /** Opens the side bar on the Investigate view. */
  async reveal(): Promise<void> {
    if (this.view) {
      try {
        this.view.show(true);
        return;
      } catch {
        this.view = undefined;
      }
    }
    await vscode.commands.executeCommand(`${INVESTIGATE_VIEW}.focus`);
  }

  dispose(): void {
    this.surface?.dispose();
  }
}

/** Investigate as an editor tab, for more room; one at a time. */
export class InvestigatePanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: InvestigateController) {
    this.subscription = controller.onDidChangeSelection(() => {
      if (this.panel) this.panel.title = this.title();
    });
  }

  get open(): boolean {
    return this.panel !== undefined;
  }

  get visible(): boolean {
    return this.panel?.visible ?? false;
  }

  private title(): string {
    const current = this.controller.current;
    return current ? `Investigate ${safeLabel(`${current.name}@${current.version}`, 80)}` : 'Investigate';
  }

  reveal(): void {
    if (this.panel) {
      // A panel closed a moment ago may not have reported its disposal yet: then open a new one.
      try {
        this.panel.reveal(undefined, true);
        return;
      } catch {
        this.panel = undefined;
      }
    }
    const panel = vscode.window.createWebviewPanel(PANEL_TYPE, this.title(), { viewColumn: vscode.ViewColumn.Active, preserveFocus: false }, { ...investigateWebviewOptions(this.controller.extensionUri), retainContextWhenHidden: false });
    panel.iconPath = vscode.Uri.joinPath(this.controller.extensionUri, 'media', 'takedown.svg');
    this.panel = panel;
    const surface = this.controller.attach(panel.webview);
    let wasVisible = panel.visible;
    const state = panel.onDidChangeViewState(() => {
      if (panel.visible && !wasVisible) surface.load();
      else if (!panel.visible) surface.hidden();
      wasVisible = panel.visible;
    });
    panel.onDidDispose(() => {
      state.dispose();
      surface.dispose();
      if (this.panel === panel) this.panel = undefined;
    });
  }

  dispose(): void {
    this.subscription.dispose();
    this.panel?.dispose();
  }
}
