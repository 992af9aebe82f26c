#!/usr/bin/env bash
# Issue 4 benchmark: what the Dependency family adds to a metadata-only scan,
# measured in one run on the same tree.
#
#   bench/dependency_perftest.sh [BUILD_DIR] [TREE_DIR] [N] [JOBS]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree,
# then scans it, best of 3 each (after one warm-up run), with
#   (a) the metadata-only families (every check that reads one ebuild's cache
#       entry and nothing else), and
#   (b) the same plus Dependency,
# and prints wall and CPU (user+sys) times and the ratios (b)/(a).
# Target (issue 4): (b)/(a) <= 1.30. On a shared machine the CPU ratio is the
# steadier of the two; both are printed.
set -euo pipefail
build=${1:-build}
tree=${2:-/tmp/pkgscan-bench-tree}
n=${3:-31000}
jobs=${4:-2}
pkgscan="$build/pkgscan"
metadata=DependencySyntax,Description,Eapi,Homepage,Iuse,Keywords,License,Properties,Restrict,Slot

. "$(dirname "$0")/lib.sh"
ensure_tree "$build" "$tree" "$n"

timing=$(mktemp)
trap 'rm -f "$timing"' EXIT

# best_wall_cpu CHECKS: prints "wall_ms cpu_ms", each the best of 3 runs.
best_wall_cpu() {
  local checks=$1 best_wall=999999999 best_cpu=999999999
  "$pkgscan" scan -r "$tree" --no-user-config --exit none -j "$jobs" -c "$checks" >/dev/null 2>&1 || true
  for _ in 1 2 3; do
    local line wall cpu
    /usr/bin/time -o "$timing" -f "%e %U %S" "$pkgscan" scan -r "$tree" --no-user-config --exit none -j "$jobs" \
      -c "$checks" >/dev/null 2>&1 || true
    line=$(tail -1 "$timing")
    wall=$(awk '{ printf "%d", $1 * 1000 }' <<<"$line")
    cpu=$(awk '{ printf "%d", ($2 + $3) * 1000 }' <<<"$line")
    (( wall < best_wall )) && best_wall=$wall
    (( cpu < best_cpu )) && best_cpu=$cpu
  done
  echo "$best_wall $best_cpu"
}

read -r base_wall base_cpu < <(best_wall_cpu "$metadata")
read -r dep_wall dep_cpu < <(best_wall_cpu "$metadata,Dependency")

echo "tree:                      $tree ($(find "$tree/metadata/md5-cache" -type f | wc -l) cache entries), -j $jobs"
echo "metadata-only:             wall ${base_wall} ms   cpu ${base_cpu} ms"
echo "metadata-only + Dependency: wall ${dep_wall} ms   cpu ${dep_cpu} ms"
echo "ratio:                     wall $(ratio "$dep_wall" "$base_wall")   cpu $(ratio "$dep_cpu" "$base_cpu")   (target <= 1.30)"
