import * as vscode from 'vscode';
import { npmPackageUrl } from '../engine/report/draft';
import type { DiagnosticData } from './model/diagnosticData';
import { removeDependencyEdits } from './model/removeDependency';
import { plainText } from './model/safeText';
import { entryAt } from './model/workspaceState';
import type { DiagnosticsPresenter } from './diagnostics';
import { modelIsCurrent, type ScanCoordinator } from './scanCoordinator';

/** Quick fixes on a flagged dependency line: Investigate, Report, Allow, Open on npm, Remove. */
export class DependencyCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(
    private readonly coordinator: ScanCoordinator,
    private readonly diagnostics: DiagnosticsPresenter,
  ) {}

  provideCodeActions(document: vscode.TextDocument, range: vscode.Range | vscode.Selection): vscode.CodeAction[] {
    const flagged = this.diagnostics.at(document.uri, range).filter((d) => d.version);
    const actions: vscode.CodeAction[] = [];
    const seen = new Set<string>();
    for (const d of flagged) {
      const id = plainText(`${d.name}@${d.version}`, 120);
      if (seen.has(id)) continue;
      seen.add(id);
      const arg = { name: d.name, version: d.version };
      actions.push(this.command(`Takedown: Investigate ${id}`, 'takedown.investigate', [arg]));
      if (d.verdict === 'malicious' || d.verdict === 'suspicious') actions.push(this.command(`Takedown: Report ${id} to OSV`, 'takedown.reportToOsv', [arg]));
      actions.push(this.command(`Takedown: Allow ${id} (workspace setting)`, 'takedown.allowVersion', [{ ...arg, uri: document.uri.toString() }]));
      actions.push(this.command(`Takedown: Open ${plainText(d.name, 120)} on npm`, 'vscode.open', [vscode.Uri.parse(npmPackageUrl(d.name, d.version))]));
      const removal = this.removal(document, d);
      if (removal) actions.push(removal);
    }
    return actions;
  }

  private command(title: string, command: string, args: unknown[]): vscode.CodeAction {
    const action = new vscode.CodeAction(title, vscode.CodeActionKind.QuickFix);
    action.command = { title, command, arguments: args };
    return action;
  }

  /** Remove the dependency from package.json (lockfiles are the package manager's to rewrite). */
  private removal(document: vscode.TextDocument, d: DiagnosticData): vscode.CodeAction | undefined {
    const file = this.coordinator.files.get(document.uri.toString());
    if (!file || file.model.kind !== 'package-json' || !modelIsCurrent(file, document)) return undefined;
    const entry = entryAt(file.model, d.range.start.line, d.range.start.column);
    if (!entry?.group) return undefined;
    const edits = removeDependencyEdits(document.getText(), entry);
    if (!edits.length) return undefined;
    const action = new vscode.CodeAction(`Takedown: Remove ${entry.alias ?? entry.name} from ${entry.group}`, vscode.CodeActionKind.QuickFix);
    const edit = new vscode.WorkspaceEdit();
    for (const e of edits) edit.replace(document.uri, new vscode.Range(document.positionAt(e.offset), document.positionAt(e.offset + e.length)), e.content);
    action.edit = edit;
    return action;
  }
}
