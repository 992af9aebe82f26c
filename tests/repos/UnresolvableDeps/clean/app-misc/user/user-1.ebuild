# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package user in app-misc"
HOMEPAGE="https://example.org/user"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
RDEPEND="app-misc/local"
