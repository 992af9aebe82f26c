# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-blocker-slot in BadDependency"
HOMEPAGE="https://example.org/trigger-blocker-slot"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="dep-lib/basic !!=dep-lib/useful-2-r0:3/4=[a,b,c] dep-lib/nosuch-here"
