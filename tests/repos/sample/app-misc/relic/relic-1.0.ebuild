# Copyright 2025 Sample Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Archive browser for old notebooks"
HOMEPAGE="https://relic.example.org/"
SRC_URI="https://relic.example.org/${P}.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64 ~x86"

RDEPEND=">=app-misc/notewell-3.1"
