# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-usedeps in MissingPackageRevision"
HOMEPAGE="https://example.org/trigger-usedeps"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="ssl"
DEPEND="=dep-lib/basic-1"
RDEPEND="=dep-lib/basic-1 ssl? ( =dep-lib/basic-1[foo(-)] )"
