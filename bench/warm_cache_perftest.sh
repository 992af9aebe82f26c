#!/usr/bin/env bash
# Issue 10 benchmark: a second scan of a checkout without md5-cache (the
# metadata comes from the user cache, warm) against a scan of the same tree
# with its md5-cache in place, in one run.
#
#   bench/warm_cache_perftest.sh [BUILD_DIR] [CHECKOUT] [-j N]
#
# CHECKOUT (default /tmp/trees/flatcar-portage-stable, unpacked from
# ../shared/trees) must have no metadata/md5-cache. The script
#   1. scans it once to warm a user cache of the benchmark's own
#      ($PKGSCAN_BENCH_XDG, default /tmp/pkgscan-bench-xdg, kept between runs;
#      minutes the first time: every ebuild is sourced),
#   2. copies it to a scratch directory and puts the user cache's entries
#      into the copy's metadata/md5-cache (they are the bytes `pkgscan regen`
#      writes), so both trees have the same metadata,
#   3. times both scans, best of 3 after a warm-up, and checks that they
#      report the same results.
# Target (issue 10): warm checkout <= 1.3x the tree with its cache.
set -euo pipefail
build=${1:-build}
checkout=${2:-/tmp/trees/flatcar-portage-stable}
jobs=${4:-2}
[ "${3:-}" = "-j" ] || jobs=2
pkgscan="$build/pkgscan"
. "$(dirname "$0")/lib.sh"

if [ -d "$checkout/metadata/md5-cache" ]; then
  echo "$checkout has a metadata/md5-cache: give a checkout without one" >&2
  exit 2
fi
export XDG_CACHE_HOME=${PKGSCAN_BENCH_XDG:-/tmp/pkgscan-bench-xdg}

echo "warming the user cache of $checkout in $XDG_CACHE_HOME ..."
copy=$(mktemp -d /tmp/pkgscan-warm-cache.XXXXXX)
trap 'rm -rf "$copy"' EXIT
checkout_with_cache "$pkgscan" "$checkout" "$copy" "$jobs" || exit 2

scan() { "$pkgscan" scan -q -r "$1" --no-user-config --exit none -j "$jobs" -R json; }
# Same results (the file names and the cache-related notices aside).
diff <(scan "$checkout" | grep -v '"RegeneratedMetadata"\|"UserCacheRebuilt"' | sort) \
     <(scan "$copy" | grep -v '"RegeneratedMetadata"\|"UserCacheRebuilt"' | sort) >/dev/null &&
  same=yes || same=no

warm=$(best_of scan "$checkout")
cached=$(best_of scan "$copy")
echo "tree:                 $checkout ($(find "$copy/metadata/md5-cache" -type f | wc -l) entries), -j$jobs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "md5-cache in place:   ${cached} ms"
echo "user cache (warm):    ${warm} ms"
echo "ratio warm/cached:    $(ratio "$warm" "$cached")   (target <= 1.3)"
echo "same results:         $same"
