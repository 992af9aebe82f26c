# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64 x86"
IUSE="masked-flag"
RDEPEND="dep-lib/good || ( dep-lib/masked dep-lib/good ) !dep-lib/masked masked-flag? ( dep-lib/masked ) dep-lib/withflag[-masked-flag,masked-flag?,feature]"
