# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="A package with a broken cache entry"
HOMEPAGE="https://example.org/nul"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
