#!/usr/bin/env bash
# Issue 11 benchmark: --staged and --commits against scanning the same
# packages by name, in one run, on a git copy of the generated tree.
#
#   bench/git_perftest.sh [BUILD_DIR] [TREE_DIR] [N] [GIT_DIR]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree and
# a git repository of it in GIT_DIR (default /tmp/pkgscan-bench-git; a scratch
# copy this script resets freely). The user cache is the script's own
# (GIT_DIR.cache), warmed by the first runs. Then, best of 3 each:
#   (a) one changed ebuild, its cache entry left stale so that it is
#       regenerated with bash: staged, `pkgscan scan --staged`, vs changed in
#       the work tree, `pkgscan scan cat/pkg` of that package. Every timed run
#       changes the ebuild anew, so neither finds it in the user cache;
#   (a') the same with the cache entry updated to match (nothing sourced);
#   (b) a range of 20 commits touching 20 packages:
#       `pkgscan scan --commits main` vs `pkgscan scan` of those 20 packages.
# Targets (issue 11): the ratios of (a) and (b) <= 2.
set -euo pipefail
build=$(realpath "${1:-build}")
tree=${2:-/tmp/pkgscan-bench-tree}
n=${3:-31000}
work=${4:-/tmp/pkgscan-bench-git}
pkgscan="$build/pkgscan"

. "$(dirname "$0")/lib.sh"
ensure_tree "$build" "$tree" "$n"

export GIT_CONFIG_GLOBAL=/dev/null GIT_CONFIG_NOSYSTEM=1
export GIT_AUTHOR_NAME=Bench GIT_AUTHOR_EMAIL=bench@example.org
export GIT_COMMITTER_NAME=Bench GIT_COMMITTER_EMAIL=bench@example.org
g() { git -C "$work" "$@"; }

if [ ! -d "$work/.git" ]; then
  echo "making a git repository of $tree in $work ..."
  rm -rf "$work"
  cp -r "$tree" "$work"
  g init -q -b main
  g add -A
  g commit -q -m "base"
fi
g checkout -q -f main
g clean -qfdx
g branch -q -D range 2>/dev/null || true

export XDG_CACHE_HOME="$work.cache"

# Appends a comment to cat/pkg's first ebuild; with "match", makes its cache
# entry match (else the entry is stale and the scan regenerates it).
touch_package() {
  local cp=$1 ebuild pf
  ebuild=$(ls "$work/$cp"/*.ebuild | sed -n 1p)
  pf=$(basename "$ebuild" .ebuild)
  echo "# touched $(date +%s%N)" >> "$ebuild"
  if [ "${2:-}" = match ]; then
    sed -i "s/^_md5_=.*/_md5_=$(md5sum "$ebuild" | cut -d' ' -f1)/" "$work/metadata/md5-cache/${cp%%/*}/$pf"
  fi
}

# ms CMD...: the wall time of one run in ms.
ms() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  echo $(( (t1 - t0) / 1000000 ))
}
min() { if (( $1 < $2 )); then echo "$1"; else echo "$2"; fi; }

packages=$(cd "$work" && ls -d dev-python/* | sed -n '1,20p')
first=$(echo "$packages" | sed -n 1p)

# (a) --staged, the changed ebuild regenerated; each run a new change.
staged=999999999 by_name=999999999
(cd "$work" && "$pkgscan" scan --no-user-config --exit none -q "$first" >/dev/null 2>&1 || true)  # warm-up
for _ in 1 2 3; do
  touch_package "$first"
  g add -A
  staged=$(min "$staged" "$(cd "$work" && ms "$pkgscan" scan --staged --no-user-config --exit none -q)")
  g reset -q --hard main
  touch_package "$first"
  by_name=$(min "$by_name" "$(cd "$work" && ms "$pkgscan" scan --no-user-config --exit none -q "$first")")
  g reset -q --hard main
done

# (a') --staged, the cache entry matching: nothing sourced.
touch_package "$first" match
g add -A
staged_fresh=$(cd "$work" && best_of "$pkgscan" scan --staged --no-user-config --exit none -q)
by_name_fresh=$(cd "$work" && best_of "$pkgscan" scan --no-user-config --exit none -q "$first")
g reset -q --hard main

# (b) --commits over 20 commits touching 20 packages
g checkout -q -b range main
for p in $packages; do
  touch_package "$p" match
  g add -A
  g commit -q -m "$p: touch" -m "Signed-off-by: Bench <bench@example.org>"
done
commits=$(cd "$work" && best_of "$pkgscan" scan --commits main --no-user-config --exit none -q)
# shellcheck disable=SC2086
twenty=$(cd "$work" && best_of "$pkgscan" scan --no-user-config --exit none -q $packages)
g checkout -q -f main

echo "tree:                     $work ($(g ls-files | wc -l) files in git)"
echo "load:                     $(uptime | sed 's/.*load average/load average/')"
echo "--staged, one ebuild regenerated: ${staged} ms vs scan $first: ${by_name} ms   ratio $(ratio "$staged" "$by_name") (target <= 2)"
echo "--staged, cache entry fresh:      ${staged_fresh} ms vs scan $first: ${by_name_fresh} ms   ratio $(ratio "$staged_fresh" "$by_name_fresh")"
echo "--commits, 20 packages:   ${commits} ms vs scan of the 20 by name: ${twenty} ms   ratio $(ratio "$commits" "$twenty") (target <= 2)"
