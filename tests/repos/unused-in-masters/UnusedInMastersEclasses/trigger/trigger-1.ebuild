# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

inherit dormant

DESCRIPTION="Fixture package"
HOMEPAGE="https://example.org/"
SRC_URI=""

LICENSE="Used"
SLOT="0"
KEYWORDS="~amd64"
IUSE=""
