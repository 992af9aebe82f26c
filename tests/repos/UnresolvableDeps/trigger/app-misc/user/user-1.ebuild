# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package user in app-misc"
HOMEPAGE="https://example.org/user"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="dev-libs/from-master"
RDEPEND="dev-libs/from-master >=app-misc/local-2"
