# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-badsub in InvalidSlot"
HOMEPAGE="https://example.org/trigger-badsub"
LICENSE="MIT"
SLOT="0/+x"
KEYWORDS="~amd64"
