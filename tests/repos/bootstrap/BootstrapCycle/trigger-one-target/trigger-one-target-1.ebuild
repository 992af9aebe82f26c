# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DISTUTILS_USE_PEP517=flit
PYTHON_COMPAT=( python3_{13..14} )

inherit distutils-r1

DESCRIPTION="Fixture package trigger-one-target"
HOMEPAGE="https://example.org/trigger-one-target"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	python_targets_python3_14? ( bootstrap-partners/one-target-b[python_targets_python3_14(-)] )
"
