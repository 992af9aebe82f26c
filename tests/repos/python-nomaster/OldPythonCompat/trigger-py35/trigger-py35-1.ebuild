# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

PYTHON_COMPAT=( python2_7 python3_{5,6,7} pypy3 )
inherit distutils-r1

DESCRIPTION="Fixture package trigger-py35"
HOMEPAGE="https://example.org/trigger-py35"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
