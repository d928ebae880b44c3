import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DependencyEntry, DependencyFile, DependencyFileKind } from './model';
import { ZERO_RANGE } from './text';

/**
 * The last state of a dependency file that Takedown saw, for folders without git history. Only
 * what diffing needs is kept (no ranges: they would point into text that no longer exists).
 */
export interface Snapshot {
  version: 1;
  file: string;
  kind: DependencyFileKind;
  savedAt: string;
  entries: SnapshotEntry[];
}

type SnapshotEntry = [name: string, version: string, spec: string, resolved: string, integrity: string, group: string, alias: string];

export function toSnapshot(file: string, model: DependencyFile, now = new Date()): Snapshot {
  return {
    version: 1,
    file,
    kind: model.kind,
    savedAt: now.toISOString(),
    entries: model.entries.map((e) => [e.name, e.version ?? '', e.spec ?? '', e.resolved ?? '', e.integrity ?? '', e.group ?? '', e.alias ?? '']),
  };
}

export function fromSnapshot(snapshot: Snapshot): DependencyFile {
  const entries = snapshot.entries.map(([name, version, spec, resolved, integrity, group, alias]): DependencyEntry => {
    const entry: DependencyEntry = { name, specKind: 'version', dev: false, optional: false, peer: false, direct: false, workspaces: [], range: ZERO_RANGE };
    if (version) entry.version = version;
    if (spec) entry.spec = spec;
    if (resolved) entry.resolved = resolved;
    if (integrity) entry.integrity = integrity;
    if (group) entry.group = group as DependencyEntry['group'];
    if (alias) entry.alias = alias;
    return entry;
  });
  return { kind: snapshot.kind, workspaces: [], entries, problems: [], fatal: false };
}

/** Snapshots as one small JSON file per dependency file, in a folder the caller owns (VS Code's workspace storage). */
export class SnapshotStore {
  constructor(private readonly folder: string) {}

  private pathFor(file: string): string {
    return path.join(this.folder, `${createHash('sha256').update(file).digest('hex').slice(0, 32)}.json`);
  }

  async get(file: string): Promise<Snapshot | undefined> {
    try {
      const parsed = JSON.parse(await readFile(this.pathFor(file), 'utf8')) as Snapshot;
      return parsed.version === 1 && parsed.file === file && Array.isArray(parsed.entries) ? parsed : undefined;
    } catch {
      return undefined;
    }
  }

  async set(file: string, model: DependencyFile): Promise<void> {
    if (model.fatal) return; // Never replace a good baseline with a broken file.
    await mkdir(this.folder, { recursive: true });
    const target = this.pathFor(file);
    const temp = `${target}.${process.pid}.tmp`;
    await writeFile(temp, JSON.stringify(toSnapshot(file, model)));
    await rename(temp, target);
  }
}
