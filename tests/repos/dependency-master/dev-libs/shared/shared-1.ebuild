# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package shared in dev-libs"
HOMEPAGE="https://example.org/shared"
LICENSE="MIT"
SLOT="2"
KEYWORDS="~amd64"

