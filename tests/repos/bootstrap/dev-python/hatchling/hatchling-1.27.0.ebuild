# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=standalone
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package hatchling"
HOMEPAGE="https://example.org/hatchling"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="
	dev-python/pathspec[${PYTHON_USEDEP}]
"

BDEPEND="
	dev-python/pathspec[${PYTHON_USEDEP}]
"
