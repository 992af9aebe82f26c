# Shared helpers for the bench/*_perftest.sh scripts (source it).

# ensure_tree BUILD_DIR TREE_DIR N: generate a synthetic N-ebuild tree once.
ensure_tree() {
  if [ ! -f "$2/profiles/repo_name" ]; then
    echo "generating $3 ebuilds into $2 ..."
    "$1/bench/gen-tree" "$3" "$2" >/dev/null
  fi
}

# best_of CMD...: the best wall time in ms of 3 runs, after one warm-up run.
best_of() {
  "$@" >/dev/null 2>&1 || true
  local best=999999999
  for _ in 1 2 3; do
    local t0 t1 ms
    t0=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    t1=$(date +%s%N)
    ms=$(( (t1 - t0) / 1000000 ))
    (( ms < best )) && best=$ms
  done
  echo "$best"
}

# ratio A B: A / B with two decimals.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }
