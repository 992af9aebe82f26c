# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Tiny streaming parser for key-value files"
HOMEPAGE="https://tinyparse.example.org/"
SRC_URI="https://tinyparse.example.org/${P}.tar.xz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~arm64"

RDEPEND="dev-libs/libquill:="
DEPEND="${RDEPEND}"
