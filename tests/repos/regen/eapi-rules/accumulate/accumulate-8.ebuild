# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
RESTRICT="re-before"
PROPERTIES="pe-before"
inherit a b
DESCRIPTION="EAPI 8: RESTRICT and PROPERTIES are incremental"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
