#!/usr/bin/env bash
# Issue 14 benchmark: the full default scan against the I/O floor on REAL
# trees, in one run, next to the generated tree.
#
#   bench/real_trees_perftest.sh [BUILD_DIR] [WORK_DIR]
#
# Unpacks (once, into WORK_DIR, default /tmp/pkgscan-real) the trees of
# ../shared/trees and the GURU metadata of ../shared/corpus, and builds:
#   flatcar   the flatcar checkout with its md5-cache regenerated (the entries
#             come from a scan's user cache, which holds the bytes
#             `pkgscan regen` writes; the first run sources every ebuild)
#   science   as shipped (cache by pkgcore; master `gentoo` missing)
#   whaleos   as shipped (cache by Portage; master missing)
#   guru      metadata only (cache, profiles, metadata.xml; master missing)
#   union     one master-less metadata-only tree: the md5-cache entries,
#             metadata.xml and eclasses of all four, first writer wins per
#             cat/pkg (flatcar, science, whaleos, guru), flatcar's profiles
#             with every category listed
# Then, per tree, best of 3 after a warm-up: floor_perftest (read every
# cache entry, hash every ebuild) at -j2, pkgscan scan (default checks) at
# -j1 and -j2, and the scan's peak RSS. Goals (issue 14), at -j2: scan <= 3x
# the floor on the union and on each tree with >= 1,000 ebuilds; -j2 >= 1.7x
# faster than -j1; peak RSS per ebuild <= 2x the generated tree's.
set -euo pipefail
build=${1:-build}
work=${2:-/tmp/pkgscan-real}
here=$(cd "$(dirname "$0")" && pwd)
shared=$(cd "$here/../../shared" 2>/dev/null && pwd || true)
pkgscan="$build/pkgscan"
. "$here/lib.sh"
[ -n "$shared" ] && [ -d "$shared/trees" ] || { echo "../shared/trees not found: nothing to measure" >&2; exit 2; }
mkdir -p "$work"

unpack() {  # unpack ARCHIVE DIR_INSIDE
  [ -d "$work/$2" ] || tar -xJf "$1" -C "$work"
}
unpack "$shared/trees/flatcar-portage-stable-2026-08-22.tar.xz" flatcar-portage-stable
unpack "$shared/trees/science-2026-07-23.tar.xz" science
unpack "$shared/trees/whaleos-portage-stable-2022-09-27.tar.xz" whaleos-portage-stable
if [ ! -d "$work/guru" ]; then
  mkdir -p "$work/guru" && tar -xJf "$shared/corpus/guru-2026-08-21-metadata.tar.xz" -C "$work/guru"
fi

# flatcar with a cache: a copy whose md5-cache is the user cache's entries.
if [ ! -d "$work/flatcar/metadata/md5-cache" ]; then
  export XDG_CACHE_HOME=${PKGSCAN_BENCH_XDG:-/tmp/pkgscan-bench-xdg}
  echo "sourcing flatcar's ebuilds once (user cache in $XDG_CACHE_HOME) ..."
  rm -rf "$work/flatcar.tmp"
  checkout_with_cache "$pkgscan" "$work/flatcar-portage-stable" "$work/flatcar.tmp" 2 || exit 2
  mv "$work/flatcar.tmp" "$work/flatcar"
  unset XDG_CACHE_HOME
fi

# The union, metadata only.
if [ ! -f "$work/union/profiles/repo_name" ]; then
  echo "building the union ..."
  rm -rf "$work/union.tmp" && mkdir -p "$work/union.tmp/metadata/md5-cache" "$work/union.tmp/eclass"
  cp -a "$work/flatcar/profiles" "$work/union.tmp/"
  echo pkgscan-union > "$work/union.tmp/profiles/repo_name"
  printf 'masters =\nthin-manifests = true\n' > "$work/union.tmp/metadata/layout.conf"
  [ -d "$work/flatcar/licenses" ] && cp -a "$work/flatcar/licenses" "$work/union.tmp/"
  # First writer wins per cat/pkg (python: one process, not a few per file).
  python3 - "$work" <<'PY'
import os, re, shutil, sys
work = sys.argv[1]
dst = os.path.join(work, "union.tmp")
owner = {}
for tree in ("flatcar", "science", "whaleos-portage-stable", "guru"):
    src = os.path.join(work, tree)
    cache = os.path.join(src, "metadata", "md5-cache")
    for cat in sorted(os.listdir(cache)):
        if not os.path.isdir(os.path.join(cache, cat)):
            continue
        for pf in sorted(os.listdir(os.path.join(cache, cat))):
            pn = re.sub(r"-[0-9][^-]*(-r[0-9]+)?$", "", pf)
            if owner.setdefault((cat, pn), tree) != tree:
                continue
            os.makedirs(os.path.join(dst, "metadata", "md5-cache", cat), exist_ok=True)
            shutil.copyfile(os.path.join(cache, cat, pf), os.path.join(dst, "metadata", "md5-cache", cat, pf))
            xml = os.path.join(src, cat, pn, "metadata.xml")
            if os.path.isfile(xml) and not os.path.exists(os.path.join(dst, cat, pn, "metadata.xml")):
                os.makedirs(os.path.join(dst, cat, pn), exist_ok=True)
                shutil.copyfile(xml, os.path.join(dst, cat, pn, "metadata.xml"))
    eclasses = os.path.join(src, "eclass")
    if os.path.isdir(eclasses):
        for e in os.listdir(eclasses):
            if e.endswith(".eclass") and not os.path.exists(os.path.join(dst, "eclass", e)):
                shutil.copyfile(os.path.join(eclasses, e), os.path.join(dst, "eclass", e))
PY
  ls "$work/union.tmp/metadata/md5-cache" > "$work/union.tmp/profiles/categories"
  mv "$work/union.tmp" "$work/union"
fi

scan() { "$pkgscan" scan -q -r "$1" --no-user-config --no-regen --exit none -j "$2"; }
printf '%-24s %8s %9s %9s %9s %7s %7s %8s\n' tree entries floor-j2 scan-j1 scan-j2 ratio j1/j2 RSS-MB
measure() {  # measure NAME DIR
  local n floor s1 s2 rss
  n=$(find "$2/metadata/md5-cache" -mindepth 2 -type f | wc -l)
  floor=$(best_of "$build/bench/floor_perftest" "$2" -j 2)
  s1=$(best_of scan "$2" 1)
  s2=$(best_of scan "$2" 2)
  rss=$( { /usr/bin/time -f "%M" "$pkgscan" scan -q -r "$2" --no-user-config --no-regen --exit none -j 2 >/dev/null; } 2>&1 | tail -1)
  printf '%-24s %8d %9s %9s %9s %7s %7s %8d\n' "$1" "$n" "$floor" "$s1" "$s2" "$(ratio "$s2" "$floor")" \
    "$(ratio "$s1" "$s2")" $(( rss / 1024 ))
}
measure flatcar "$work/flatcar"
measure science "$work/science"
measure whaleos "$work/whaleos-portage-stable"
measure guru "$work/guru"
measure union "$work/union"
if [ -f "${PKGSCAN_BENCH_TREE:-/tmp/pkgscan-bench-tree}/profiles/repo_name" ]; then
  measure generated "${PKGSCAN_BENCH_TREE:-/tmp/pkgscan-bench-tree}"
fi
echo "(times in ms, best of 3; ratio = scan-j2 / floor-j2; load $(cut -d' ' -f1-3 /proc/loadavg))"
