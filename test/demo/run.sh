#!/usr/bin/env bash
# The README's first command: set up, build the VSIX, and show Takedown's dependency model
# catching what a change adds to a workspace (the command-line face of the engine).
set -euo pipefail
cd "$(dirname "$0")/../.."

[ -d node_modules ] || npm ci --no-audit --no-fund
npm run --silent package
echo
echo "Built $(ls -1 dist/*.vsix) ($(du -h dist/takedown.vsix | cut -f1)); install it with: code --install-extension dist/takedown.vsix"

# A throwaway git repository: the committed package.json and lockfile are the baseline, then a
# dependency is added the way a pull request would add it.
DEMO="$(mktemp -d "${TMPDIR:-/tmp}/takedown-demo-XXXXXX")"
trap 'rm -rf "$DEMO"' EXIT
cp -R test/demo/workspace/. "$DEMO/"
git -C "$DEMO" init -q
git -C "$DEMO" -c user.name=demo -c user.email=demo@example.com add -A
git -C "$DEMO" -c user.name=demo -c user.email=demo@example.com commit -q -m baseline
cp "$DEMO/changes/package.json" "$DEMO/package.json"
cp "$DEMO/changes/package-lock.json" "$DEMO/package-lock.json"
rm -rf "$DEMO/changes"

echo
echo "== takedown deps --changes (the demo workspace after a change that adds dependencies)"
node dist/cli.js deps --changes "$DEMO" | sed "s#$DEMO#<demo>#g"

echo
echo "== takedown scan (offline): inert replicas of real techniques, and honest look-alikes"
node dist/cli.js scan --offline test/corpus/malicious/recon-beacon-1 test/corpus/malicious/download-execute-1 \
  test/corpus/malicious/encoded-eval-1 test/corpus/benign-tricky/esbuild-style-install test/corpus/benign-tricky/husky-prepare || true
