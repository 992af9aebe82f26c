# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=standalone
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package setuptools"
HOMEPAGE="https://example.org/setuptools"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="
	dev-python/jaraco-collections[${PYTHON_USEDEP}] dev-python/jaraco-functools[${PYTHON_USEDEP}] dev-python/jaraco-text[${PYTHON_USEDEP}] dev-python/more-itertools[${PYTHON_USEDEP}] dev-python/packaging[${PYTHON_USEDEP}] dev-python/platformdirs[${PYTHON_USEDEP}] dev-python/wheel[${PYTHON_USEDEP}]
"

BDEPEND="
	dev-python/jaraco-collections[${PYTHON_USEDEP}] dev-python/jaraco-functools[${PYTHON_USEDEP}] dev-python/jaraco-text[${PYTHON_USEDEP}] dev-python/more-itertools[${PYTHON_USEDEP}] dev-python/packaging[${PYTHON_USEDEP}] dev-python/platformdirs[${PYTHON_USEDEP}] dev-python/wheel[${PYTHON_USEDEP}]
"

PDEPEND="
	>=dev-python/setuptools-scm-8[${PYTHON_USEDEP}] dev-python/trove-classifiers[${PYTHON_USEDEP}]
"

distutils_enable_tests pytest
