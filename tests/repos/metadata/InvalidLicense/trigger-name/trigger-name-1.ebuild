# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-name in InvalidLicense"
HOMEPAGE="https://example.org/trigger-name"
LICENSE="MIT GPL-2+?x"
SLOT="0"
KEYWORDS="~amd64"
