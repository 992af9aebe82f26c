# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-within"
HOMEPAGE="https://example.org/trigger-within"
SRC_URI="https://example.org/a-1.tar.gz https://example.org/b-1.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
