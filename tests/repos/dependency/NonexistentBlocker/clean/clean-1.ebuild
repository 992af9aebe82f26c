# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean in NonexistentBlocker"
HOMEPAGE="https://example.org/clean"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="!dep-lib/basic !<dep-lib/basic-2 !dep-lib/oldname !dep-lib/multislot:3 !=dep-lib/useful-2* !~dep-lib/useful-1 !!>=dep-lib/basic-1[foo(-)]"
