# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package clean-base"
HOMEPAGE="https://example.org/clean-base"
SRC_URI="https://example.org/clean-base-1.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
