# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package alt-c"
HOMEPAGE="https://example.org/alt-c"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

BDEPEND="
	app-arch/unzip
"
