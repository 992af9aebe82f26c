# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-unstable-only in PotentialStable"
HOMEPAGE="https://example.org/clean-unstable-only"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~x86"
