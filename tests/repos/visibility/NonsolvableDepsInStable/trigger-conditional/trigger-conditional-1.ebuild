# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-conditional in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/trigger-conditional"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
IUSE="foo"
RDEPEND="foo? ( dep-lib/masked ) !foo? ( dep-lib/good )"
