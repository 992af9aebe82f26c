# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

inherit extra

DESCRIPTION="Fixture package bar"
HOMEPAGE="https://example.org/bar"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
