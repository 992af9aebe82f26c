# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package every-c"
HOMEPAGE="https://example.org/every-c"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="
	sys-libs/zlib
"

BDEPEND="
	BootstrapCycle/trigger-every-alternative
"
