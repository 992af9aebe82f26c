#!/usr/bin/env python3
"""Shape statistics of an ebuild repository's md5-cache, to compare the
generated benchmark tree with real ones (issue 14): versions per package,
dependency atoms per entry and how many name a package the tree lacks,
|| ( ) groups and their length, eclasses per entry.

    bench/tree_shape.py TREE [TREE...]
"""
import os
import re
import sys

DEP_KEYS = ("DEPEND", "RDEPEND", "BDEPEND", "PDEPEND", "IDEPEND")
ATOM = re.compile(r"^!{0,2}[<>=~]{0,2}([A-Za-z0-9+_.-]+/[A-Za-z0-9+_-]+?)(?:-[0-9][^:\[\s]*)?(?:[:\[].*)?$")


def shape(tree):
    cache = os.path.join(tree, "metadata", "md5-cache")
    versions, entries = {}, []
    for cat in sorted(os.listdir(cache)):
        d = os.path.join(cache, cat)
        if not os.path.isdir(d):
            continue
        for pf in os.listdir(d):
            m = re.match(r"^(.+?)-[0-9]", pf)
            pkg = cat + "/" + (m.group(1) if m else pf)
            versions[pkg] = versions.get(pkg, 0) + 1
            with open(os.path.join(d, pf), encoding="utf-8", errors="replace") as f:
                kv = dict(line.rstrip("\n").split("=", 1) for line in f if "=" in line)
            entries.append(kv)
    atoms = missing = groups = group_members = 0
    eclasses = 0
    for kv in entries:
        eclasses += len(kv.get("_eclasses_", "").split()) // 2
        for key in DEP_KEYS:
            toks = kv.get(key, "").split()
            depth_members = []
            for i, t in enumerate(toks):
                if t == "||":
                    groups += 1
                    depth_members.append(0)
                elif t == "(":
                    continue
                elif t == ")":
                    pass
                m = ATOM.match(t)
                if m and "/" in t:
                    atoms += 1
                    if m.group(1) not in versions:
                        missing += 1
                    if depth_members:
                        group_members += 1
            # group length: members counted while inside any || group (approximate for nesting)
    n = len(entries)
    counts = sorted(versions.values())
    many = sum(1 for c in counts if c >= 10)
    return {
        "entries": n,
        "packages": len(versions),
        "versions/pkg": round(n / max(1, len(versions)), 2),
        "pkgs>=10 versions": many,
        "max versions": counts[-1] if counts else 0,
        "atoms/entry": round(atoms / max(1, n), 1),
        "unresolvable atoms %": round(100 * missing / max(1, atoms), 1),
        "|| groups/entry": round(groups / max(1, n), 2),
        "eclasses/entry": round(eclasses / max(1, n), 1),
    }


def main():
    rows = [(t, shape(t)) for t in sys.argv[1:]]
    keys = list(rows[0][1].keys()) if rows else []
    print("%-22s" % "" + "".join("%14s" % os.path.basename(t.rstrip("/"))[:13] for t, _ in rows))
    for k in keys:
        print("%-22s" % k + "".join("%14s" % r[k] for _, r in rows))


if __name__ == "__main__":
    main()
