# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_13 )
inherit python-any-r1

DESCRIPTION="Fixture package trigger-any"
HOMEPAGE="https://example.org/trigger-any"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
