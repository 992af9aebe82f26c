# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

inherit used

DESCRIPTION="Fixture package"
HOMEPAGE="https://example.org/"
SRC_URI="mirror://used/user-1.tar.gz"

LICENSE="Used || ( Used Used )"
SLOT="0"
KEYWORDS="~amd64"
IUSE="used localised"
