# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7
RESTRICT="re-before"
PROPERTIES="pe-before"
inherit a b
DESCRIPTION="EAPI 7: eclasses overwrite RESTRICT and PROPERTIES"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
