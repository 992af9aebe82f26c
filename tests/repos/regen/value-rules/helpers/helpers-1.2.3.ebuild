# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=8
has b a b c && IUSE="has-ok"
MY_PV=$(ver_rs 1- _)
SRC_URI="https://example.org/${PN}-$(ver_cut 1-2).tar.gz https://example.org/${PN}-${MY_PV}.zip"
ver_test -ge 1.2 && IUSE+=" ver-ok"
ver_test 1.2_rc1 -lt 1.2 && IUSE+=" rc-ok"
einfo "a message does not change the entry"
X=$(echo a | sed -e s/a/b/)
DESCRIPTION="a QA interceptor gave [${X}]"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
