# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package"
HOMEPAGE="https://example.org/"
SRC_URI=""

LICENSE="Dormant Other"
SLOT="0"
KEYWORDS="~amd64"
IUSE=""
