# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-usedeps in NonexistentDeps"
HOMEPAGE="https://example.org/trigger-usedeps"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="static"
DEPEND="!static? ( app-arch/bzip2 ) static? ( app-arch/bzip2[static-libs(+)] )
	!static? ( >=dep-lib/basic-5 ) static? ( >=dep-lib/basic-5[static-libs(+)] )"
RDEPEND="!static? ( app-arch/bzip2 ) static? ( app-arch/bzip2[static-libs(+)] )
	!static? ( >=dep-lib/basic-5 ) static? ( >=dep-lib/basic-5[static-libs(+)] )"
