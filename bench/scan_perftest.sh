#!/usr/bin/env bash
# Issue 3 benchmark: the scan against the speed floor, in one run.
#
#   bench/scan_perftest.sh [BUILD_DIR] [TREE_DIR] [N]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree,
# then measures, best of 3 each:
#   (a) floor_perftest: read every cache file and hash every ebuild (-j1, -j2)
#   (b) pkgscan scan with the default checks (-j1, -j2)
# and prints wall times, the ratios (b)/(a), the -j1 -> -j2 speed-up, the peak
# RSS of the scan and the wall time of a one-package scan.
# Targets (issue 3): ratio <= 3 at -j2, speed-up >= 1.7, RSS <= 300 MB, one package < 50 ms.
set -euo pipefail
build=${1:-build}
tree=${2:-/tmp/pkgscan-bench-tree}
n=${3:-31000}
pkgscan="$build/pkgscan"

. "$(dirname "$0")/lib.sh"
ensure_tree "$build" "$tree" "$n"

scan() { "$pkgscan" scan -r "$tree" --no-user-config --exit none -j "$1"; }

floor1=$(best_of "$build/bench/floor_perftest" "$tree" -j 1)
floor2=$(best_of "$build/bench/floor_perftest" "$tree" -j 2)
scan1=$(best_of scan 1)
scan2=$(best_of scan 2)
rss=$( { /usr/bin/time -f "%M" "$pkgscan" scan -r "$tree" --no-user-config --exit none -j 2 >/dev/null; } 2>&1 | tail -1)
one_pkg=$(ls "$tree/dev-python" | sed -n 1p)  # sed reads all input: no SIGPIPE under pipefail
single=$(best_of "$pkgscan" scan -r "$tree" --no-user-config --exit none "dev-python/$one_pkg")

echo "tree:                $tree ($(find "$tree/metadata/md5-cache" -type f | wc -l) cache entries)"
echo "floor -j1 / -j2:     ${floor1} ms / ${floor2} ms"
echo "scan  -j1 / -j2:     ${scan1} ms / ${scan2} ms"
echo "ratio scan/floor:    -j1 $(ratio "$scan1" "$floor1")   -j2 $(ratio "$scan2" "$floor2")   (target <= 3 at -j2)"
echo "speed-up -j1 -> -j2: $(ratio "$scan1" "$scan2")   (target >= 1.7)"
echo "peak RSS -j2:        $(( rss / 1024 )) MB   (target <= 300)"
echo "one package scan:    ${single} ms (dev-python/$one_pkg; target < 50)"
