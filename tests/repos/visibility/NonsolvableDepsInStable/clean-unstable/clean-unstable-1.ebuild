# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-unstable in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/clean-unstable"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~x86"
RDEPEND="dep-lib/unstable dep-lib/withflag[unstable-flag]"
