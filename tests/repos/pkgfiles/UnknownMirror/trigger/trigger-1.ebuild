# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger"
HOMEPAGE="https://example.org/trigger"
SRC_URI="mirror://nosuchmirror/trigger/trigger-1.tar.gz"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
