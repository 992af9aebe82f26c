# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-conditional in RedundantDep"
HOMEPAGE="https://example.org/trigger-conditional"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
RDEPEND="dep-lib/basic ssl? ( dep-lib/basic )"
