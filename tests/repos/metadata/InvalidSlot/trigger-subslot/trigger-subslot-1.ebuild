# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-subslot in InvalidSlot"
HOMEPAGE="https://example.org/trigger-subslot"
LICENSE="MIT"
SLOT="0/"
KEYWORDS="~amd64"
