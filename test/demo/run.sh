#!/usr/bin/env bash
# The README's first command: installs what is missing (npm packages, Debian's Chromium and
# code-server, as test/e2e/setup.sh does for the end-to-end tests), builds and packages the VSIX,
# then serves Takedown in a real VS Code on 127.0.0.1 with a local registry of demo packages
# (test/demo/serve.ts) and prints the URL to open. Ctrl-C stops it.
#   TAKEDOWN_DEMO_PORT   code-server's port, default 8080
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -d node_modules ] || npm ci --no-audit --no-fund
bash test/e2e/setup.sh
npm run --silent package
echo
echo "Built dist/takedown.vsix ($(du -h dist/takedown.vsix | cut -f1)); in a desktop VS Code: code --install-extension dist/takedown.vsix"
exec node --import tsx test/demo/serve.ts
