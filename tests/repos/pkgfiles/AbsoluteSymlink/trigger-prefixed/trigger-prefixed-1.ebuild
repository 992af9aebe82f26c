# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger-prefixed"
HOMEPAGE="https://example.org/trigger-prefixed"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

src_install() {
	dosym "${EPREFIX}"/opt/foo/bin/foo /usr/bin/foo
}
