import type { AllowEntry } from './allowList';
import { capitalise } from './diagnosticData';
import { markdownText } from './safeText';
import { osvRecordUrl, type PackageState, type VerdictView } from './verdictView';

/** The only commands a hover may run (MarkdownString `isTrusted.enabledCommands`). */
export const HOVER_COMMANDS = ['takedown.investigate', 'takedown.reportToOsv', 'takedown.allowVersion', 'takedown.openPackageFile', 'takedown.scanPackage'] as const;
type HoverCommand = (typeof HOVER_COMMANDS)[number];

export interface HoverInput {
  name: string;
  version?: string;
  spec?: string;
  state?: PackageState;
  view?: VerdictView;
  allowed?: AllowEntry;
  /** Why nothing was scanned for this entry, when it was not (scope, not a registry package). */
  notScanned?: string;
  now: Date;
}

const MAX_FINDINGS = 5;
const MAX_RECORDS = 5;

/** A command link; arguments are JSON, percent-encoded including the characters Markdown would read as link syntax. */
export function commandLink(label: string, command: HoverCommand, args: unknown[], tooltip?: string): string {
  const encoded = encodeURIComponent(JSON.stringify(args)).replace(/[()'!*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `[${label}](command:${command}?${encoded}${tooltip ? ` "${tooltip.replace(/["\\]/g, '')}"` : ''})`;
}

export function relativeAge(iso: string | undefined, now: Date): string | undefined {
  if (!iso) return undefined;
  const time = Date.parse(iso);
  if (!Number.isFinite(time)) return undefined;
  const hours = (now.getTime() - time) / 3_600_000;
  if (hours < 0) return 'in the future';
  if (hours < 1) return 'less than an hour ago';
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'} ago`;
  const days = Math.floor(hours / 24);
  return days < 60 ? `${days} days ago` : `${Math.floor(days / 30)} months ago`;
}

/**
 * The hover for one dependency: verdict and score, top findings with file:line, known OSV records,
 * registry facts, and our own command links. Every string that came from a package or a registry
 * goes through `markdownText`, so it shows as typed and can never become a link or markup.
 */
export function hoverMarkdown(input: HoverInput): string {
  const { view, state } = input;
  const version = input.version ?? state?.result?.version ?? state?.version;
  const label = `${input.name}@${version ?? input.spec ?? ''}`;
  const lines: string[] = [];
  const pkgArg = { name: input.name, ...(version ? { version } : {}) };

  if (input.allowed) {
    lines.push(`**Takedown: allowed** ${markdownText(label)}`, '');
    lines.push(`Allowed by ${markdownText(input.allowed.by ?? 'someone')}${input.allowed.at ? ` on ${markdownText(input.allowed.at.slice(0, 10))}` : ''} (\`takedown.allow\`).`);
    return lines.join('\n');
  }
  if (!view) {
    const status = state?.pending ? 'scanning…' : input.notScanned ? `not scanned: ${markdownText(input.notScanned)}` : 'not scanned yet';
    lines.push(`**Takedown:** ${markdownText(label)} — ${status}`);
    if (state?.knownMalware?.status === 'none') lines.push('', 'No known-malware record names this version (OSV).');
    if (!state?.pending) lines.push('', commandLink('Scan this package', 'takedown.scanPackage', [`${input.name}@${version ?? input.spec ?? 'latest'}`]));
    return lines.join('\n');
  }

  const score = view.score !== undefined && view.verdict !== 'unknown' ? ` — score ${view.score.toFixed(1)}/10` : '';
  lines.push(`**Takedown: ${capitalise(view.verdict)}**${score} — ${markdownText(label)}`, '');
  lines.push(markdownText(view.reason, 400));
  if (view.findings.length) {
    lines.push('', '**Findings**', '');
    for (const f of view.findings.slice(0, MAX_FINDINGS)) {
      const where = f.file
        ? ` — ${version ? commandLink(`${markdownText(f.file, 120)}${f.line ? `:${f.line}` : ''}`, 'takedown.openPackageFile', [{ ...pkgArg, version, path: f.file, line: f.line ?? 1 }], 'Open the file from the package (read-only)') : `${markdownText(f.file, 120)}${f.line ? `:${f.line}` : ''}`}`
        : '';
      lines.push(`- ${markdownText(f.rule, 60)} (${markdownText(f.severity, 10)}): ${markdownText(f.message, 200)}${where}`);
    }
    if (view.findings.length > MAX_FINDINGS) lines.push(`- … ${view.findings.length - MAX_FINDINGS} more (Investigate)`);
  }
  if (view.knownRecords.length) {
    lines.push('', '**Known malware (OSV)**', '');
    for (const r of view.knownRecords.slice(0, MAX_RECORDS)) {
      const url = osvRecordUrl(r.id);
      const id = url ? `[${markdownText(r.id, 80)}](${url})` : markdownText(r.id, 80);
      lines.push(`- ${id}${r.summary ? `: ${markdownText(r.summary, 200)}` : ''}`);
    }
  }
  if (view.lookupUnavailable) lines.push('', `Known-malware lookup unavailable: ${markdownText(view.lookupUnavailable, 200)}`);
  const registry = state?.result?.registry;
  if (registry) {
    const facts: string[] = [];
    const age = relativeAge(registry.publishedAt, input.now);
    if (registry.publishedAt) facts.push(`published ${age ? `${age} ` : ''}(${markdownText(registry.publishedAt.slice(0, 16).replace('T', ' '))} UTC)`);
    if (registry.publisher) facts.push(`by ${markdownText(registry.publisher, 80)}`);
    if (registry.previousVersion) facts.push(`previous version ${markdownText(registry.previousVersion, 64)}`);
    if (registry.removedByNpm?.probably) facts.push(`npm removed it: ${markdownText(registry.removedByNpm.reason, 120)}`);
    if (facts.length) lines.push('', `**Registry:** ${facts.join(', ')}`);
  }
  const actions = [commandLink('Investigate', 'takedown.investigate', [pkgArg], 'Open a summary of this package')];
  if (version && view.verdict !== 'clean') {
    actions.push(commandLink('Report to OSV', 'takedown.reportToOsv', [pkgArg], 'Draft an OSV malware record'));
    actions.push(commandLink('Allow this version', 'takedown.allowVersion', [pkgArg], 'Record in takedown.allow (workspace settings)'));
  }
  lines.push('', actions.join(' · '));
  return lines.join('\n');
}
