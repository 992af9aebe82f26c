# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( pypy3 python3_13t python3_{12..14} )
DISTUTILS_USE_PEP517=setuptools
inherit distutils-r1

DESCRIPTION="Fixture package trigger-pypy-ft"
HOMEPAGE="https://example.org/trigger-pypy-ft"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
