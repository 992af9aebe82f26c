# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 python3_{6,7} )
inherit python-any-r1

DESCRIPTION="Fixture package clean-latest"
HOMEPAGE="https://example.org/clean-latest"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="${PYTHON_DEPS}"
