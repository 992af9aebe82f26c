# Copyright 1999-2018 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

PYTHON_COMPAT=( pypy )
inherit python-any-r1

DESCRIPTION="Fixture package clean-any-pypy"
HOMEPAGE="https://example.org/clean-any-pypy"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="${PYTHON_DEPS}"
