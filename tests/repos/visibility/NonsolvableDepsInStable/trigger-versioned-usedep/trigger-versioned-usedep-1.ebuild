# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-versioned-usedep in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/trigger-versioned-usedep"
LICENSE="MIT"
SLOT="0"
KEYWORDS="amd64"
RDEPEND="<dep-lib/versioned-2[vflag]"
