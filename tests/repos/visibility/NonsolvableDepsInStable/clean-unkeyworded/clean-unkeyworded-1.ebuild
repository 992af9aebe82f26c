# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-unkeyworded in NonsolvableDepsInStable"
HOMEPAGE="https://example.org/clean-unkeyworded"
LICENSE="MIT"
SLOT="0"
KEYWORDS="-*"
RDEPEND="dep-lib/masked"
