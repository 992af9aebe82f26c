# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( python2_7 pypy )
inherit python-any-r1

DESCRIPTION="Fixture package clean-pypy2"
HOMEPAGE="https://example.org/clean-pypy2"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="${PYTHON_DEPS}"
