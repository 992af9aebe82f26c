# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-build-only in MissingSlotDep"
HOMEPAGE="https://example.org/clean-build-only"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="dep-lib/multislot"
RDEPEND="dep-lib/multislot:2"
