#!/usr/bin/env bash
# Installs what the end-to-end tests need beyond `npm ci`: Debian's Chromium, ripgrep and the
# Kerberos headers, and code-server (a real VS Code) in a cache folder outside the repository.
# Idempotent: each step is skipped when its result is already there, so CI on a fresh machine
# pays the install once and a developer's second run pays nothing.
#
#   TAKEDOWN_E2E_HOME   cache folder (default ~/.cache/takedown-e2e); test/e2e/codeServer.ts
#                       looks for code-server in the same place
#   npm_config_cache    point at an empty folder to time a cold install
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# test/e2e/codeServer.ts pins the same version. 4.100.3 (VS Code 1.100.3) is the last
# code-server whose engines and prebuilt parts are for Node 20.
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
step_done() { SUMMARY+=("$(printf '  %-22s %6ss  %s' "$1" "$(since "$2")" "$3")"); echo "[e2e setup] $1: $3 ($(since "$2")s)"; }

# ------------------------------------------------------------------ apt
t=$EPOCHREALTIME
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v rg >/dev/null || missing+=(ripgrep)
# kerberos (a code-server dependency) compiles from source against these headers
dpkg -s libkrb5-dev >/dev/null 2>&1 || missing+=(libkrb5-dev)
# node-pty, kerberos and friends are built by node-gyp
command -v make >/dev/null || missing+=(make)
command -v g++ >/dev/null || missing+=(g++)
command -v python3 >/dev/null || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" != 0 ]; then
    echo "[e2e setup] missing Debian packages: ${missing[*]}; install them as root (apt-get install ${missing[*]})" >&2
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
  # @vscode/ripgrep's postinstall downloads rg from GitHub (unreachable) unless it finds
  # $TMPDIR/vscode-ripgrep-cache-<its version>/ripgrep-<rg tag>-<target>.tar.gz; code-server
  # 4.100.3 pins @vscode/ripgrep 1.15.11, which wants rg v13.0.0-10 for the musl target.
  # Debian's rg stands in. A private TMPDIR keeps the fake download out of everyone's /tmp.
  export TMPDIR="$E2E_HOME/tmp"
  rg_cache="$TMPDIR/vscode-ripgrep-cache-1.15.11"
  rm -rf "$TMPDIR"; mkdir -p "$rg_cache/rg-bin"
  cp "$(command -v rg)" "$rg_cache/rg-bin/rg"
  tar czf "$rg_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" -C "$rg_cache/rg-bin" rg
  echo '{"private": true}' > "$CS_DIR/package.json"
  # npm 11 runs no dependency install script unless allowed. code-server's postinstall runs
  # `npm install` in lib/vscode and lib/vscode/extensions, projects of their own, so the
  # allow-list has to be in a user npmrc (npm refuses --allow-scripts and its environment
  # variable in project-scoped installs): the user's own npmrc (nodedir and the like) plus the
  # list. The windows-* natives are left out: they are never loaded on Linux.
  npmrc="$E2E_HOME/npmrc"
  user_npmrc="$(npm config get userconfig)"
  { [ -f "$user_npmrc" ] && cat "$user_npmrc"; echo
    echo "allow-scripts=code-server,argon2,@parcel/watcher,@vscode/deviceid,@vscode/ripgrep,@vscode/spdlog,kerberos,native-watchdog,node-pty"
  } > "$npmrc"
  log="$E2E_HOME/code-server-install.log"
  # npm_config_yes: node-pty's install runs `npx node-gyp`, which a `yes=false` npmrc cancels.
  # npm_config_unsafe_perm: code-server's postinstall refuses to run as root without it.
  if ! (cd "$CS_DIR" && npm_config_yes=true npm_config_unsafe_perm=true npm_config_userconfig="$npmrc" \
        npm install --no-audit --no-fund "code-server@$CS_VERSION" >"$log" 2>&1); then
    tail -40 "$log" >&2
    echo "[e2e setup] code-server install failed; full log: $log" >&2
    exit 1
  fi
  rm -rf "$TMPDIR"
  unset TMPDIR
  if ! "$CS_BIN" --config /dev/null --version | grep -q "^$CS_VERSION "; then
    echo "[e2e setup] $CS_BIN does not report version $CS_VERSION; install log: $log" >&2
    exit 1
  fi
  echo "$CS_VERSION" > "$CS_MARKER"
  step_done code-server "$t" "installed $CS_VERSION into $CS_DIR ($(du -sh "$CS_DIR" | cut -f1))"
fi

# ------------------------------------------------------------------ playwright-core
# A devDependency of the project (npm ci brings it); it drives Debian's Chromium, so no
# browser download is ever needed.
t=$EPOCHREALTIME
if ! pw=$(node -p "require('playwright-core/package.json').version" 2>/dev/null); then
  echo "[e2e setup] playwright-core is not installed: run npm ci first" >&2
  exit 1
fi
step_done playwright-core "$t" "$pw (project devDependency)"

echo "[e2e setup] done in $(since "$T0")s"
printf '%s\n' "${SUMMARY[@]}"
