# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
DESCRIPTION="-n  hello   world"
HOMEPAGE="-e https://example.org/a\tb"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64 ~amd64"
IUSE="a
	b   c"
SRC_URI="https://example.org/*.tar.gz?x=1"
RESTRICT="   "
