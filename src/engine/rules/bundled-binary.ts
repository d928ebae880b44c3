import { executableMagic, type ExecutableKind } from '../analysis/helpers/concealment-content';
import type { PackageFile, PackageInput, Rule, Severity } from '../analysis/types';

/** Extensions an executable or native library may honestly have (or none at all). */
const EXECUTABLE_EXT = /\.(?:exe|dll|so(?:\.\d+)*|dylib|node|bin|sys|ocx|scr|com|msi|elf|out|a|o|lib|pyd|bundle|framework|wasm)$/i;
const NATIVE_EXT = /\.(?:exe|dll|so(?:\.\d+)*|dylib|node|scr|sys|ocx)$/i;
/** Dependencies that build or load native addons. */
const NATIVE_DEPS = new Set([
  'node-gyp', 'node-gyp-build', 'node-gyp-build-optional-packages', 'prebuild', 'prebuild-install', 'prebuildify', 'node-pre-gyp', '@mapbox/node-pre-gyp',
  'nan', 'node-addon-api', 'bindings', 'cmake-js', '@napi-rs/cli', 'napi-build-utils', 'neon-cli', '@neon-rs/load', '@neon-rs/cli', 'detect-libc',
  'pkg-prebuilds', 'node-abi', 'electron-rebuild', '@electron/rebuild', 'node-napi-rs', 'napi-rs',
]);
/** Platform packages are named for an OS and an architecture: `@esbuild/linux-x64`, `swc-win32-arm64-msvc`. */
const PLATFORM_OS = /(?:^|[-_./@])(?:linux|linuxmusl|darwin|macos|osx|win32|windows|win|freebsd|openbsd|android|sunos|aix)(?:[-_.]|$)/i;
const PLATFORM_ARCH = /(?:^|[-_.])(?:x64|x86_64|arm64|aarch64|ia32|x86|armv7l?|arm|ppc64|s390x|riscv64|loong64|universal)(?:[-_.]|$)/i;
const PURE_JS = /\b(?:pure[- ]?(?:js|javascript)|no native|without native|zero[- ]dependenc|100% javascript|vanilla js)\b/i;
/** A description that explains shipping binaries (a native helper, a platform tool). */
const DECLARED = /\b(?:native|binar(?:y|ies)|executables?|prebuilt|compiled|windows|macos|mac os|linux|ffmpeg|toast|notif\w*)\b/i;
const LAUNCH = /\b(?:exec|execSync|execFile|execFileSync|spawn|spawnSync|fork|start-process|start)\b/i;
const REGISTER = /\b(?:rundll32|regsvr32|installutil|regasm)\b/i;
const TEXT_FILE = /\.(?:[cm]?[jt]sx?|json|sh|bat|cmd|ps1|py)$/i;
const INSTALL_SCRIPTS = ['preinstall', 'install', 'postinstall'];

interface Shipped {
  file: PackageFile;
  kind: ExecutableKind | 'native';
  disguised: boolean;
}

/**
 * Executables and native libraries in a package: ELF, PE and Mach-O by their magic bytes, and
 * `.node`/`.exe`/`.dll`/`.so`/`.dylib` by name. Platform packages (esbuild, swc, sharp, rollup…)
 * say so with `os`/`cpu` fields, a platform name, binding.gyp or a native-build dependency, and
 * stay quiet. An executable under a non-executable name (`.png`, `.js`, `.txt`) is reported
 * whatever the package.
 */
const rule: Rule = {
  type: 'package',
  meta: {
    id: 'bundled-binary',
    kind: 'threat',
    category: 'binary',
    severity: 'medium',
    specificity: 'medium',
    description: 'Executables or native libraries shipped in a package that has no native-addon signals, or disguised under another extension.',
  },
  check(context) {
    const pkg = context.pkg;
    const shipped: Shipped[] = [];
    for (const file of pkg.files) {
      const magic = file.binary || file.text === undefined ? executableMagic(file.head) : undefined;
      const base = file.path.split('/').pop() ?? file.path;
      const hasExt = /\.[A-Za-z0-9]{1,10}$/.test(base);
      if (magic) shipped.push({ file, kind: magic, disguised: hasExt && !EXECUTABLE_EXT.test(base) });
      else if (NATIVE_EXT.test(base) && file.binary) shipped.push({ file, kind: 'native', disguised: false });
    }
    if (!shipped.length) return;

    const native = nativeSignals(pkg);
    const installs = installScripts(pkg);
    const description = String(pkg.manifest.description ?? '');
    const pureJs = PURE_JS.test(description);
    const declared = !pureJs && DECLARED.test(description);
    let reported = 0;
    for (const s of shipped) {
      if (reported >= 3) break;
      const label = s.kind === 'native' ? 'a native binary' : s.kind === 'PE' ? 'a Windows executable (PE)' : s.kind === 'ELF' ? 'an ELF executable' : 'a Mach-O executable';
      if (s.disguised) {
        context.report({ file: s.file.path, severity: 'high', message: `Ships ${label} named ${s.file.path.split('/').pop()}: an executable disguised under a non-executable extension.`, indicators: [{ type: 'path', value: s.file.path }] });
        reported++;
        continue;
      }
      const use = launchedBy(pkg, s.file.path);
      if (use?.register) {
        context.report({ file: s.file.path, severity: 'high', message: `Ships ${label} (${s.file.path}) that ${use.file} registers or loads with ${use.register}.`, indicators: [{ type: 'path', value: s.file.path }] });
        reported++;
        continue;
      }
      const atInstall = installs && runsAtInstall(pkg, s.file.path, use?.file);
      if ((native && !pureJs) || (declared && !atInstall)) continue;
      const why: string[] = [];
      if (!native) why.push('the package has no native-addon signals (binding.gyp, os/cpu fields, node-gyp or prebuild dependencies)');
      if (pureJs) why.push('its description says it is pure JavaScript');
      if (use) why.push(`${use.file} starts it`);
      if (atInstall) why.push(`the ${installs} script leads to it, so it runs at install time`);
      // Vendored helpers that a tool starts on demand are everyday (process lists, notifiers,
      // file watchers); a binary started by the install script is the dropper pattern.
      const level = atInstall ? 2 : pureJs && use ? 1 : 0;
      const severity: Severity = level >= 2 ? 'high' : level === 1 ? 'medium' : 'low';
      context.report({ file: s.file.path, severity, message: `Ships ${label} (${s.file.path}) although ${why.join(', and ')}.`, indicators: [{ type: 'path', value: s.file.path }] });
      reported++;
    }
    if (shipped.length > reported && reported > 0 && !native) {
      context.report({ severity: 'info', message: `${shipped.length - reported} more executable or native files are shipped.` });
    }
  },
};

