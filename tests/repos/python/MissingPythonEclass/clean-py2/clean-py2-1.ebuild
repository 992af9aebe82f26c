# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-py2"
HOMEPAGE="https://example.org/clean-py2"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
