# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=4

DESCRIPTION="Fixture package trigger-early in InvalidSlot"
HOMEPAGE="https://example.org/trigger-early"
LICENSE="MIT"
SLOT="0/1"
KEYWORDS="~amd64"
