# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_12 python3_13 python3_14 python3_15 python3_14t python3_15t pypy3_11 pypy3_12 )
inherit python-r1

DESCRIPTION="Fixture package cython"
HOMEPAGE="https://example.org/cython"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
