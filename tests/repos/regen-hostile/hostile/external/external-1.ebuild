# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
DESCRIPTION="hostile fixture"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
X=$(rm -rf /)
