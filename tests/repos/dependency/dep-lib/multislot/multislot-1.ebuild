# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package multislot in dep-lib"
HOMEPAGE="https://example.org/multislot"
LICENSE="MIT"
SLOT="1"
KEYWORDS="~amd64"
