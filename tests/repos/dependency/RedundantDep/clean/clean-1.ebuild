# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in RedundantDep"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
DEPEND="dep-lib/basic"
RDEPEND="ssl? ( dep-lib/basic ) !ssl? ( dep-lib/basic ) || ( dep-lib/basic dep-lib/newname ) || ( dep-lib/basic dep-lib/useful ) >=dep-lib/useful-1 dep-lib/useful"
