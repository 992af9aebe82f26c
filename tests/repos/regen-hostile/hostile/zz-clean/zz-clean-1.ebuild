# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
DESCRIPTION="sourced after every hostile one"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
