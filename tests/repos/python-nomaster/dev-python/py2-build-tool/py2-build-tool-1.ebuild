# Copyright 1999-2021 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=7

PYTHON_COMPAT=( python2_7 )
inherit python-any-r1

DESCRIPTION="Fixture package py2-build-tool"
HOMEPAGE="https://example.org/py2-build-tool"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
BDEPEND="${PYTHON_DEPS}"
