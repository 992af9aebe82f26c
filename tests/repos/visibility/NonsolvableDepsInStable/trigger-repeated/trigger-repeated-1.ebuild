# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-repeated in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/trigger-repeated"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="rflag"
RDEPEND="dep-lib/unstable rflag? ( dep-lib/masked )"
DEPEND="${RDEPEND}"
