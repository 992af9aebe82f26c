# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
inherit a b
DESCRIPTION="a then b, both inheriting the unguarded c"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
IUSE="eb"
DEPEND="e/dep"
RESTRICT="re"
