# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_EXT=1
DISTUTILS_USE_PEP517=setuptools
PYTHON_COMPAT=( python3_{12..14} )

inherit distutils-r1

DESCRIPTION="Snow pea growth simulator with a small C core"
HOMEPAGE="https://snowpea.example.org/"
SRC_URI="https://snowpea.example.org/${P}.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~arm64"

DEPEND="dev-libs/tinyparse"
RDEPEND="
	${DEPEND}
	dev-python/petalkit[${PYTHON_USEDEP}]
"
