# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package p1 in app-misc"
HOMEPAGE="https://example.org/p1"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="frob"
