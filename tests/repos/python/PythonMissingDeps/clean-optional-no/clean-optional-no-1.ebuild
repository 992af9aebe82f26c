# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_13 )
DISTUTILS_OPTIONAL=1
DISTUTILS_USE_PEP517=no
inherit distutils-r1

DESCRIPTION="Fixture package clean-optional-no"
HOMEPAGE="https://example.org/clean-optional-no"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="python"
REQUIRED_USE="python? ( ${PYTHON_REQUIRED_USE} )"
RDEPEND="python? ( ${PYTHON_DEPS} )"
BDEPEND="python? ( ${PYTHON_DEPS} dev-python/setuptools[${PYTHON_USEDEP}] )"
