# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean"
HOMEPAGE="https://example.org/clean"
SRC_URI="mirror://sourceforge/clean/clean-1.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
