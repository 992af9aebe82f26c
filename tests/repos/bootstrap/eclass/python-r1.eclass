# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2
# Fixture stub: only its name and md5 matter to the cache.
# @ECLASS: python-r1.eclass
