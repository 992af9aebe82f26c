# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package newname in dep-lib"
HOMEPAGE="https://example.org/newname"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
