import * as vscode from 'vscode';
import type { ScanScope } from './engine/deps/select';

export interface Settings {
  scanScope: ScanScope;
  maxDependencyFileBytes: number;
}

const SCOPES: readonly ScanScope[] = ['added', 'direct', 'all'];

/** Effective settings, validated: a hand-edited settings.json with a wrong type falls back to the default. */
export function readSettings(): Settings {
  const config = vscode.workspace.getConfiguration('takedown');
  const scope = config.get<string>('scan.scope', 'direct');
  const mb = config.get<number>('limits.maxDependencyFileMB', 32);
  return {
    scanScope: (SCOPES as readonly string[]).includes(scope) ? (scope as ScanScope) : 'direct',
    maxDependencyFileBytes: Number.isFinite(mb) && mb > 0 ? Math.min(mb, 512) * 1024 * 1024 : 32 * 1024 * 1024,
  };
}
