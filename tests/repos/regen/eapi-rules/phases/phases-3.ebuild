# Copyright 2026 pkgscan authors
# Distributed under the terms of the GNU General Public License v2

EAPI=3
DESCRIPTION="EAPI 3 has configure and prepare, no pretend"
HOMEPAGE="https://example.org/regen"
SLOT="0"
LICENSE="MIT"
KEYWORDS="~amd64"
pkg_pretend() { :; }
src_configure() { :; }
src_prepare() { :; }
