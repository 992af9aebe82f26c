# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=flit
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package jaraco-text"
HOMEPAGE="https://example.org/jaraco-text"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

RDEPEND="
	dev-python/jaraco-context[${PYTHON_USEDEP}] dev-python/jaraco-functools[${PYTHON_USEDEP}]
"
