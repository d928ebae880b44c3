/**
 * Helpers for tests that run inside the extension host, where `vscode` is the real API of the
 * code-server the test started. Only what the product promises is used: diagnostics with source
 * `Takedown`, hovers, code actions, settings, and the test hook command `takedown.internal.waitForIdle`.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as vscode from 'vscode';
import { packageJsonText, packageLockText, type LockedPackage } from '../workspaceFiles';

export const EXTENSION_ID = 'takedown.takedown';

/** Fixture package names and versions, from the node:test side that published them. */
export interface E2eFixtures {
  registry: string;
  evil: string;
  beacon: string;
  deepEvil: string;
  clean: string;
  /** Harmless code; the fake OSV has a MAL- record for its 1.0.0. */
  knownBad: string;
  /** What a lockfile records for each published version, by `name@version`. */
  lockEntries: Record<string, LockedPackage>;
}

export function fixtures(): E2eFixtures {
  const raw = process.env.TAKEDOWN_E2E_FIXTURES;
  if (!raw) throw new Error('TAKEDOWN_E2E_FIXTURES is not set: run these tests through test/e2e/extensionHost.test.ts');
  return JSON.parse(raw) as E2eFixtures;
}

export function workspaceFile(name: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) throw new Error('no workspace folder is open');
  return vscode.Uri.joinPath(folder.uri, name);
}

export function takedownDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'Takedown');
}

/** Replaces a file's text through an editor edit and saves it; resolves when the save is done. */
export async function editAndSave(uri: vscode.Uri, text: string): Promise<vscode.TextDocument> {
  const document = await vscode.workspace.openTextDocument(uri);
  const edit = new vscode.WorkspaceEdit();
  edit.replace(uri, new vscode.Range(0, 0, document.lineCount, 0), text);
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`the edit of ${uri.fsPath} was refused`);
  if (!(await document.save())) throw new Error(`${uri.fsPath} was not saved`);
  return document;
}

/**
 * Waits until the Takedown diagnostics of `uri` pass `accept`, and returns them. Listens for
 * diagnostic changes rather than polling on a timer, so the time it reports is when VS Code got them.
 */
export function waitForDiagnostics(uri: vscode.Uri, accept: (diagnostics: vscode.Diagnostic[]) => boolean, timeoutMs: number, what: string): Promise<vscode.Diagnostic[]> {
  return new Promise((resolve, reject) => {
    const check = () => {
      const current = takedownDiagnostics(uri);
      if (!accept(current)) return false;
      cleanup();
      resolve(current);
      return true;
    };
    const subscription = vscode.languages.onDidChangeDiagnostics((e) => {
      if (e.uris.some((u) => u.toString() === uri.toString())) check();
    });
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what} on ${path.basename(uri.fsPath)}; Takedown diagnostics now: ${describe(takedownDiagnostics(uri))}`));
    }, timeoutMs);
    const cleanup = () => {
      clearTimeout(timer);
      subscription.dispose();
    };
    check();
  });
}

/** Waits until Takedown has no work queued or running (its test hook). */
export async function waitForIdle(): Promise<void> {
  await vscode.commands.executeCommand('takedown.internal.waitForIdle');
}

export function describe(diagnostics: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(diagnostics.map((d) => ({ line: d.range.start.line, severity: vscode.DiagnosticSeverity[d.severity], message: d.message })));
}

/** The zero-based line on which `needle` first occurs in `text`. */
export function lineOf(text: string, needle: string): number {
  const index = text.indexOf(needle);
  if (index < 0) throw new Error(`${needle} is not in the text`);
  return text.slice(0, index).split('\n').length - 1;
}

/** package.json text as npm writes it. */
export const packageJson = packageJsonText;

/** package-lock.json v3 text for fixture versions (`name@version`): `direct` are in package.json as well, `transitive` only in the lockfile. */
export function packageLock(direct: string[], transitive: string[] = []): string {
  const { lockEntries } = fixtures();
  const locked = (key: string): LockedPackage => {
    const e = lockEntries[key];
    if (!e) throw new Error(`${key} is not a fixture package`);
    return e;
  };
  return packageLockText(direct.map(locked), transitive.map(locked));
}

/** The text of the Takedown output channel's log file (VS Code writes log channels to disk). */
export function takedownLog(): string {
  const root = process.env.TAKEDOWN_E2E_SERVER_ROOT;
  if (!root) throw new Error('TAKEDOWN_E2E_SERVER_ROOT is not set: these tests run in test/e2e/codeServer.ts');
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'Takedown.log') found.push(full);
    }
  };
  walk(path.join(root, 'user-data', 'logs'));
  if (found.length === 0) return '';
  found.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  return readFileSync(found[0]!, 'utf8');
}

export async function waitForLogLine(pattern: RegExp, timeoutMs: number): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const hit = takedownLog().split('\n').find((line) => pattern.test(line));
    if (hit !== undefined) return hit;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for a Takedown log line matching ${pattern}; log:\n${takedownLog()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
