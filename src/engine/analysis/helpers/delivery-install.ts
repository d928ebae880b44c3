import type { PackageInput } from '../types';

/**
 * What honest install scripts look like. A script made only of these commands builds or fetches
 * the package's own native code, sets up git hooks for its developers, or prints a message.
 */
const HONEST_SEGMENTS: RegExp[] = [
  /^(?:npx\s+)?node-gyp(?:-build(?:-optional|-test)?)?(?:\s+(?:rebuild|build|configure|install|clean))*(?:\s+--?[\w=.,:/-]+)*$/,
  /^(?:npx\s+)?prebuild-install(?:\s+--?[\w=.,:/-]+)*(?:\s+(?:napi|node|electron))?(?:\s+--?[\w=.,:/-]+)*$/,
  /^(?:npx\s+)?(?:@mapbox\/)?node-pre-gyp\s+(?:install|rebuild|build)(?:\s+--?[\w=.,:/-]+)*$/,
  /^(?:npx\s+)?cmake-js\s+(?:compile|rebuild|build)(?:\s+--?[\w=.,:/-]+)*$/,
  /^(?:npx\s+)?(?:napi-postinstall|pkg-prebuilds-verify|node-gyp-build-optional-packages)(?:\s+[\w@./^~-]+)*$/,
  /^(?:npx\s+)?husky(?:\s+install)?(?:\s+[\w./-]+)?$/,
  /^(?:npx\s+)?(?:is-ci|not-in-install|in-publish|not-in-publish|in-install)$/,
  /^(?:npx\s+)?(?:lefthook|simple-git-hooks|git-hooks)(?:\s+install)?$/,
  /^(?:npx\s+)?patch-package(?:\s+--?[\w=.,:/-]+)*$/,
  /^(?:npx\s+)?opencollective(?:-postinstall|\s+postinstall)?(?:\s+--?[\w=.-]+)*$/,
  /^(?:npx\s+)?ngcc(?:\s+(?:--?[\w=.,-]+|[\w,.-]+))*$/,
  /^(?:npx\s+)?only-allow\s+[\w-]+$/,
  /^(?:npx\s+)?electron-builder\s+install-app-deps$/,
  /^(?:exit\s+0|exit|true|:|\(:\)|cd\s+[\w./-]+)$/,
  /^echo(?:\s+[^>|&;<`$]*)?$/,
];

/** Packages whose own install script is a well-known `node <file>` step (binary download, notices). */
const KNOWN_INSTALLERS = new Set([
  'esbuild', 'pnpm', 'core-js', 'core-js-pure', 'core-js-bundle', 'es5-ext', 'sharp', 'puppeteer', 'puppeteer-core', 'electron',
  'cypress', '@swc/core', 'nodemon', 'protobufjs', 'styled-components', 'vue-demi', 'msw', 'nx', '@prisma/client', 'prisma',
  '@prisma/engines', '@sentry/cli', 'node-sass', 'chromedriver', 'geckodriver', 'phantomjs-prebuilt', 'playwright', 'playwright-core',
  'ssh2', 'cpu-features', 'yarn', '@biomejs/biome', '@tailwindcss/oxide', 'bun', '@vscode/ripgrep', 'vscode-ripgrep', 'deasync',
  'spawn-sync', 'ejs', 'aws-sdk', 'highlight.js', '@nestjs/core', '@angular/cli', 'husky', 'unrs-resolver', 'lefthook', 'ngrok',
  'electron-chromedriver', 'iltorb', 'fibers', 'uws', 'edgedriver', 'appium', 'sqlite3', 'better-sqlite3', 'canvas', 'bcrypt',
  '@parcel/watcher', 'workerd', 'wrangler', '@sentry/profiling-node', 'turbo', '@nrwl/cli', 'lmdb', 'msgpackr-extract', 'dtrace-provider',
  'postinstall-postinstall', 'typeorm', 'node-pty', 'zeromq', 'nodegit', 'grpc-tools', 'electron-winstaller', 'iconv-corefoundation', 'gifsicle', 'mozjpeg', 'optipng-bin', 'pngquant-bin', 'jpegtran-bin', 'cwebp-bin',
]);

/** `node install.js`, `node ./scripts/postinstall.js || exit 0`, `node -e "try{require('./postinstall')}catch(e){}"`. */
const NODE_LOCAL = /^node\s+-e\s+["']import\(\s*\\?['"]\.\.?\/[\w./-]+\\?['"]\s*\)\.catch\([^"']*\)["']$|^(?:node|nodejs)(?:\s+--[\w-]+)*\s+(?:\.{0,2}\/)?[\w./-]+(?:\s+(?:--?[\w=.:-]+|[\w.:-]+))*$|^node\s+-e\s+["']try\s*\{\s*require\(\s*\\?['"]\.\.?\/[\w./-]+\\?['"]\s*\)\s*;?\s*\}\s*catch\s*\(\s*\w*\s*\)\s*\{\s*\}\s*["']$/;

export function splitCommands(body: string): string[] {
  return body.split(/\s*(?:&&|\|\||;|\|)\s*/).map((s) => s.trim()).filter(Boolean);
}

const PLATFORM_PACKAGE = /(?:^|[/-])(?:linux|darwin|win32|windows|freebsd|android|macos|musl)(?:-|$)/;

/**
 * A package that ships its native binary as per-platform optional dependencies (esbuild, swc,
 * biome, turbo ...): its `node install.js` picks and checks the right one.
 */
function platformBinaries(manifest: Record<string, unknown>): boolean {
  const optional = manifest.optionalDependencies;
  if (!optional || typeof optional !== 'object') return false;
  return Object.keys(optional).filter((d) => PLATFORM_PACKAGE.test(d)).length >= 2;
}

/** True when every command of an install-time script is one of the honest build/setup steps. */
export function isHonestInstallScript(body: string, name: string, manifest: Record<string, unknown> = {}): boolean {
  // Output redirections and environment settings (`cross-env X=1 cmd`, `X=1 cmd`) do not change what runs.
  const segments = splitCommands(body.replace(/\s+>\s*\/dev\/null|\s+2>&1|\s+2>\s*\/dev\/null/g, '')).map((s) => s.replace(/^(?:(?:npx\s+)?cross-env\s+)?(?:[A-Z_][A-Z0-9_]*=\S*\s+)+/, ''));
  if (!segments.length) return true;
  // A local `node x.js` step is honest for the well-known installers, for packages that ship
  // per-platform binaries, and next to opencollective (a funding message, core-js style).
  const funding = segments.some((s) => /^(?:npx\s+)?opencollective(?:-postinstall|\s+postinstall)?\b/.test(s));
  const known = KNOWN_INSTALLERS.has(name) || name.startsWith('@esbuild/') || name.startsWith('@swc/') || funding || platformBinaries(manifest);
  return segments.every((s) => HONEST_SEGMENTS.some((re) => re.test(s)) || (known && NODE_LOCAL.test(s)));
}

const INTERPRETERS = /^(?:node|nodejs|\$NODE|"\$NODE"|\$\{NODE\}|sh|bash|zsh|dash|ksh|cmd|call|start|powershell|pwsh|python[23]?|perl|ruby|wscript|cscript|forever|pm2|nohup|setsid|sudo|exec|source|\.|-File|\/b|\/B|\/c|\/C|start)$/i;

/** Files of the package an install-time command runs: `node x.js`, `sh x.sh`, `./x`, `start /B x.bat`, `node .`. */
export function launchedFiles(body: string, pkg: PackageInput, manifest: Record<string, unknown>): string[] {
  const out: string[] = [];
  const paths = new Set(pkg.files.map((f) => f.path));
  const resolve = (word: string): string | undefined => {
    const clean = word.replace(/^["']|["']$/g, '').replace(/^\.\//, '').replace(/\\/g, '/');
    if (!clean || clean.includes('$')) return undefined;
    const main = String(manifest.main ?? 'index.js').replace(/^\.\//, '');
    for (const candidate of clean === '.' ? [main, `${main}.js`, `${main}/index.js`] : [clean, `${clean}.js`, `${clean}/index.js`]) if (paths.has(candidate)) return candidate;
    return undefined;
  };
  for (const segment of splitCommands(body)) {
    const words = segment.split(/\s+/).filter(Boolean);
    // The command itself may be a shipped file (`./setup.sh`, `install.bat`, `index.js`); after an
    // interpreter (and its flags), the first other word is the file it runs.
    for (let i = 0; i < Math.min(words.length, 6); i++) {
      const word = words[i]!;
      if (INTERPRETERS.test(word) || (i > 0 && word.startsWith('-'))) continue;
      const file = resolve(word);
      if (file) out.push(file);
      break;
    }
  }
  return [...new Set(out)];
}
