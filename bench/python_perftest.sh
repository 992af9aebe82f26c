#!/usr/bin/env bash
# Issue 5 benchmark: what the Python check families (PythonCompat, Distutils,
# Python) add to a metadata-only scan, in one run.
#
#   bench/python_perftest.sh [BUILD_DIR] [TREE_DIR] [N]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree,
# then times, best of 3 each at -j2 after a warm-up:
#   base:   the default checks without the python families
#   python: the default checks (python families included)
#   alone:  the python families only
# and prints the overhead (python - base) / base. Target: at most 20%.
set -euo pipefail
build=${1:-build}
tree=${2:-/tmp/pkgscan-bench-tree}
n=${3:-31000}
pkgscan="$build/pkgscan"
families="PythonCompat,Distutils,Python"

. "$(dirname "$0")/lib.sh"
ensure_tree "$build" "$tree" "$n"

scan() { "$pkgscan" scan -r "$tree" --no-user-config --exit none -j 2 -R json "$@"; }

base=$(best_of scan -c "-${families//,/,-}")
full=$(best_of scan)
alone=$(best_of scan -c "$families")
results=$(scan -c "$families" | wc -l)

echo "tree:                 $tree ($(find "$tree/metadata/md5-cache" -type f | wc -l) cache entries)"
echo "default - python:     ${base} ms"
echo "default (with python): ${full} ms"
echo "python families only: ${alone} ms (${results} results)"
awk -v a="$full" -v b="$base" 'BEGIN { printf "python overhead:      %.1f%% (target <= 20%%)\n", 100 * (a - b) / b }'
