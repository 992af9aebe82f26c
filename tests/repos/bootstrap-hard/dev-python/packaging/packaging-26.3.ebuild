# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=flit-core
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package packaging"
HOMEPAGE="https://example.org/packaging"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="test"

RDEPEND="
	!<dev-python/setuptools-67
"

DEPEND="
	test? ( dev-python/pretend[${PYTHON_USEDEP}] dev-python/pytest[${PYTHON_USEDEP}] )
"
