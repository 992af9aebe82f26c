# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=no
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package gpep517"
HOMEPAGE="https://example.org/gpep517"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="
	>=dev-python/installer-0.5.0[${PYTHON_USEDEP}] >=dev-python/packaging-26.1[${PYTHON_USEDEP}]
"

distutils_enable_tests pytest
