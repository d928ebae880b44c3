import * as vscode from 'vscode';
import { resolveSettings, type EditorSettings, type InspectedValue } from './editor/model/settings';

export { describeSettings } from './editor/model/settings';

export type Settings = EditorSettings;

/**
 * Effective settings for a resource (a dependency file's folder) or the whole window. Validation and
 * the Workspace Trust rule live in editor/model/settings.ts; this only reads VS Code's values.
 */
export function readSettings(scope?: vscode.Uri): Settings {
  const config = vscode.workspace.getConfiguration('takedown', scope);
  return resolveSettings((key) => config.inspect(key) as InspectedValue | undefined, vscode.workspace.isTrusted);
}
