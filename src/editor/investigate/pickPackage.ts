import * as vscode from 'vscode';
import { flaggedPackages, safeLabel } from '../model/flaggedPackages';
import { parsePackageInput } from '../model/packageInput';
import type { ScanCoordinator } from '../scanCoordinator';
import { allowedEverywhere } from './flaggedTree';

export type PickedPackage = { kind: 'flagged'; name: string; version: string } | { kind: 'scan'; input: string };

interface Item extends vscode.QuickPickItem {
  pick: PickedPackage;
}

/**
 * Investigate's quick pick: the flagged packages, and whatever the user types that reads as a
 * package (`name@version`, a name, a local folder or .tgz) as a "Scan and investigate" item.
 */
export function pickPackage(coordinator: ScanCoordinator, baseDir: string | undefined): Promise<PickedPackage | undefined> {
  const flagged: Item[] = flaggedPackages(coordinator.states, allowedEverywhere()).map((p) => ({
    label: p.label,
    description: p.verdict,
    detail: p.reason,
    pick: { kind: 'flagged', name: p.name, version: p.version },
  }));
  const quickPick = vscode.window.createQuickPick<Item>();
  quickPick.title = 'Takedown: Investigate';
  quickPick.placeholder = flagged.length ? 'A flagged package, or type name@version to scan one' : 'Nothing flagged: type name@version (or a local folder or .tgz) to scan and investigate it';
  quickPick.matchOnDescription = true;
  quickPick.items = flagged;
  return new Promise((resolve) => {
    let settled = false;
    const finish = (value: PickedPackage | undefined) => {
      if (settled) return;
      settled = true;
      resolve(value);
      quickPick.dispose();
    };
    quickPick.onDidChangeValue((value) => {
      const typed = value.trim();
      const parsed = typed ? parsePackageInput(typed, baseDir) : undefined;
      if (!parsed || 'error' in parsed) {
        quickPick.items = flagged;
        return;
      }
      const scan: Item = { label: `$(search) Scan and investigate ${safeLabel(typed)}`, description: 'fetched and analysed, never installed or run', alwaysShow: true, pick: { kind: 'scan', input: typed } };
      quickPick.items = [scan, ...flagged];
    });
    quickPick.onDidAccept(() => finish(quickPick.selectedItems[0]?.pick));
    quickPick.onDidHide(() => finish(undefined));
    quickPick.show();
  });
}
