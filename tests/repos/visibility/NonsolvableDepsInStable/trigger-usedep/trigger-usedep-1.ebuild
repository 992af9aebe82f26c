# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-usedep in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/trigger-usedep"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="pkg-flag masked-flag"
RDEPEND="dep-lib/withflag[pkg-flag=,masked-flag?]"
