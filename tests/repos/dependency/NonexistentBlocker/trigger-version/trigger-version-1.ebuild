# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-version in NonexistentBlocker"
HOMEPAGE="https://example.org/trigger-version"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="!<dep-lib/basic-0.18.1.1-r3"
RDEPEND="!<dep-lib/basic-0.18.1.1-r3 !>dep-lib/useful-2-r999 !=dep-lib/useful-3*"
