# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

PYTHON_COMPAT=( python3_{6,7,8,9} )
inherit python-any-r1

DESCRIPTION="Fixture package clean-any"
HOMEPAGE="https://example.org/clean-any"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
BDEPEND="${PYTHON_DEPS}"
