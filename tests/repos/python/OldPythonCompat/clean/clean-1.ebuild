# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( pypy3_12 python3_{12..14} python3_14t )
DISTUTILS_USE_PEP517=setuptools
inherit distutils-r1

DESCRIPTION="Fixture package clean"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
