# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 python3_{3,4,5,6} )
inherit python-any-r1

DESCRIPTION="Fixture package trigger-any"
HOMEPAGE="https://example.org/trigger-any"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="${PYTHON_DEPS}"
