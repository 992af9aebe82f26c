# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
inherit good
DESCRIPTION="Fixture package trigger-eclass"
HOMEPAGE="https://example.org/trigger-eclass"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
