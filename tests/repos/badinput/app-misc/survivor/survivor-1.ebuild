# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="A healthy package next to broken ones"
HOMEPAGE="https://example.org/survivor"
LICENSE="NoSuchLicence"
SLOT="0"
KEYWORDS="~amd64"
