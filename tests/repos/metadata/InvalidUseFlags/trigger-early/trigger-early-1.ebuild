# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=0

DESCRIPTION="Fixture package trigger-early in InvalidUseFlags"
HOMEPAGE="https://example.org/trigger-early"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="+foo"
