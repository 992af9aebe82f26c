# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package foo"
HOMEPAGE="https://example.org/foo"
SRC_URI="mirror://gnu/foo/foo-1.tar.gz doc? ( mirror://sourceforge/foo/foo-doc-1.tar.gz )"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"
IUSE="doc test"
