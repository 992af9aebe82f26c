# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=flit
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package trigger-runtime"
HOMEPAGE="https://example.org/trigger-runtime"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	bootstrap-partners/rt-b[${PYTHON_USEDEP}]
"
