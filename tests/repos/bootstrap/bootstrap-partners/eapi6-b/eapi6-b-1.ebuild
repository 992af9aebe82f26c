# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=6

DESCRIPTION="Fixture package eapi6-b"
HOMEPAGE="https://example.org/eapi6-b"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

DEPEND="
	>=BootstrapCycle/trigger-eapi6-1
"
