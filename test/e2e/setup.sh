#!/usr/bin/env bash
# Installs what the end-to-end tests need beyond `npm ci`: Debian's Chromium, ripgrep and the
# Kerberos headers, and code-server (a real VS Code) in a cache folder outside the repository.
# Idempotent: each step is skipped when its result is already there, so CI on a fresh machine
# pays the install once and a second run pays nothing.
#
#   TAKEDOWN_E2E_HOME   cache folder (default ~/.cache/takedown-e2e); test/e2e/codeServer.ts
#                       looks for code-server in the same place
#   npm_config_cache    point at an empty folder to time a cold install
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# test/e2e/codeServer.ts pins the same version. 4.100.3 (VS Code 1.100.3) is the last
# code-server whose engines and native modules are for Node 20.
CS_VERSION=4.100.3
E2E_HOME="${TAKEDOWN_E2E_HOME:-$HOME/.cache/takedown-e2e}"
CS_DIR="$E2E_HOME/code-server-$CS_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
CS_MARKER="$CS_DIR/.installed"

mkdir -p "$E2E_HOME"
# Two setups at once (a developer's terminal and a test run) would install into one folder.
exec 9>"$E2E_HOME/setup.lock"
flock 9

T0=$EPOCHREALTIME
since() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'; }
SUMMARY=()
step_done() {
  SUMMARY+=("$(printf '  %-16s %6ss  %s' "$1" "$(since "$2")" "$3")")
  echo "[e2e setup] $1: $3 ($(since "$2")s)"
}

# ------------------------------------------------------------------ apt
t=$EPOCHREALTIME
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
# kerberos (a code-server dependency) compiles from source against these headers
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# node-gyp builds node-pty, kerberos and the other natives
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
# the extension-host tests commit their workspace's baseline
command -v git >/dev/null || missing+=(git)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "[e2e setup] missing Debian packages: ${missing[*]}; as root: apt-get install ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -q >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
  step_done apt "$t" "installed ${missing[*]}"
else
  step_done apt "$t" "already present"
fi

# ------------------------------------------------------------------ code-server
t=$EPOCHREALTIME
if [ -f "$CS_MARKER" ] && [ "$(cat "$CS_MARKER")" = "$CS_VERSION" ] && [ -x "$CS_BIN" ]; then
  step_done code-server "$t" "$CS_VERSION already in $CS_DIR"
else
  rm -rf "$CS_DIR"
  mkdir -p "$CS_DIR"
  log="$E2E_HOME/code-server-install.log"
  : >"$log"
  in_cs_dir() {
    if ! (cd "$CS_DIR" && "$@") >>"$log" 2>&1; then
      tail -40 "$log" >&2
      echo "[e2e setup] failed: $*; full log: $log" >&2
      exit 1
    fi
  }

  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable) unless it finds
  # $TMPDIR/vscode-ripgrep-cache-<its version>/ripgrep-<rg tag>-<target>.tar.gz; code-server
  # 4.100.3 pins @vscode/ripgrep 1.15.11, which wants rg v13.0.0-10 for the musl target.
  # Debian's rg stands in. A private TMPDIR keeps the fake download out of the shared /tmp.
  export TMPDIR="$E2E_HOME/tmp"
  rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  rm -rf "$TMPDIR"
  mkdir -p "$rg_cache/bin"
  cp "$(command -v rg)" "$rg_cache/bin/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rg_cache/bin" rg

  # npm 11 runs a dependency's install script only when the installing project's package.json
  # allows it. --allow-scripts (or its npmrc or environment form) cannot stand in: npm exports
  # it to the nested `npm install`s of code-server's postinstall, which then reject it as a
  # flag in a project-scoped install. So: unpack without scripts, allow in each package.json
  # exactly the native builds a Linux server needs (the windows-* ones are never loaded here),
  # then `npm rebuild`, which runs argon2's build and code-server's postinstall
  # (`npm install` in lib/vscode and lib/vscode/extensions). Names, not name@version: with
  # omit-lockfile-registry-resolved (set on these machines) npm cannot verify a pinned version
  # and refuses the entry; the shrinkwrap files pin the versions anyway.
  echo '{ "private": true, "allowScripts": { "code-server": true, "argon2": true } }' >"$CS_DIR/package.json"
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which a `yes=false` npmrc cancels.
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
  export npm_config_yes=true npm_config_unsafe_perm=true npm_config_audit=false npm_config_fund=false
  in_cs_dir npm install --ignore-scripts "code-server@$CS_VERSION"
  in_cs_dir node -e '
    const fs = require("fs");
    const file = "node_modules/code-server/lib/vscode/package.json";
    const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
    pkg.allowScripts = Object.fromEntries(process.argv.slice(1).map((name) => [name, true]));
    fs.writeFileSync(file, JSON.stringify(pkg, null, 2) + "\n");
  ' @parcel/watcher @vscode/deviceid @vscode/ripgrep @vscode/spdlog kerberos native-watchdog node-pty
  in_cs_dir npm rebuild
  rm -rf "$TMPDIR"
  unset TMPDIR

  # Each of these is built or fetched by an install script; a skipped script leaves it out
  # silently and code-server only fails later, at run time.
  vs="$CS_DIR/node_modules/code-server/lib/vscode/node_modules"
  for f in "$vs/node-pty/build/Release/pty.node" "$vs/@vscode/spdlog/build/Release/spdlog.node" \
           "$vs/kerberos/build/Release/kerberos.node" "$vs/@vscode/ripgrep/bin/rg" \
           "$CS_DIR/node_modules/code-server/lib/vscode/node_modules.asar"; do
    [ -e "$f" ] || { echo "[e2e setup] code-server install is missing $f; log: $log" >&2; exit 1; }
  done
  version_line="$("$CS_BIN" --config /dev/null --version 2>/dev/null | head -1)"
  case "$version_line" in
    "$CS_VERSION "*) ;;
    *) echo "[e2e setup] $CS_BIN --version says '$version_line', expected $CS_VERSION; log: $log" >&2; exit 1 ;;
  esac
  echo "$CS_VERSION" >"$CS_MARKER"
  step_done code-server "$t" "installed $CS_VERSION into $CS_DIR ($(du -sh "$CS_DIR" | cut -f1))"
fi

# ------------------------------------------------------------------ playwright-core
# A devDependency of the project (npm ci brings it). It drives Debian's Chromium, so no
# browser download is ever needed.
t=$EPOCHREALTIME
if ! pw="$(node -p "require('playwright-core/package.json').version" 2>/dev/null)"; then
  echo "[e2e setup] playwright-core is not installed: run npm ci first" >&2
  exit 1
fi
step_done playwright-core "$t" "$pw (project devDependency)"

echo "[e2e setup] done in $(since "$T0")s"
printf '%s\n' "${SUMMARY[@]}"
