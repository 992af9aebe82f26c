# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

PYTHON_COMPAT=( python3_13 )
inherit python-single-r1

DESCRIPTION="Fixture package trigger-single"
HOMEPAGE="https://example.org/trigger-single"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
