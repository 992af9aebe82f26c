# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Note taking tool with encrypted notebooks"
HOMEPAGE="https://notewell.example.org/"
SRC_URI="https://notewell.example.org/${P}.tar.gz"

LICENSE="GPL-2"
SLOT="0"
KEYWORDS="~amd64 ~arm64 ~x86"
IUSE="ssl"

RDEPEND="
	dev-libs/oldcrypt
	dev-libs/tinyparse
	ssl? ( dev-libs/libquill:= )
"
DEPEND="${RDEPEND}"

src_install() {
	default
	dodoc README.md
}
