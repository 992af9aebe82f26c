# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-every-alternative"
HOMEPAGE="https://example.org/trigger-every-alternative"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	|| ( bootstrap-partners/every-b bootstrap-partners/every-c )
"
