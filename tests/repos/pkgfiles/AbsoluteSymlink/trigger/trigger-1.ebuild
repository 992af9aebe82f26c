# Copyright 2026 Gentoo Authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8

DESCRIPTION="Fixture package trigger"
HOMEPAGE="https://example.org/trigger"

LICENSE="MIT"
SLOT="0"
KEYWORDS="~amd64"

src_install() {
	dosym /usr/lib/libfoo.so.1 /usr/lib/libfoo.so
}
