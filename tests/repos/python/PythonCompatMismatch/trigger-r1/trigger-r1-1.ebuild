# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_12 python3_13 python3_14 )
DISTUTILS_USE_PEP517=setuptools
inherit distutils-r1

DESCRIPTION="Fixture package trigger-r1"
HOMEPAGE="https://example.org/trigger-r1"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
