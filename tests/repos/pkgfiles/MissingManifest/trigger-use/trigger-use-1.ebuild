# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-use"
HOMEPAGE="https://example.org/trigger-use"
SRC_URI="https://example.org/trigger-use-1.tar.gz doc? ( https://example.org/trigger-use-doc-1.tar.gz )"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="doc test"
