import type { PackageFile, TextRuleContext } from '../types';

/**
 * What the behaviour text rules read: scripts that are not parsed JavaScript (shell, batch,
 * PowerShell, Python, unparsable JS) and the lifecycle scripts of package.json. Documentation,
 * lockfiles, data and style files are left alone: they mention hosts and commands in prose.
 */

const SCRIPT_EXT = /\.(?:sh|bash|zsh|ksh|command|bat|cmd|ps1|psm1|psd1|py|rb|pl|vbs|vbe|wsf|hta|[cm]?js|jsx|[cm]?ts|tsx|gyp|gypi|mk)$/i;
const SCRIPT_NAME = /^(?:Makefile|Dockerfile|Rakefile|install|preinstall|postinstall|setup|build|configure)$/i;

export function scriptLike(file: PackageFile): boolean {
  const base = file.path.replace(/^.*\//, '');
  if (base === 'package.json') return true;
  if (/\.d\.[cm]?ts$/i.test(base)) return false;
  if (SCRIPT_EXT.test(base) || SCRIPT_NAME.test(base)) return true;
  // Extension-less executables with a shebang.
  return !base.includes('.') && /^#!/.test(file.text?.slice(0, 2) ?? '');
}

export interface TextChunk {
  text: string;
  /** Offset of `text` in the file. */
  offset: number;
  /** `scripts.postinstall` for package.json, the file path otherwise. */
  where: string;
}

const LIFECYCLE = ['preinstall', 'install', 'postinstall', 'prepare', 'preuninstall', 'uninstall', 'postuninstall', 'prepublish', 'preprepare', 'postprepare', 'test', 'pretest', 'start', 'prestart'];

/**
 * The pieces of a file the text rules look at: every script of a package.json (the text of the
 * value, positioned in the file), or the whole file. Nothing for parsed JavaScript: the JS rules
 * read that with the resolver's help.
 */
export function textChunks(ctx: TextRuleContext): TextChunk[] {
  if (ctx.parsed) return [];
  const base = ctx.file.path.replace(/^.*\//, '');
  if (base !== 'package.json') return [{ text: withoutComments(ctx.text, base), offset: 0, where: ctx.file.path }];
  let manifest: unknown;
  try {
    manifest = JSON.parse(ctx.text);
  } catch {
    return [{ text: ctx.text, offset: 0, where: ctx.file.path }];
  }
  const scripts = (manifest as { scripts?: unknown })?.scripts;
  if (!scripts || typeof scripts !== 'object') return [];
  const out: TextChunk[] = [];
  for (const [name, body] of Object.entries(scripts as Record<string, unknown>)) {
    if (typeof body !== 'string' || !body.trim()) continue;
    if (!LIFECYCLE.includes(name) && !/install|setup|build|postinstall/i.test(name)) continue;
    const encoded = JSON.stringify(body).slice(1, -1);
    const at = ctx.text.indexOf(encoded.slice(0, 40));
    out.push({ text: body, offset: at >= 0 ? at : 0, where: `scripts.${name}` });
  }
  return out;
}

/** Is this script file launched by a lifecycle script (`"postinstall": "sh ./scripts/setup.sh"`)? */
export function launchedAtInstall(ctx: TextRuleContext): boolean {
  const scripts = ctx.pkg.manifest.scripts;
  if (!scripts || typeof scripts !== 'object') return false;
  const path = ctx.file.path;
  const base = path.replace(/^.*\//, '');
  for (const key of ['preinstall', 'install', 'postinstall', 'prepare', 'preuninstall', 'postuninstall']) {
    const body = (scripts as Record<string, unknown>)[key];
    if (typeof body === 'string' && (body.includes(path) || body.includes(base))) return true;
  }
  return false;
}

/** Comment lines blanked out (same length, so offsets still point at the right line). */
function withoutComments(text: string, base: string): string {
  const re = /\.(?:bat|cmd)$/i.test(base) ? /^[ \t]*(?:@?rem\b|::).*$/gim : /\.(?:[cm]?[jt]sx?)$/i.test(base) ? /^[ \t]*\/\/.*$/gm : /^[ \t]*#(?!!).*$/gm;
  return text.replace(re, (line) => ' '.repeat(line.length));
}
