# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=10

DESCRIPTION="Fixture package trigger-future in InvalidEapi"
HOMEPAGE="https://example.org/trigger-future"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
