# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package live-b"
HOMEPAGE="https://example.org/live-b"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

DEPEND="
	BootstrapCycle/clean-live
"
