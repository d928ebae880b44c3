import { randomBytes } from 'node:crypto';
import * as vscode from 'vscode';
import { investigatePageHtml } from '../model/investigate/pageHtml';

/**
 * Webview settings for the Investigate page: scripts (ours, by nonce), no command links, no forms,
 * and only the extension's bundle and media folders readable. Nothing is kept alive while hidden:
 * the page keeps its own state (setState) and the host posts the model again on `ready`.
 */
export function investigateWebviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return {
    enableScripts: true,
    enableCommandUris: false,
    enableForms: false,
    localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')],
  };
}

/** Sets the page's HTML with a fresh nonce; the page then loads and posts `ready`. */
export function renderInvestigatePage(webview: vscode.Webview, extensionUri: vscode.Uri, title?: string): void {
  const asset = (...parts: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...parts)).toString();
  webview.html = investigatePageHtml({
    cspSource: webview.cspSource,
    nonce: randomBytes(16).toString('base64'),
    scriptUri: asset('dist', 'webview', 'investigate.js'),
    styleUris: [asset('dist', 'webview', 'codicon.css'), asset('media', 'investigate.css')],
    ...(title ? { title } : {}),
  });
}
