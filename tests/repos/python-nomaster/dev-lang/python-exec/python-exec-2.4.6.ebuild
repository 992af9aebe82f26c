# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

inherit python-utils-r1
# Every implementation of the eclass
PYTHON_COMPAT=( "${_PYTHON_ALL_IMPLS[@]}" )
inherit python-r1

DESCRIPTION="Fixture package python-exec"
HOMEPAGE="https://example.org/python-exec"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="!<dev-python/python-exec-10000"
