# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6
inherit rq
DESCRIPTION="EAPI 6 drops BDEPEND and IDEPEND"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
IUSE="own"
REQUIRED_USE="?? ( own r1 )"
DEPEND="own/dep"
RDEPEND="own/rdep"
PDEPEND="own/pdep"
BDEPEND="own/bdep"
IDEPEND="own/idep"
