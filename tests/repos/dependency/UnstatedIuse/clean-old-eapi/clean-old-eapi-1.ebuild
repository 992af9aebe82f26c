# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=4

DESCRIPTION="Fixture package clean-old-eapi in UnstatedIuse"
HOMEPAGE="https://example.org/clean-old-eapi"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="bar? ( dep-lib/basic )"
