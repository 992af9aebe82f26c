# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 python3_{4,5,6,7} pypy{,3} )
inherit distutils-r1

DESCRIPTION="Fixture package cython"
HOMEPAGE="https://example.org/cython"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
