# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

inherit c
DESCRIPTION="no EAPI line: EAPI 0 phases and fallback"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
DEPEND="x/y"
src_unpack() { :; }
pkg_pretend() { :; }
src_configure() { :; }
