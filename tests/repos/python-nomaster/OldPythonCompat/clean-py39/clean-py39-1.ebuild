# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

PYTHON_COMPAT=( python3_{6,7,8,9} )
inherit distutils-r1

DESCRIPTION="Fixture package clean-py39"
HOMEPAGE="https://example.org/clean-py39"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
