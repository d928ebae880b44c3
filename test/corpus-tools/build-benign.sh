#!/usr/bin/env bash
# Downloads the benign evaluation corpus: every `name@version` in benign-packages.txt as its registry
# tarball, into ${TAKEDOWN_CORPUS:-/root/.cache/takedown-corpus}/benign/ (outside the repository).
#
# - Nothing of the packages is ever run: tarballs are only fetched (pacote, or `npm pack <registry
#   spec> --ignore-scripts`, which runs no script when packing from the registry). Nothing is
#   unpacked or installed.
# - Idempotent: a tarball already present (and readable as gzip) is skipped.
# - Parallel: JOBS downloads at once (default 12 with pacote; 6 with the npm pack fallback).
# - Resilient: a failed download is retried once, then logged to benign-failures.log and skipped.
#
# Usage: bash test/corpus-tools/build-benign.sh [LIST] [--npm-pack] [--sizes]
#   LIST        defaults to test/corpus-tools/benign-packages.txt
#   --npm-pack  use one `npm pack` per package under xargs -P instead of pacote in one process
#   --sizes     afterwards, list tarballs whose unpacked size exceeds 20 MB
#   --prune     afterwards, delete tarballs in the benign folder that the list no longer names
# Environment: TAKEDOWN_CORPUS (root folder), JOBS (parallel downloads), NPM_PACK_TIMEOUT (s, default 180)
set -uo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
list="$here/benign-packages.txt"
sizes=0
engine=pacote
prune=0
for a in "$@"; do
  case "$a" in
    --sizes) sizes=1 ;;
    --npm-pack) engine=npm ;;
    --prune) prune=1 ;;
    -h|--help) sed -n '2,18p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) list="$a" ;;
  esac
done
[ -f "$list" ] || { echo "no such list: $list" >&2; exit 2; }
if [ "$engine" = pacote ] && ! (cd "$repo" && node -e "require.resolve('pacote')" 2>/dev/null); then
  echo "pacote not installed (run npm ci); falling back to npm pack" >&2
  engine=npm
fi

root="${TAKEDOWN_CORPUS:-/root/.cache/takedown-corpus}"
dest="$root/benign"
work="$root/.partial"
log="$root/benign-failures.log"
mkdir -p "$dest" "$work"
: > "$log"

# The tarball name npm gives `name@version`: scope's @ dropped, / turned into -.
tarball_name() {
  local spec="$1" name version
  name="${spec%@*}"
  version="${spec##*@}"
  name="${name#@}"
  printf '%s-%s.tgz' "${name//\//-}" "$version"
}

fetch_one() {
  local spec="$1" file tmp try
  file="$(tarball_name "$spec")"
  if [ -s "$dest/$file" ] && gzip -t "$dest/$file" 2>/dev/null; then
    echo "skip $spec"
    return 0
  fi
  for try in 1 2; do
    tmp="$(mktemp -d "$work/XXXXXX")"
    # Run from the temp folder so no project .npmrc or workspace applies.
    if (cd "$tmp" && timeout "${NPM_PACK_TIMEOUT:-180}" npm pack "$spec" --ignore-scripts --silent \
          --pack-destination "$tmp" --loglevel=error >/dev/null 2>"$tmp/.err"); then
      local got
      got="$(find "$tmp" -maxdepth 1 -name '*.tgz' | head -n 1)"
      if [ -n "$got" ] && gzip -t "$got" 2>/dev/null; then
        mv -f "$got" "$dest/$file"
        rm -rf "$tmp"
        echo "ok $spec"
        return 0
      fi
    fi
    if [ "$try" = 2 ]; then
      printf 'FAIL %s\t%s\n' "$spec" "$(tr '\n' ' ' < "$tmp/.err" 2>/dev/null | cut -c1-300)"
      rm -rf "$tmp"
      return 0
    fi
    rm -rf "$tmp"
  done
}
export -f fetch_one tarball_name
export dest work

start=$(date +%s)
if [ "$engine" = pacote ]; then
  results="$(cd "$repo" && node "$here/fetch-tarballs.mjs" "$list" "$dest" "${JOBS:-12}")"
else
  results="$(grep -v -e '^\s*#' -e '^\s*$' "$list" | xargs -P "${JOBS:-6}" -I{} bash -c 'fetch_one "$1"' _ {})"
fi
end=$(date +%s)
rm -rf "$work"

if [ "$prune" = 1 ]; then
  declare -A keep=()
  while read -r spec; do keep["$(tarball_name "$spec")"]=1; done < <(grep -v -e '^\s*#' -e '^\s*$' "$list")
  for f in "$dest"/*.tgz; do
    [ -n "${keep[$(basename "$f")]:-}" ] || { echo "prune $(basename "$f")"; rm -f "$f"; }
  done
fi

grep '^FAIL ' <<<"$results" | sed 's/^FAIL //' > "$log"
ok=$(grep -c '^ok ' <<<"$results")
skipped=$(grep -c '^skip ' <<<"$results")
failed=$(grep -c '^FAIL ' <<<"$results")
wanted=$(grep -v -c -e '^\s*#' -e '^\s*$' "$list")
present=$(find "$dest" -maxdepth 1 -name '*.tgz' | wc -l)
bytes=$(du -sb "$dest" | cut -f1)
echo "benign corpus ($engine): $wanted listed, $ok downloaded, $skipped already present, $failed failed" \
     "(see $log); $present tarballs, $((bytes / 1048576)) MiB in $dest; $((end - start)) s"

if [ "$sizes" = 1 ]; then
  echo "tarballs over 20 MB unpacked (gzip -l estimate):"
  for f in "$dest"/*.tgz; do
    u=$(gzip -l "$f" | awk 'NR==2{print $2}')
    [ "${u:-0}" -gt 20971520 ] && printf '  %s\t%d MiB\n' "$(basename "$f")" $((u / 1048576))
  done
fi
exit 0
