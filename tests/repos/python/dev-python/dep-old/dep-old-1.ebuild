# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_12 python3_13 )
DISTUTILS_USE_PEP517=setuptools
inherit distutils-r1

DESCRIPTION="Fixture package dep-old"
HOMEPAGE="https://example.org/dep-old"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
