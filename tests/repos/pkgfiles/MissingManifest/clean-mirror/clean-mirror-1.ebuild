# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-mirror"
HOMEPAGE="https://example.org/clean-mirror"
SRC_URI="mirror://gnu/clean-mirror/clean-mirror-1.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
