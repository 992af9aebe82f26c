# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in MissingUseDepDefault"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="dep-lib/useful[foo(-)] dep-lib/basic[ssl] =dep-lib/useful-1*[foo]"
