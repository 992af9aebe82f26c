# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package every-b"
HOMEPAGE="https://example.org/every-b"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	BootstrapCycle/trigger-every-alternative
"
