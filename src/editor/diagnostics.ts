import * as vscode from 'vscode';
import type { SourceRange } from '../engine/deps/model';
import { readSettings } from '../config';
import type { DiagnosticData } from './model/diagnosticData';
import { plainText } from './model/safeText';
import { countVerdicts, diagnosticsForFile, type VerdictCounts } from './model/workspaceState';
import { packageFileUri } from './packageDocuments';
import type { ScanCoordinator } from './scanCoordinator';

export const DIAGNOSTIC_SOURCE = 'Takedown';

const SEVERITY: Record<DiagnosticData['severity'], vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
  hint: vscode.DiagnosticSeverity.Hint,
};

export function toRange(r: SourceRange): vscode.Range {
  return new vscode.Range(r.start.line, r.start.column, r.end.line, r.end.column);
}

/**
 * Turns the store into Problems: one diagnostic per flagged entry (package.json range or lockfile
 * entry), plus a line for files that could not be read and for failed known-malware lookups.
 * Recomputed from the store on every change (throttled), so an allow-list edit or a new verdict
 * shows without another scan.
 */
export class DiagnosticsPresenter implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('takedown');
  /** Per file: what each diagnostic is about, for code actions. */
  readonly data = new Map<string, DiagnosticData[]>();
  private timer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  private readonly countsChanged = new vscode.EventEmitter<VerdictCounts>();
  readonly onDidChangeCounts = this.countsChanged.event;
  counts: VerdictCounts = { malicious: 0, suspicious: 0, notable: 0, unknown: 0 };

  constructor(private readonly coordinator: ScanCoordinator) {
    this.subscriptions.push(coordinator.onDidChange(() => this.scheduleRefresh()));
  }

  scheduleRefresh(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.refresh();
    }, 100);
  }

  refresh(): void {
    const lockfiles = this.coordinator.trackedLockfiles();
    const seen = new Set<string>();
    for (const [key, file] of this.coordinator.files) {
      seen.add(key);
      const settings = readSettings(file.uri);
      const computed = diagnosticsForFile(file, this.coordinator.states, lockfiles, settings.allow, { severity: settings.severity });
      const list = computed.entries.map((d) => this.toDiagnostic(d));
      if (computed.lookupUnavailable) list.push(this.toDiagnostic({ ...computed.lookupUnavailable, name: '', version: '' }));
      if (file.model.fatal && settings.severity.unknown !== 'none') {
        for (const p of file.model.problems.filter((x) => x.severity === 'error').slice(0, 5)) {
          const d = new vscode.Diagnostic(toRange(p.range), `Unknown: this file could not be read, so its dependencies were not checked — ${plainText(p.message, 300)}`, SEVERITY[settings.severity.unknown]);
          d.source = DIAGNOSTIC_SOURCE;
          d.code = p.code;
          list.push(d);
        }
      }
      this.data.set(key, computed.entries);
      this.collection.set(file.uri, list);
    }
    for (const key of [...this.data.keys()]) {
      if (seen.has(key)) continue;
      this.data.delete(key);
      this.collection.delete(vscode.Uri.parse(key));
    }
    this.counts = countVerdicts(this.data.values());
    this.countsChanged.fire(this.counts);
  }

  private toDiagnostic(d: DiagnosticData): vscode.Diagnostic {
    const diagnostic = new vscode.Diagnostic(toRange(d.range), d.message, SEVERITY[d.severity]);
    diagnostic.source = DIAGNOSTIC_SOURCE;
    if (d.code) diagnostic.code = { value: d.code.value, target: vscode.Uri.parse(d.code.target, true) };
    if (d.related.length && d.version) {
      diagnostic.relatedInformation = d.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(packageFileUri(d.name, d.version, r.path), new vscode.Position(Math.max(0, r.line - 1), 0)), r.message),
      );
    }
    return diagnostic;
  }

  /** The data behind Takedown diagnostics that overlap `range` in `uri`. */
  at(uri: vscode.Uri, range: vscode.Range): DiagnosticData[] {
    return (this.data.get(uri.toString()) ?? []).filter((d) => toRange(d.range).intersection(range) !== undefined || toRange(d.range).start.line === range.start.line);
  }

  dispose(): void {
    clearTimeout(this.timer);
    for (const s of this.subscriptions) s.dispose();
    this.countsChanged.dispose();
    this.collection.dispose();
  }
}
