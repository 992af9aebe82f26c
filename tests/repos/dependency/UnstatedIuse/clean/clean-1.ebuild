# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in UnstatedIuse"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
RDEPEND="ssl? ( dep-lib/basic[ssl=] ) amd64? ( dep-lib/useful ) elibc_glibc? ( dep-lib/newname ) prefix? ( dep-lib/basic ) kernel_linux? ( dep-lib/basic ) arm64? ( dep-lib/basic )"
