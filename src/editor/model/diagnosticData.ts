import type { VerdictName } from '../../engine/analysis/score';
import type { SourceRange } from '../../engine/deps/model';
import { plainText } from './safeText';
import type { SeverityName, ShownVerdict } from './settings';
import type { VerdictView } from './verdictView';

/** A diagnostic before it becomes a `vscode.Diagnostic`: plain data, so it can be tested without VS Code. */
export interface DiagnosticData {
  range: SourceRange;
  severity: Exclude<SeverityName, 'none'>;
  verdict: ShownVerdict;
  /** `Malicious: name@version — first reason` (plain text, package text made safe). */
  message: string;
  code?: { value: string; target: string };
  /** Evidence inside the package: file and 1-based line, for the `takedown-pkg:` document. */
  related: { path: string; line: number; message: string }[];
  name: string;
  version: string;
}

const SHOWN: readonly VerdictName[] = ['malicious', 'suspicious', 'notable', 'unknown'];
const MAX_RELATED = 5;

export function capitalise(word: string): string {
  return word.charAt(0).toUpperCase() + word.slice(1);
}

export interface DiagnosticOptions {
  severity: Record<ShownVerdict, SeverityName>;
}

/**
 * The diagnostic for one dependency entry, or none (clean, allowed, not scanned yet, or a verdict
 * the user chose not to see). The message always starts with the verdict word, capitalised.
 */
export function diagnosticFor(view: VerdictView | undefined, pkg: { name: string; version: string }, range: SourceRange, options: DiagnosticOptions): DiagnosticData | undefined {
  if (!view || !(SHOWN as readonly string[]).includes(view.verdict)) return undefined;
  const verdict = view.verdict as ShownVerdict;
  const severity = options.severity[verdict];
  if (severity === 'none') return undefined;
  const label = `${plainText(pkg.name, 214)}@${plainText(pkg.version, 64)}`;
  const data: DiagnosticData = {
    range,
    severity,
    verdict,
    message: `${capitalise(verdict)}: ${label} — ${plainText(view.reason, 400)}`,
    related: view.findings
      .filter((f) => f.file && f.line)
      .slice(0, MAX_RELATED)
      .map((f) => ({ path: f.file!, line: f.line!, message: `${f.rule}: ${plainText(f.message, 200)}` })),
    name: pkg.name,
    version: pkg.version,
  };
  if (view.code) data.code = view.code;
  return data;
}

/** One line at the top of a lockfile when the known-malware lookup failed for some of its packages. */
export function lookupUnavailableDiagnostic(unavailable: number, total: number, reason: string, options: DiagnosticOptions): Omit<DiagnosticData, 'name' | 'version'> | undefined {
  const severity = options.severity.unknown;
  if (!unavailable || severity === 'none') return undefined;
  return {
    range: { start: { line: 0, column: 0 }, end: { line: 0, column: 1 } },
    severity,
    verdict: 'unknown',
    message: `Unknown: known-malware lookup unavailable for ${unavailable} of ${total} locked package(s) — ${plainText(reason, 300)}`,
    related: [],
  };
}
