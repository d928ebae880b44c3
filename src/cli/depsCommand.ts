import { stat } from 'node:fs/promises';
import path from 'node:path';
import type { DependencyChange } from '../engine/deps/diff';
import { dependencyFileKind } from '../engine/deps/index';
import type { DependencyEntry } from '../engine/deps/model';
import { loadWorkspace, type LoadedFile } from '../engine/deps/workspaceModel';

export interface DepsOptions {
  json: boolean;
  changes: boolean;
}

interface Output {
  write(chunk: string): unknown;
}

/** `takedown deps`: the dependency model of folders or single files, optionally diffed against git. */
export async function runDeps(targets: string[], options: DepsOptions, out: Output): Promise<number> {
  const files: LoadedFile[] = [];
  for (const target of targets) {
    const absolute = path.resolve(target);
    const info = await stat(absolute).catch(() => undefined);
    if (!info) {
      out.write(`${target}: not found\n`);
      return 1;
    }
    if (info.isDirectory()) files.push(...(await loadWorkspace(absolute, { withBaseline: options.changes })));
    else {
      if (!dependencyFileKind(absolute)) {
        out.write(`${target}: not a package.json or a lockfile Takedown reads\n`);
        return 1;
      }
      const loaded = await loadWorkspace(path.dirname(absolute), { withBaseline: options.changes });
      files.push(...loaded.filter((f) => f.path === absolute));
    }
  }
  if (options.json) out.write(`${JSON.stringify(files.map(toJson), null, 2)}\n`);
  else for (const file of files) out.write(describe(file, options.changes));
  return files.some((f) => f.model.fatal) ? 1 : 0;
}

function toJson(file: LoadedFile): unknown {
  return {
    path: file.path,
    kind: file.model.kind,
    formatVersion: file.model.formatVersion,
    fatal: file.model.fatal,
    problems: file.model.problems,
    workspaces: file.model.workspaces,
    entries: file.model.entries,
    ...(file.diff
      ? {
          baseline: { source: file.baseline?.source, detail: file.baseline?.detail },
          added: file.diff.added.map(changeJson),
          changed: file.diff.changed.map(changeJson),
          removed: file.diff.removed.map(changeJson),
        }
      : {}),
  };
}

function changeJson(change: DependencyChange): unknown {
  return { name: change.entry.name, version: change.entry.version, spec: change.entry.spec, previous: change.previous?.version ?? change.previous?.spec, reasons: change.reasons, line: change.entry.range.start.line + 1 };
}

function label(e: DependencyEntry): string {
  const shown = e.alias ? `${e.alias} (${e.name})` : e.name;
  return `${shown}@${e.version ?? e.spec ?? '?'}`;
}

function describe(file: LoadedFile, changes: boolean): string {
  const m = file.model;
  const lines: string[] = [];
  const format = m.formatVersion ? ` v${m.formatVersion}` : '';
  if (m.fatal) {
    lines.push(`${file.path} [${m.kind}${format}] could not be read`);
  } else {
    const direct = m.entries.filter((e) => e.direct).length;
    const dev = m.entries.filter((e) => e.dev).length;
    const foreign = m.entries.filter((e) => !['version', 'range', 'tag', 'alias'].includes(e.specKind));
    lines.push(`${file.path} [${m.kind}${format}] ${m.entries.length} entries (${direct} direct, ${dev} dev)${foreign.length ? `, ${foreign.length} not from the registry` : ''}`);
    for (const e of foreign) lines.push(`  ! ${label(e)} is a ${e.specKind} dependency (line ${e.range.start.line + 1})`);
  }
  for (const p of m.problems) lines.push(`  ${p.severity === 'error' ? 'error' : 'warning'} ${p.code} line ${p.range.start.line + 1}: ${p.message}`);
  if (changes && file.diff) {
    lines.push(`  baseline: ${file.baseline?.source} (${file.baseline?.detail})`);
    for (const c of file.diff.added) lines.push(`  + ${label(c.entry)} (line ${c.entry.range.start.line + 1})`);
    for (const c of file.diff.changed) lines.push(`  ~ ${label(c.entry)} was ${c.previous?.version ?? c.previous?.spec ?? '?'} [${c.reasons.join(', ')}] (line ${c.entry.range.start.line + 1})`);
    for (const c of file.diff.removed) lines.push(`  - ${label(c.entry)}`);
  }
  return `${lines.join('\n')}\n`;
}
