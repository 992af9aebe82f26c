# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-doc"
HOMEPAGE="https://example.org/trigger-doc"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="doc"

BDEPEND="
	doc? ( bootstrap-partners/cond-doc-b )
"
