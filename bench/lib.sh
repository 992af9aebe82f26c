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

# checkout_with_cache PKGSCAN CHECKOUT COPY JOBS: scan CHECKOUT (a tree without
# md5-cache) once so every entry is in the user cache under $XDG_CACHE_HOME,
# then make COPY: the checkout with those entries as its metadata/md5-cache
# (the bytes `pkgscan regen` would write, without sourcing everything again).
checkout_with_cache() {
  local pkgscan=$1 checkout=$2 copy=$3 jobs=$4 user_dir
  "$pkgscan" scan -q -r "$checkout" --no-user-config --exit none -j "$jobs" >/dev/null
  # The user cache directory is <basename>-<hash of the path>.
  user_dir=$(ls -dt "$XDG_CACHE_HOME/pkgscan/$(basename "$checkout")"-* | sed -n 1p)
  [ -f "$user_dir/pkgscan-user-cache" ] || { echo "no user cache found under $XDG_CACHE_HOME" >&2; return 2; }
  mkdir -p "$copy"
  cp -a "$checkout/." "$copy/"
  mkdir -p "$copy/metadata/md5-cache"
  cp -a "$user_dir/." "$copy/metadata/md5-cache/"
  rm -f "$copy/metadata/md5-cache/pkgscan-user-cache"
}
