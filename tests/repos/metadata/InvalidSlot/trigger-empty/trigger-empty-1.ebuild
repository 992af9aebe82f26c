# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-empty in InvalidSlot"
HOMEPAGE="https://example.org/trigger-empty"
LICENSE="MIT"
KEYWORDS="~amd64"