/** The package file that starts (or registers) a shipped binary: its name on a line that launches something. */
function launchedBy(pkg: PackageInput, binaryPath: string): { file: string; register?: string } | undefined {
  const base = binaryPath.split('/').pop() ?? binaryPath;
  if (base.length < 3) return undefined;
  let found: { file: string; register?: string } | undefined;
  for (const f of pkg.files) {
    if (f.text === undefined || !TEXT_FILE.test(f.path) || !f.text.includes(base)) continue;
    for (const line of f.text.split('\n')) {
      if (!line.includes(base)) continue;
      const register = REGISTER.exec(line);
      if (register) return { file: f.path, register: register[0] };
      if (LAUNCH.test(line)) found ??= { file: f.path };
    }
  }
  // `execFile(path.join(__dirname, 'bin', name))`: the launch and the name on different lines of a small file.
  for (const f of pkg.files) {
    if (f.text === undefined || f.text.length > 20_000 || !TEXT_FILE.test(f.path) || !f.text.includes(base.replace(/\.[^.]+$/, ''))) continue;
    const register = REGISTER.exec(f.text);
    if (register) return { file: f.path, register: register[0] };
    if (/child_process/.test(f.text) && LAUNCH.test(f.text)) found ??= { file: f.path };
  }
  if (found) return found;
  return undefined;
}

/** binding.gyp, gypfile, os/cpu/libc fields, a napi/binary field, native-build dependencies, prebuilds/, a platform package name. */
function nativeSignals(pkg: PackageInput): boolean {
  const m = pkg.manifest;
  // `os` alone (a Windows-only tool) is not a build signal; platform packages declare os and cpu.
  if (m.gypfile === true || m.binary !== undefined || m.napi !== undefined || (m.os !== undefined && m.cpu !== undefined) || m.libc !== undefined) return true;
  if (PLATFORM_OS.test(pkg.name) && PLATFORM_ARCH.test(pkg.name)) return true;
  for (const field of ['dependencies', 'devDependencies', 'optionalDependencies', 'peerDependencies', 'bundleDependencies']) {
    const deps = m[field];
    if (deps && typeof deps === 'object' && !Array.isArray(deps) && Object.keys(deps).some((d) => NATIVE_DEPS.has(d))) return true;
  }
  const scripts = m.scripts;
  if (scripts && typeof scripts === 'object') {
    for (const s of Object.values(scripts as Record<string, unknown>)) if (typeof s === 'string' && /node-gyp|prebuild|node-pre-gyp|cmake-js|napi /.test(s)) return true;
  }
  // prebuilds/ and build/Release/ only mean something with a loader dependency (checked above).
  return pkg.files.some((f) => f.path === 'binding.gyp' || /(?:^|\/)bin\/(?:linux|darwin|win32)[^/]*\//.test(f.path));
}

/** Whether an install script names the binary, or runs (`node x`, `node .`) the file that starts it or a file that requires that one. */
function runsAtInstall(pkg: PackageInput, binaryPath: string, launcher: string | undefined): boolean {
  const scripts = pkg.manifest.scripts as Record<string, unknown>;
  const base = binaryPath.split('/').pop() ?? binaryPath;
  const main = typeof pkg.manifest.main === 'string' ? pkg.manifest.main : 'index.js';
  for (const key of INSTALL_SCRIPTS) {
    const script = scripts[key];
    if (typeof script !== 'string') continue;
    if (script.includes(base)) return true;
    if (!launcher) continue;
    const m = /\bnode\s+(?:-\S+\s+)*([^\s&|;]+)/.exec(script);
    if (!m) continue;
    let target = m[1]!.replace(/^\.\//, '');
    if (target === '.' || target === '') target = main.replace(/^\.\//, '');
    if (!/\.[cm]?js$/.test(target)) target = pkg.files.some((f) => f.path === `${target}.js`) ? `${target}.js` : `${target}/index.js`.replace(/^\//, '');
    if (target === launcher) return true;
    const text = pkg.files.find((f) => f.path === target)?.text;
    const launcherModule = launcher.replace(/\.[cm]?js$/, '');
    if (text && (text.includes(launcherModule) || text.includes(`./${launcherModule.split('/').pop()}`))) return true;
  }
  return false;
}

function installScripts(pkg: PackageInput): string | undefined {
  const scripts = pkg.manifest.scripts;
  if (!scripts || typeof scripts !== 'object') return undefined;
  const found = INSTALL_SCRIPTS.filter((k) => typeof (scripts as Record<string, unknown>)[k] === 'string');
  return found.length ? found.join('/') : undefined;
}

export default rule;
