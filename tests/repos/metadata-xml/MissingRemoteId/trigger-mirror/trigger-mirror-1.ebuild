# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-mirror in MissingRemoteId"
HOMEPAGE="https://example.org/trigger-mirror"
SRC_URI="mirror://sourceforge/frobber/frobber-1.tar.gz"
LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
