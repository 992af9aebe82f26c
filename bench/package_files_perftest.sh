#!/usr/bin/env bash
# Issue 13 benchmark: what the package-file checks (Manifest with the
# distfile collision pass, MetadataXml, UseDesc, PkgDir, Unused) add to the
# full default scan, in one run.
#
#   bench/package_files_perftest.sh [BUILD_DIR] [TREE_DIR] [N] [ROUNDS]
#
# Generates (once) a synthetic N-ebuild tree (default 31000) with gen-tree,
# then alternates, ROUNDS times (default 3), the default scan at -j2 with and
# without those checks (-c -Manifest,...), and prints for each the best wall
# time and the best CPU time (user + sys), the ratios with/without, and the
# load average next to each round. Target (issue 13): at most +25%. Then
# what reading the added files alone costs (floor_perftest --package-files):
# the ratio the checks would give if parsing and checking were free.
#
# Times on a virtual machine swing by tens of percent from run to run (fresh
# memory costs what the host makes it cost), so when valgrind is installed
# the script also counts the instructions both scans execute (callgrind, -j1)
# on a smaller generated tree (PKGSCAN_BENCH_SMALL, 4000 ebuilds): a figure
# that does not move between runs, to tell a real change from noise. Set
# PKGSCAN_BENCH_INSTRUCTIONS=0 to skip it (about a minute).
set -euo pipefail
build=${1:-build}
tree=${2:-/tmp/pkgscan-bench-tree}
n=${3:-31000}
rounds=${4:-3}
pkgscan="$build/pkgscan"

. "$(dirname "$0")/lib.sh"
ensure_tree "$build" "$tree" "$n"

without=(-c -Manifest,-MetadataXml,-UseDesc,-PkgDir,-Unused)
# measure ARGS...: "wall_ms cpu_ms" of one scan.
times=$(mktemp)
trap 'rm -f "$times"' EXIT
measure() {
  /usr/bin/time -o "$times" -f "%e %U %S" "$pkgscan" scan -r "$tree" --no-user-config --exit none -j 2 "$@" \
    >/dev/null 2>&1 || true
  awk '{ printf "%d %d\n", $1 * 1000, ($2 + $3) * 1000 }' "$times"
}
measure >/dev/null  # warm the page cache
best_wall_with=999999999 best_cpu_with=999999999 best_wall_without=999999999 best_cpu_without=999999999
for r in $(seq "$rounds"); do
  read -r w c < <(measure)
  read -r w0 c0 < <(measure "${without[@]}")
  echo "round $r (load $(cut -d' ' -f1-3 /proc/loadavg)): with ${w} ms wall ${c} ms CPU; without ${w0} ms wall ${c0} ms CPU"
  (( w < best_wall_with )) && best_wall_with=$w
  (( c < best_cpu_with )) && best_cpu_with=$c
  (( w0 < best_wall_without )) && best_wall_without=$w0
  (( c0 < best_cpu_without )) && best_cpu_without=$c0
done
# The least the package-file checks can add: reading their files (every
# Manifest and metadata.xml, with the fstat a scan makes), parsing nothing.
floor_line=$("$build/bench/floor_perftest" "$tree" -j 2 --repeat 3 --package-files)
floor_cpu=$(sed -n 's/.*read CPU \([0-9]*\).*/\1/p' <<<"$floor_line")
echo "tree:              $tree ($(find "$tree/metadata/md5-cache" -type f | wc -l) cache entries)"
echo "$floor_line"
echo "best wall -j2:     with ${best_wall_with} ms, without ${best_wall_without} ms, ratio $(ratio "$best_wall_with" "$best_wall_without")"
echo "best CPU  -j2:     with ${best_cpu_with} ms, without ${best_cpu_without} ms, ratio $(ratio "$best_cpu_with" "$best_cpu_without")   (target <= 1.25)"
echo "reading alone:     ${floor_cpu} ms CPU, ratio $(ratio "$((best_cpu_without + floor_cpu))" "$best_cpu_without") if the checks cost nothing but their reads"

# Instructions executed (deterministic), with and without, on a smaller tree.
if [ "${PKGSCAN_BENCH_INSTRUCTIONS:-1}" != 0 ] && command -v valgrind >/dev/null; then
  small=${PKGSCAN_BENCH_SMALL:-${tree}-4k}
  ensure_tree "$build" "$small" 4000
  # instructions ARGS...: the I refs callgrind counts for one -j1 scan.
  instructions() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$pkgscan" scan -r "$small" --no-user-config --exit none \
      -j 1 "$@" 2>&1 >/dev/null | awk '/I[ ]+refs:/ { gsub(",", "", $NF); print $NF }'
  }
  i_with=$(instructions)
  i_without=$(instructions "${without[@]}")
  echo "instructions -j1:  with ${i_with}, without ${i_without}, ratio $(ratio "$i_with" "$i_without")   ($small, $(find "$small/metadata/md5-cache" -type f | wc -l) cache entries)"
fi
