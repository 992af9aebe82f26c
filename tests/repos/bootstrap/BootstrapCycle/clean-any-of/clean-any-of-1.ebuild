# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-any-of"
HOMEPAGE="https://example.org/clean-any-of"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	|| ( bootstrap-partners/alt-b bootstrap-partners/alt-c )
"
