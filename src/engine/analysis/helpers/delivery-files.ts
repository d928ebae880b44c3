import type { PackageFile, PackageInput } from '../types';

/** Shell, batch and PowerShell files, by extension or by a shell shebang. */
const SCRIPT_EXTENSION = /\.(?:sh|bash|zsh|ksh|command|bat|cmd|ps1|psm1)$/i;
const SHELL_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+)?(?:ba|z|da|k)?sh\b/;

export function isShellScript(file: PackageFile): boolean {
  if (file.binary || !file.text) return false;
  if (SCRIPT_EXTENSION.test(file.path)) return true;
  // Extension-less files with a shell shebang (bin/setup, install): never .js/.json/.md.
  return !/\.[a-z0-9]{1,5}$/i.test(file.path) && SHELL_SHEBANG.test(file.text.slice(0, 64));
}

/** The gyp files node-gyp reads: binding.gyp and the .gyp/.gypi files next to it. */
export function rootGypFiles(pkg: PackageInput): PackageFile[] {
  return pkg.files.filter((f) => !!f.text && !f.path.includes('/') && /\.gypi?$/i.test(f.path));
}

export interface GypExpansion {
  /** The command, with gyp/JSON string escapes undone. */
  command: string;
  /** Offset of `<!` in the file. */
  offset: number;
  /** `<!@(...)` splits the output into a list; `<!(...)` keeps it whole. */
  list: boolean;
}

/** `<!(cmd)` and `<!@(cmd)`: gyp runs `cmd` in a shell while it generates the build files. */
export function gypExpansions(text: string): GypExpansion[] {
  const out: GypExpansion[] = [];
  let from = 0;
  while (out.length < 100) {
    const at = text.indexOf('<!', from);
    if (at === -1) break;
    const list = text.charCodeAt(at + 2) === 64; /* @ */
    const open = at + (list ? 3 : 2);
    from = at + 2;
    if (text.charCodeAt(open) !== 40 /* ( */) continue;
    let depth = 0;
    let end = -1;
    for (let i = open; i < Math.min(text.length, open + 4000); i++) {
      const c = text.charCodeAt(i);
      if (c === 40) depth++;
      else if (c === 41 && --depth === 0) {
        end = i;
        break;
      } else if (c === 10) break;
    }
    // An unbalanced command (parentheses inside quotes) runs to the end of its string.
    if (end === -1) {
      const stop = text.slice(open + 1).search(/["'](?:\s*[,\]}]|\s*$)/m);
      end = stop === -1 ? Math.min(text.length, open + 400) : open + 1 + stop;
    }
    const command = text.slice(open + 1, end).replace(/\\(["'\\])/g, '$1').trim();
    if (command) out.push({ command, offset: at, list });
    from = end;
  }
  return out;
}

/** C, C++, Objective-C, assembly or Rust sources: what a real native build compiles. */
export function hasNativeSources(pkg: PackageInput): boolean {
  return pkg.files.some((f) => /\.(?:c|cc|cpp|cxx|c\+\+|h|hh|hpp|hxx|m|mm|s|asm|rs|zig|def|rc|idl)$/i.test(f.path));
}

/**
 * gyp expansions that only ask a question of the machine or a build helper: include paths of
 * node-addon-api / nan, pkg-config flags, the architecture. Everything else runs a program.
 */
const PROBE_COMMANDS = /^(?:pkg-config|pkgconf|uname|echo|xcrun|which|where|brew|getconf|dirname|pwd|cygpath|test|type|sw_vers|lsb_release|arch|ldconfig|sysctl|(?:[\w.-]+-config)|pg_config|mysql_config|xcode-select|command\s+-v)(?:\.exe)?(?=\s|$)/i;
const NODE_PRINT = /^(?:"?\$?\{?NODE\}?"?|node(?:js)?(?:\.exe)?)\s+(?:-p|-e|--print|--eval)\s+["']?([\s\S]*?)["']?$/i;
/** Inline node code that only computes a value: no local files, network, processes, files or eval. */
const UNSAFE_NODE_CODE = /(?:require|import)\s*\(\s*\\?["'`](?:\.|\/)|child_process|\bhttps?\b|\bnet\b|\bdns\b|\btls\b|\bfs\b|\bexec|\bspawn|\beval\b|\bFunction\b|\bBuffer\b|\bfetch\b|WebSocket|writeFile|\bvm\b/;
const PYTHON_PRINT = /^python[23]?(?:\.exe)?\s+-c\s+["']\s*(?:import\s+[\w.]+\s*;\s*)*print\s*\(?[^;]*["']?$/i;
/** `<(compiler) -dumpversion | cut -d . -f 1`: asking a compiler or tool for its version. */
const VERSION_PROBE = /^(?:<\([\w.]+\)|cc|gcc|g\+\+|clang|clang\+\+|cl|ld|python[23]?|node)(?:\.exe)?\s+(?:-dumpversion|-dumpmachine|--version|-v|-V)(?:\s*\|\s*(?:cut|head|tr|sed|awk)\b[^|;&`$]*)*$/;

export function isProbeCommand(command: string): boolean {
  const c = command.trim();
  if (PROBE_COMMANDS.test(c) && !/[|;&`]|\$\(/.test(c.replace(/2>\s*\/dev\/null|2>nul/gi, ''))) return true;
  if (VERSION_PROBE.test(c)) return true;
  const node = NODE_PRINT.exec(c);
  if (node) return !UNSAFE_NODE_CODE.test(node[1]!);
  return PYTHON_PRINT.test(c) && !/socket|subprocess|urllib|os\.system|exec\(/.test(c);
}

export interface GypCommand {
  file: PackageFile;
  command: string;
  offset: number;
  kind: 'expansion' | 'action';
}

/**
 * Commands node-gyp runs for a package that ships binding.gyp (npm adds `node-gyp rebuild` as
 * the install script when there is none): command expansions and build actions, minus probes.
 */
export function gypCommands(pkg: PackageInput): GypCommand[] {
  if (!pkg.files.some((f) => f.path === 'binding.gyp')) return [];
  const out: GypCommand[] = [];
  for (const file of rootGypFiles(pkg)) {
    const text = file.text!;
    for (const e of gypExpansions(text)) if (!isProbeCommand(e.command)) out.push({ file, command: e.command, offset: e.offset, kind: 'expansion' });
    for (const m of text.matchAll(/["']action["']\s*:\s*\[([^\]]{1,400})\]/g)) {
      const command = [...m[1]!.matchAll(/["']([^"']*)["']/g)].map((w) => w[1]).join(' ');
      if (command && !/^(?:python[23]?|<\(python\)|<@\(python\))\s+[\w./<>()@-]+\.py\b/.test(command)) out.push({ file, command, offset: m.index!, kind: 'action' });
    }
  }
  return out;
}
