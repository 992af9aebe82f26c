# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

DESCRIPTION="EAPI assigned after another statement"
EAPI=8
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
