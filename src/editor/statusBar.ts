import * as vscode from 'vscode';
import { statusText } from './model/statusText';
import type { QueueProgress } from './model/taskQueue';
import type { DiagnosticsPresenter } from './diagnostics';
import type { ScanCoordinator } from './scanCoordinator';

export class StatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('takedown.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(
    private readonly coordinator: ScanCoordinator,
    private readonly diagnostics: DiagnosticsPresenter,
  ) {
    this.item.name = 'Takedown';
    this.item.command = 'workbench.actions.view.problems';
    this.subscriptions.push(coordinator.onProgress(() => this.update()), diagnostics.onDidChangeCounts(() => this.update()));
  }

  update(): void {
    const { text, tooltip } = statusText(this.coordinator.progress, this.diagnostics.counts);
    this.item.text = text;
    this.item.tooltip = tooltip;
    this.item.backgroundColor = this.diagnostics.counts.malicious ? new vscode.ThemeColor('statusBarItem.errorBackground') : this.diagnostics.counts.suspicious ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}

/**
 * A cancellable notification for scans that take a while: it appears once a busy period has lasted
 * `delayMs`, follows the queue's count, and cancelling it stops every queued and running scan.
 */
export class ScanProgressNotification implements vscode.Disposable {
  private timer: NodeJS.Timeout | undefined;
  private showing = false;
  private readonly subscription: vscode.Disposable;

  constructor(
    private readonly coordinator: ScanCoordinator,
    private readonly delayMs = 2000,
  ) {
    this.subscription = coordinator.onProgress((p) => this.onProgress(p));
  }

  private onProgress(p: QueueProgress): void {
    const busy = p.running + p.queued > 0;
    if (!busy) {
      clearTimeout(this.timer);
      this.timer = undefined;
      return;
    }
    if (this.showing || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.coordinator.progress.running + this.coordinator.progress.queued > 0 && this.coordinator.foregroundProgress === 0) this.show();
    }, this.delayMs);
  }

  private show(): void {
    this.showing = true;
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Takedown', cancellable: true }, (progress, token) =>
      new Promise<void>((resolve) => {
        let last = 0;
        const report = (p: QueueProgress) => {
          if (p.running + p.queued === 0) {
            listener.dispose();
            resolve();
            return;
          }
          const fraction = p.total ? (p.done / p.total) * 100 : 0;
          progress.report({ message: `scanning ${Math.min(p.total, p.done + 1)} of ${p.total}`, increment: Math.max(0, fraction - last) });
          last = fraction;
        };
        const listener = this.coordinator.onProgress(report);
        token.onCancellationRequested(() => this.coordinator.cancelAll());
        report(this.coordinator.progress);
      }).finally(() => {
        this.showing = false;
      }),
    );
  }

  dispose(): void {
    clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
