#!/usr/bin/env bash
# Issue 11 benchmark: --staged and --commits against scanning the same
# packages by name, in one run, on a git copy of the generated tree.
#
#   bench/git_perftest.sh [BUILD_DIR] [TREE_DIR] [N] [GIT_DIR]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree and
# a git repository of it in GIT_DIR (default /tmp/pkgscan-bench-git; a scratch
# copy this script resets freely). Then, best of 3 each:
#   (a) one changed ebuild staged (its cache entry updated to match):
#       `pkgscan scan --staged` vs `pkgscan scan cat/pkg` of that package;
#   (b) a range of 20 commits touching 20 packages:
#       `pkgscan scan --commits main` vs `pkgscan scan` of those 20 packages.
# Targets (issue 11): both ratios <= 2.
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

# Appends a comment to cat/pkg's first ebuild and makes its cache entry match.
touch_package() {
  local cp=$1 ebuild pf
  ebuild=$(ls "$work/$cp"/*.ebuild | sed -n 1p)
  pf=$(basename "$ebuild" .ebuild)
  echo "# touched $(date +%s%N)" >> "$ebuild"
  sed -i "s/^_md5_=.*/_md5_=$(md5sum "$ebuild" | cut -d' ' -f1)/" "$work/metadata/md5-cache/${cp%%/*}/$pf"
}

packages=$(cd "$work" && ls -d dev-python/* | sed -n '1,20p')
first=$(echo "$packages" | sed -n 1p)

# (a) --staged
touch_package "$first"
g add -A
staged=$(cd "$work" && best_of "$pkgscan" scan --staged --no-user-config --exit none -q)
by_name=$(cd "$work" && best_of "$pkgscan" scan --no-user-config --exit none -q "$first")
g reset -q --hard main

# (b) --commits over 20 commits touching 20 packages
g checkout -q -b range main
for p in $packages; do
  touch_package "$p"
  g add -A
  g commit -q -m "$p: touch" -m "Signed-off-by: Bench <bench@example.org>"
done
commits=$(cd "$work" && best_of "$pkgscan" scan --commits main --no-user-config --exit none -q)
# shellcheck disable=SC2086
twenty=$(cd "$work" && best_of "$pkgscan" scan --no-user-config --exit none -q $packages)
g checkout -q -f main

echo "tree:                     $work ($(g ls-files | wc -l) files in git)"
echo "--staged, one ebuild:     ${staged} ms vs scan $first: ${by_name} ms   ratio $(ratio "$staged" "$by_name") (target <= 2)"
echo "--commits, 20 packages:   ${commits} ms vs scan of the 20 by name: ${twenty} ms   ratio $(ratio "$commits" "$twenty") (target <= 2)"
