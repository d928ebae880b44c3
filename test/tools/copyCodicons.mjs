// Copies the codicon font and its stylesheet next to the Investigate page bundle, so that the
// webview loads icons from the extension itself (its CSP allows no other source).
import { copyFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);
const source = path.dirname(require.resolve('@vscode/codicons/dist/codicon.css'));
const target = path.resolve(import.meta.dirname, '..', '..', 'dist', 'webview');
mkdirSync(target, { recursive: true });
for (const name of ['codicon.css', 'codicon.ttf']) copyFileSync(path.join(source, name), path.join(target, name));
