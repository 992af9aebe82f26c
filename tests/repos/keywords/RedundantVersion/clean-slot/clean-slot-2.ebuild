# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-slot in RedundantVersion"
HOMEPAGE="https://example.org/clean-slot"
LICENSE="MIT"
SLOT="2"
KEYWORDS="amd64"
