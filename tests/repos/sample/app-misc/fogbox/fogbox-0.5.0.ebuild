# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_{12..14} )

inherit python-any-r1

DESCRIPTION="Fog machine controller with a generated protocol table"
HOMEPAGE="https://fogbox.example.org/"
SRC_URI="https://fogbox.example.org/${P}.tar.gz"

LICENSE="Apache-2.0"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="dev-libs/libquill:="
DEPEND="${RDEPEND}"
BDEPEND="${PYTHON_DEPS}"
