# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
hasq a a b && IUSE="x"
