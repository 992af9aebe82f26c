# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

PYTHON_COMPAT=( python2_7 python3_{6,7,8,9} pypy3 )
inherit distutils-r1

DESCRIPTION="Fixture package cython"
HOMEPAGE="https://example.org/cython"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
