# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Legacy checksum routines kept for old callers"
HOMEPAGE="https://oldcrypt.example.org/"
SRC_URI="https://oldcrypt.example.org/${P}.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~x86"
