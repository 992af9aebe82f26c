# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=9
inherit c
DESCRIPTION="EAPI 9 (bash 5.3 compatibility, 5.2 when that is what there is)"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
