# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-name in InvalidSlot"
HOMEPAGE="https://example.org/trigger-name"
LICENSE="MIT"
SLOT="-foo"
KEYWORDS="~amd64"
