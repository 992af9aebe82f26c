# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=no
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package installer"
HOMEPAGE="https://example.org/installer"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	app-arch/unzip
"

distutils_enable_tests pytest
