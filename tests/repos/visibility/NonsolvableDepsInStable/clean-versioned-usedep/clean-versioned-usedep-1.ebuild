# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-versioned-usedep in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/clean-versioned-usedep"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
RDEPEND="dep-lib/versioned[vflag]"
