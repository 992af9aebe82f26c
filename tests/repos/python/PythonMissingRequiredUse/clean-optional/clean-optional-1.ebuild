# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_12 python3_13 )
inherit python-r1

DESCRIPTION="Fixture package clean-optional"
HOMEPAGE="https://example.org/clean-optional"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
