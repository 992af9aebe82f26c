# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-arrow"
HOMEPAGE="https://example.org/trigger-arrow"
SRC_URI="https://example.org/x.tar.gz ->"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
