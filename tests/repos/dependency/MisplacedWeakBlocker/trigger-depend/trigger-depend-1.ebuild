# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-depend in MisplacedWeakBlocker"
HOMEPAGE="https://example.org/trigger-depend"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
DEPEND="!dep-lib/basic"
