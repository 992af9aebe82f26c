# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 python3_6 )
inherit python-r1

DESCRIPTION="Fixture package trigger-r1"
HOMEPAGE="https://example.org/trigger-r1"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
REQUIRED_USE="${PYTHON_REQUIRED_USE}"
RDEPEND="dev-python/six[${PYTHON_USEDEP}]"
