# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=3
inherit c
DESCRIPTION="EAPI 3: RDEPEND defaults to the ebuild's own DEPEND"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
DEPEND="x/y"
