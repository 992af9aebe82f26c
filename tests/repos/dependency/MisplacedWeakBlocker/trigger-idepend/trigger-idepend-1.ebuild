# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-idepend in MisplacedWeakBlocker"
HOMEPAGE="https://example.org/trigger-idepend"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="!dep-lib/useful"
IDEPEND="!dep-lib/newname"
